/** A new element of the page (or of `doc`, another window's) with a class and, if given, its text. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
  doc: Document = document,
): HTMLElementTagNameMap[K] {
  const made = doc.createElement(tag);
  made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}
