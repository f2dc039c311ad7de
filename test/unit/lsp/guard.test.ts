import { CancellationTokenSource, LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { cancellable } from '../../../server/src/lsp/guard';

const errors: string[] = [];
const connection = { console: { error: (message: string) => errors.push(message) } } as unknown as Connection;

describe('cancellable request handlers', () => {
  it('answers RequestCancelled when the request was cancelled before or while it ran', async () => {
    let runs = 0;
    const handler = cancellable<number, number | string>(connection, 'test', 'fallback', (params: number) => {
      runs++;
      return params * 2;
    });
    const before = new CancellationTokenSource();
    before.cancel();
    const refused = await handler(1, before.token);
    expect(refused).toBeInstanceOf(ResponseError);
    expect((refused as ResponseError<void>).code).toBe(LSPErrorCodes.RequestCancelled);
    expect(runs).toBe(0);

    const during = new CancellationTokenSource();
    const slow = cancellable(connection, 'slow', 0, async (_params: number, token) => {
      await Promise.resolve();
      during.cancel();
      return token.isCancellationRequested ? -1 : 1;
    });
    expect(((await slow(1, during.token)) as ResponseError<void>).code).toBe(LSPErrorCodes.RequestCancelled);

    expect(await handler(2, new CancellationTokenSource().token)).toBe(4);
  });

  it('logs a failing handler and answers its fallback', async () => {
    const failing = cancellable(connection, 'failing', 'fallback', () => {
      throw new Error('boom');
    });
    expect(await failing(undefined, new CancellationTokenSource().token)).toBe('fallback');
    expect(errors.at(-1)).toMatch(/^failing failed: Error: boom/);
  });
});
