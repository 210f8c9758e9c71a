/**
 * Readies the print view for a tagged PDF. reveal leaves the slides it did not show hidden from
 * assistive technology (they would go untagged), and a PDF figure has only Alt text, so a
 * diagram's description joins its name there.
 */
export function prepareForTaggedPdf(root: HTMLElement): void {
  for (const section of root.querySelectorAll('.slides section')) {
    section.removeAttribute('aria-hidden');
    section.removeAttribute('inert');
  }
  for (const figure of root.querySelectorAll<HTMLElement>('figure[role="img"][aria-describedby]')) {
    const description = document.getElementById(figure.getAttribute('aria-describedby') ?? '')?.textContent?.trim();
    if (description) figure.setAttribute('aria-label', `${figure.getAttribute('aria-label') ?? ''}. ${description}`);
  }
}
