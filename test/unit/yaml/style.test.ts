import { describe, expect, it } from 'vitest';
import { DEFAULT_STYLE, detectStyle } from '../../../server/src/yaml/style';

describe('detectStyle', () => {
  it('reads kubectl style: two spaces, items flush with their key', () => {
    const text = 'spec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - podSelector: {}\n';
    expect(detectStyle(text)).toEqual({ indent: 2, indentSequences: false, eol: '\n' });
  });

  it('reads four-space indentation with indented items and CRLF', () => {
    const text =
      'spec:\r\n    policyTypes:\r\n        - Egress\r\n    egress:\r\n        - to:\r\n              - ipBlock:\r\n                    cidr: 10.0.0.0/8\r\n';
    expect(detectStyle(text)).toEqual({ indent: 4, indentSequences: true, eol: '\r\n' });
  });

  it('measures children of a key inside an item from the key, not the dash', () => {
    const text = 'items:\n  - metadata:\n      name: a\n    spec:\n      podSelector: {}\n';
    expect(detectStyle(text)).toEqual({ indent: 2, indentSequences: true, eol: '\n' });
  });

  it('goes by the majority and ignores comments, flow collections and separators', () => {
    const text = ['# comment:', 'a:', '   b: 1', 'c:', '  d: 1', 'e:', '  # note', '  f: [1,', '     2]', '---', 'g:', '  h: 1'].join('\n');
    expect(detectStyle(text).indent).toBe(2);
  });

  it('falls back to the default without evidence', () => {
    expect(detectStyle('')).toEqual(DEFAULT_STYLE);
    expect(detectStyle('a: 1\nb: [x]\n')).toEqual(DEFAULT_STYLE);
  });
});
