import { describe, expect, it } from 'vitest';
import { plural } from '../../../server/src/model/phrases';

describe('plural', () => {
  it('says "1 document" and "2 documents", with an irregular plural when given', () => {
    expect(plural(1, 'document')).toBe('1 document');
    expect(plural(0, 'document')).toBe('0 documents');
    expect(plural(2, 'document')).toBe('2 documents');
    expect(plural(1, 'policy', 'policies')).toBe('1 policy');
    expect(plural(3, 'policy', 'policies')).toBe('3 policies');
  });
});
