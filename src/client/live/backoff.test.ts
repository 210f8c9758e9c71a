import { describe, expect, it } from 'vitest';
import { RECONNECT_BACKOFF, retryDelayMs } from './backoff.ts';

describe('the wait between tries to reach the broker', () => {
  it('doubles from the first wait and stops at the cap, however long the outage', () => {
    const longest = (failures: number) => retryDelayMs(failures, RECONNECT_BACKOFF, () => 1);
    expect([0, 1, 2, 3, 4, 10, 1000].map(longest)).toEqual([500, 1000, 2000, 4000, 4000, 4000, 4000]);
  });

  it('is drawn between half and all of it', () => {
    expect(retryDelayMs(3, RECONNECT_BACKOFF, () => 0)).toBe(2000);
    expect(retryDelayMs(3, RECONNECT_BACKOFF, () => 0.5)).toBe(3000);
  });
});
