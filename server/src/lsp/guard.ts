import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';

/**
 * No handler may take the server down: errors are logged to the output channel and the
 * request is answered with `fallback`.
 */
export function guard<A extends unknown[], R>(
  connection: Connection,
  name: string,
  fallback: R,
  handler: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      connection.console.error(`${name} failed: ${detail}`);
      return fallback;
    }
  };
}

/**
 * A request handler that is also answered with `RequestCancelled` when the client cancelled
 * the request before it ran or while it ran (its result would be thrown away anyway); the
 * handler gets the token to stop long work early.
 */
export function cancellable<P, R>(
  connection: Connection,
  name: string,
  fallback: R,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  const guarded = guard(connection, name, fallback, handler);
  return async (params, token) => {
    if (token.isCancellationRequested) return cancelled();
    const result = await guarded(params, token);
    return token.isCancellationRequested ? cancelled() : result;
  };
}

const cancelled = () => new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');

/** How long a request on a document may run before its loops stop and it answers with what it has. */
export const REQUEST_BUDGET_MS = 1000;

/**
 * The time budget of one request: `isCancelled` turns true when the client cancels or the
 * budget runs out (the services' loops ask it and answer with what they have, so a slow
 * request never holds the messages queued behind it for long); `finish` logs a request that
 * ran out of time, so that it can be reported.
 */
export function requestBudget(
  connection: Connection,
  name: string,
  budgetMs: number,
  token: CancellationToken,
): { readonly isCancelled: () => boolean; readonly finish: () => void } {
  const started = performance.now();
  let over = false;
  return {
    isCancelled: () => token.isCancellationRequested || (over ||= performance.now() - started > budgetMs),
    finish: () => {
      if (over)
        connection.console.warn(
          `${name} ran past its time budget of ${budgetMs} ms (${Math.round(performance.now() - started)} ms): answered with what it had found.`,
        );
    },
  };
}
