/**
 * What a diagram draws: the SVG elements whose boxes make up its drawing. Fitting a diagram at
 * build time and measuring it on the slide both look at these; the in-page functions get it as an
 * argument, since they cannot reach module scope.
 */
export const DRAWN_SHAPES = 'path, rect, line, circle, ellipse, polygon, polyline, text';
