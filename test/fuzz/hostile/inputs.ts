/**
 * Hostile inputs, built here rather than stored (several are megabytes): text that once made a
 * YAML tool spin, balloon or crash, and sizes at and past the limits. Each is a test of
 * hostile.test.ts with bounds on time and memory.
 */

const HEAD = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: hostile\nspec:\n';

/** A small policy of its own namespace, one line per field. */
const small = (i: number) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p${i}, namespace: n${i % 50}}\nspec: {podSelector: {}}\n`;

export interface HostileInput {
  readonly name: string;
  readonly text: string;
  /** Where completion is asked: a marker's offset, else the end. */
  readonly cursor?: number;
  /** Megabytes of policies to analyse: given more time (the figures are the bench's business). */
  readonly heavy?: boolean;
}

const blankAfterBrace = (name: string, blank: string): HostileInput => {
  const text = `${HEAD}  podSelector: {${blank}}\n`;
  return { name: `${name} after \`{\``, text, cursor: text.indexOf('{') + 1 };
};

export function hostileInputs(): HostileInput[] {
  return [
    blankAfterBrace('NBSP', '\u00a0'),
    blankAfterBrace('form feed', '\f'),
    blankAfterBrace('vertical tab', '\v'),
    blankAfterBrace('U+2028', '\u2028'),
    blankAfterBrace('U+FEFF', '\ufeff'),
    { name: 'a form feed at the end, after `{`', text: `${HEAD}  podSelector: {\f` },
    { name: '100,000-deep unclosed flow sequences', text: `${HEAD}  podSelector: ${'['.repeat(100_000)}`, heavy: true },
    { name: '100,000-deep unclosed flow mappings', text: `${HEAD}  podSelector: ${'{a: '.repeat(100_000)}`, heavy: true },
    {
      name: 'an alias bomb',
      text: `${HEAD}  podSelector:\n    matchLabels: &a0 {k: v}\n${Array.from({ length: 30 }, (_, i) => `  x${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`).join('\n')}\n`,
    },
    {
      name: 'a 1 MB flow line',
      heavy: true,
      text: `${HEAD}  podSelector: {}\n  ingress: [{from: [${Array.from({ length: 16_000 }, (_, i) => `{podSelector: {matchLabels: {app: a${i}}}}`).join(', ')}]}]\n`,
    },
    {
      name: 'a rule of 50,000 peers',
      heavy: true,
      text: `${HEAD}  podSelector: {}\n  ingress:\n    - from:\n${Array.from({ length: 50_000 }, (_, i) => `        - ipBlock: {cidr: 10.${(i >> 8) & 255}.${i & 255}.0/24}`).join('\n')}\n`,
    },
    { name: '40,000 policies in one file', heavy: true, text: Array.from({ length: 40_000 }, (_, i) => small(i)).join('---\n') },
    {
      name: '5,000-deep block nesting',
      text: `${HEAD}  podSelector:\n${Array.from({ length: 5000 }, (_, i) => `${' '.repeat(4 + i)}k${i}:`).join('\n')} v\n`,
    },
    {
      name: 'binary garbage',
      text: Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919 + 13) % 256)).join(''),
    },
    {
      name: 'CRLF line breaks',
      text: `${HEAD}  podSelector: {}\n  ingress:\n    - from:\n        - podSelector: {}\n`.replace(/\n/g, '\r\n'),
    },
    { name: 'lone CR line breaks', text: `${HEAD}  podSelector: {}\n  ingress: []\n`.replace(/\n/g, '\r') },
    { name: 'a BOM at the start and in the middle', text: `\ufeff${HEAD}  podSelector: {}\n---\n\ufeff${HEAD}  podSelector: {}\n` },
    { name: 'NUL and lone surrogates', text: `${HEAD}  podSelector: {matchLabels: {a\u0000: "\ud800"}}\n` },
    { name: '100,000 empty documents', text: '---\n'.repeat(100_000) },
    { name: 'a 6 MB file (over the default limit)', text: small(0).repeat(Math.ceil((6 * 1024 * 1024) / small(0).length)) },
  ];
}
