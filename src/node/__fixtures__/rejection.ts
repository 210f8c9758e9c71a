/**
 * What `promise` rejected with, when it is an `ErrorClass`; a resolved promise or another error fails
 * the test, saying what came instead.
 */
export async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  ErrorClass: abstract new (...args: never[]) => E,
): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error instanceof ErrorClass) return error;
  throw new Error(`expected a ${ErrorClass.name}, got ${String(error)}`);
}
