import type { Connection } from 'vscode-languageserver';

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
