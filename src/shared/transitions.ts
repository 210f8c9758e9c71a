/** The slide transition the deck presents with; with reduced motion, none. */
export const SLIDE_TRANSITION = 'slide';
/** Every transition the deck can show: the stylesheet keeps only these (`unused-transitions.ts`). */
export const DECK_TRANSITIONS = [SLIDE_TRANSITION, 'none'] as const;
