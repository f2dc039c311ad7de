/**
 * Long computations are written as generators that yield between units of work (a chunk
 * parsed, a chunk validated), so that the server can pause them to stay responsive and
 * abandon them when the text changes. Callers that do not care run them to the end.
 */
export type Steps<T> = Generator<void, T, void>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
