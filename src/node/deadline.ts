/** Thrown when work outlives its time limit; `message` says what was running. */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/**
 * Settles with `work`, or rejects with a `DeadlineError` once `ms` have passed. The message is made
 * when the limit is hit, so it can name the stage the work had reached. The work itself is not
 * stopped: the caller cleans up (closes the browser) in its `finally`.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(message())), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
