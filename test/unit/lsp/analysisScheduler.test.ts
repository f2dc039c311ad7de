import { describe, expect, it } from 'vitest';
import { delayAfterEdit } from '../../../server/src/lsp/analysisScheduler';

describe('the delay after an edit', () => {
  it('is no longer than the last analysis took: at once for a document analysed in under a millisecond', () => {
    expect(delayAfterEdit(150, 0)).toBe(0);
    expect(delayAfterEdit(150, 12)).toBe(12);
  });

  it('is the configured delay for a document whose analysis takes longer, or that was never analysed', () => {
    expect(delayAfterEdit(150, 600)).toBe(150);
    expect(delayAfterEdit(150, 150)).toBe(150);
    expect(delayAfterEdit(150, undefined)).toBe(150);
  });

  it('is none when the configured delay is none', () => {
    expect(delayAfterEdit(0, 600)).toBe(0);
  });
});
