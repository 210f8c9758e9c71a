import type { Slide } from './slides.ts';

/**
 * Seconds each slide may take when the talk lasts `minutes`: the time is shared by the slides'
 * `weight` (1 unless set), so the speaker view's pacing timer says when the presenter falls behind.
 */
export function slideSeconds(slides: readonly Pick<Slide, 'data'>[], minutes: number): number[] {
  const weights = slides.map(({ data }) => data.weight ?? 1);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => Math.round((minutes * 60 * weight) / total));
}
