/** How long to wait between tries to reach a lost broker: doubling from the first wait up to a cap. */
export interface Backoff {
  firstMs: number;
  maxMs: number;
}

/**
 * Half a second, doubling to four: a broker back after a long outage is found within about four
 * seconds, and a broken one costs a handful of tries a minute per page.
 */
export const RECONNECT_BACKOFF: Backoff = { firstMs: 500, maxMs: 4000 };

/**
 * The wait before try number `failures + 1`: the capped doubling, drawn between half and all of it,
 * so a hall of followers that lost the broker together does not come back in the same millisecond.
 */
export function retryDelayMs(failures: number, { firstMs, maxMs }: Backoff, random = Math.random): number {
  const ceiling = Math.min(maxMs, firstMs * 2 ** failures);
  return ceiling / 2 + (random() * ceiling) / 2;
}
