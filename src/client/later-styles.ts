// The styles no first screen on a wide window uses: reveal.js's for the overview, the print and
// scroll views and the overlays, and the deck's phone layout. Their own chunk, loaded once the first
// screen is shown (before reveal starts, for the print view and a phone).
import 'virtual:reveal-later.css';
import './narrow-layout.css';
