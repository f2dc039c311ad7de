import type { Steps } from '../util/steps';

/** How long an analysis may run before it lets other messages (a newer edit) through. */
const SLICE_MS = 12;

/**
 * How long to wait after an edit before analysing: no longer than the document's last analysis
 * took, up to the configured delay. An analysis runs in time slices and a newer edit supersedes
 * it, so waiting buys nothing when the analysis is short (a small file gets its diagnostics
 * while the key is still down); for a file whose analysis takes longer, keystrokes in a burst
 * are gathered as before. The first analysis of a document runs at once.
 */
export function delayAfterEdit(configuredMs: number, lastAnalysisMs: number | undefined): number {
  return Math.max(0, Math.min(configuredMs, lastAnalysisMs ?? configuredMs));
}

/**
 * One analysis per document at a time, debounced. A newer edit supersedes a running
 * analysis: it stops at its next time slice and its result is never published.
 */
export class AnalysisScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly generations = new Map<string, number>();

  constructor(private readonly run: (uri: string, isCurrent: () => boolean) => Promise<void>) {}

  schedule(uri: string, delayMs: number): void {
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    clearTimeout(this.timers.get(uri));
    const start = () => {
      this.timers.delete(uri);
      void this.run(uri, () => this.generations.get(uri) === generation);
    };
    if (delayMs <= 0) start();
    else this.timers.set(uri, setTimeout(start, delayMs));
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.generations.set(uri, (this.generations.get(uri) ?? 0) + 1);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/** Runs steps in time slices; undefined when `isCurrent` turned false on the way. */
export async function runSliced<T>(
  steps: Steps<T>,
  isCurrent: () => boolean,
  yieldToEventLoop: () => Promise<void>,
): Promise<T | undefined> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      if (!isCurrent()) return undefined;
      sliceStart = performance.now();
    }
  }
}
