// Steps that read stored state and write what they derive from it must not interleave: the later call
// would otherwise finish first and be overwritten by the one that read older state.

/** `fn`, with each call starting once the calls made before it have finished (failed ones included). */
export function serially<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let last: Promise<unknown> = Promise.resolve();
  return (...args) => {
    const run = last.then(
      () => fn(...args),
      () => fn(...args),
    );
    last = run.catch(() => undefined);
    return run;
  };
}
