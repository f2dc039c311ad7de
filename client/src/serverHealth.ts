import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type ErrorHandler } from 'vscode-languageclient/node';
import { CrashHistory } from './crashHistory';

/**
 * What happens when the language server fails: restarted after a crash (VS Code's rule: up to 4
 * times in 3 minutes), else the user is told plainly, with "Show Log" and "Restart", and the
 * status item shows the failure.
 */
export class ServerHealth {
  private readonly crashes = new CrashHistory();
  private reason: string | undefined;

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly restart: () => Promise<void>,
  ) {}

  /** Why the server is down, when a failure (not the user) stopped it. */
  get failure(): string | undefined {
    return this.reason;
  }

  /** The language client's error handler: it decides, we tell the user (so `handled`). */
  errorHandler(): ErrorHandler {
    return {
      // Errors writing to or reading from the connection follow a crash (every message sent to a
      // dead server fails): `closed` decides about the restart, so they must not shut the client
      // down (the client's default does after 3, which turned crashes into a silent stop).
      error: (error) => {
        this.output.error(`Connection to the NetworkPolicy language server failed: ${error.message}`);
        return { action: ErrorAction.Continue, handled: true };
      },
      closed: () => {
        if (this.crashes.shouldRestart(Date.now())) {
          this.output.warn(`The NetworkPolicy language server stopped unexpectedly (${this.crashes.count} in 3 minutes); restarting it.`);
          return { action: CloseAction.Restart, handled: true };
        }
        this.fail(`The NetworkPolicy language server stopped unexpectedly ${this.crashes.count} times in 3 minutes and was not restarted.`);
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    };
  }

  /** Records the failure and tells the user, offering the log and a restart. */
  fail(message: string): void {
    this.reason = message;
    this.output.error(message);
    void vscode.window.showErrorMessage(message, 'Show Log', 'Restart').then((choice) => {
      if (choice === 'Show Log') this.output.show(true);
      else if (choice === 'Restart') void this.restart();
    });
  }

  /** The server runs again: the failure is over. */
  recovered(): void {
    this.reason = undefined;
  }

  /** The user restarted the server: earlier crashes no longer count. */
  reset(): void {
    this.reason = undefined;
    this.crashes.clear();
  }
}
