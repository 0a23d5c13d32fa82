/** One call made on a recorded instrument: the property path and the arguments. */
export interface InstrumentCall {
  readonly path: readonly string[];
  readonly args: readonly unknown[];
}

/**
 * A stand-in for a logger or metrics object that records every call made through it, at any
 * depth (`metrics.modelSelected.inc(labels)` records `['modelSelected', 'inc']`), so code run in
 * a worker thread can report to the main thread's real instruments ({@link replayInstrumentCalls}).
 * Calls return `undefined`; the arguments must survive structured cloning (labels, numbers, text).
 */
export function recordingInstrument<T>(calls: InstrumentCall[], path: readonly string[] = []): T {
  return new Proxy(() => undefined, {
    get: (_target, key) => (typeof key === 'string' ? recordingInstrument(calls, [...path, key]) : undefined),
    apply: (_target, _this, args: unknown[]) => {
      calls.push({ path, args });
      return undefined;
    },
  }) as T;
}

/** Makes the recorded calls on the real instrument, each with its owner as `this`. */
export function replayInstrumentCalls(target: unknown, calls: readonly InstrumentCall[]): void {
  if (target === undefined || target === null) return;
  for (const { path, args } of calls) {
    let owner = target as Record<string, unknown> | undefined;
    for (const key of path.slice(0, -1)) owner = owner?.[key] as Record<string, unknown> | undefined;
    const method = owner?.[path[path.length - 1]];
    if (typeof method === 'function') method.apply(owner, args);
  }
}
