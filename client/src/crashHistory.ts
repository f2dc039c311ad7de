/**
 * When a crashed language server is restarted: VS Code's own rule for language clients (up to
 * 4 restarts; the 5th crash within 3 minutes stops it), kept here so the extension can tell the
 * user itself, with "Show Log" and "Restart" buttons, instead of the client's generic message.
 * Pure (no `vscode`), so it is unit-tested.
 */
export class CrashHistory {
  private readonly crashes: number[] = [];

  constructor(
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60_000,
  ) {}

  /** Records a crash at `now` (ms); whether the server should be restarted. */
  shouldRestart(now: number): boolean {
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0]! > this.windowMs) this.crashes.shift();
    return this.crashes.length <= this.maxRestarts;
  }

  /** The crashes counted now (within the window of the last one). */
  get count(): number {
    return this.crashes.length;
  }

  /** A restart by the user starts afresh. */
  clear(): void {
    this.crashes.length = 0;
  }
}
