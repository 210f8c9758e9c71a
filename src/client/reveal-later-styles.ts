// reveal.js's styles that no first screen uses (the overview, the print and scroll views, the
// overlays): their own chunk, loaded once the first screen is shown.
import 'virtual:reveal-later.css';
