/** reveal's notes plugin loads the deck into its preview frames with `receiver` in the query. */
const PREVIEW_QUERY = /[?&]receiver\b/;

/** Only the current-slide preview reports its moves to the speaker view; the upcoming one does not. */
export const REPORTING_PREVIEW_QUERY = /[?&]postMessageEvents=true\b/;

/** True inside one of the speaker view's preview frames (the current and the upcoming slide). */
export function isSpeakerViewPreview(search: string): boolean {
  return PREVIEW_QUERY.test(search);
}
