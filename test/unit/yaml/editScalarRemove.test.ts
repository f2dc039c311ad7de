import { describe, expect, it } from 'vitest';
import type { FieldPath } from '../../../server/src/model/path';
import type { EditTarget, OffsetEdit } from '../../../server/src/yaml/edit/layout';
import { removeEntry, removeItem } from '../../../server/src/yaml/edit/remove';
import { quoteScalar, renameKey, replaceScalar, swapScalars } from '../../../server/src/yaml/edit/scalar';
import { parseFile } from '../../../server/src/yaml/file';
import { detectStyle } from '../../../server/src/yaml/style';

/** The target of document `n` of a text. */
function targetOf(text: string, n = 0): EditTarget {
  const file = parseFile(text);
  const chunk = file.chunks.find((c) => n >= c.firstDocument && n < c.firstDocument + c.parsed.documents.length)!;
  return { chunk, doc: chunk.parsed.documents[n - chunk.firstDocument]!, style: detectStyle(text) };
}

function applied(text: string, edits: OffsetEdit | readonly OffsetEdit[] | undefined): string | undefined {
  if (!edits) return undefined;
  const list: OffsetEdit[] = 'newText' in edits ? [edits] : [...edits];
  return list.sort((a, b) => b.start - a.start).reduce((out, e) => out.slice(0, e.start) + e.newText + out.slice(e.end), text);
}

const edit = (text: string, make: (target: EditTarget) => OffsetEdit | readonly OffsetEdit[] | undefined, n = 0) =>
  applied(text, make(targetOf(text, n)));

describe('replaceScalar', () => {
  const cases: [string, FieldPath, string, string][] = [
    ['a: tcp # c\n', ['a'], 'TCP', 'a: TCP # c\n'],
    ["a: 'tcp'\n", ['a'], "it's", "a: 'it''s'\n"],
    ['a: "tcp"\n', ['a'], 'x"y', 'a: "x\\"y"\n'],
    ['a: [x, y]\n', ['a', 1], 'Z', 'a: [x, Z]\n'],
    // `y` is a boolean to go-yaml (YAML 1.1).
    ['a: [x, z]\n', ['a', 1], 'y', 'a: [x, "y"]\n'],
    // A plain token that would read as another type is quoted.
    ['a: x\n', ['a'], 'yes', 'a: "yes"\n'],
    ['a: !!str x\n', ['a'], 'z', 'a: !!str z\n'],
  ];
  it.each(cases)('%j at %j -> %j', (text, path, value, expected) => {
    expect(edit(text, (t) => replaceScalar(t, path, value))).toBe(expected);
  });

  it('leaves block scalars, collections, missing paths and unchanged values alone', () => {
    expect(edit('a: |\n  x\n', (t) => replaceScalar(t, ['a'], 'y'))).toBeUndefined();
    expect(edit('a: {b: 1}\n', (t) => replaceScalar(t, ['a'], 'y'))).toBeUndefined();
    expect(edit('a: x\n', (t) => replaceScalar(t, ['b'], 'y'))).toBeUndefined();
    expect(edit('a: x\n', (t) => replaceScalar(t, ['a', 0], 'y'))).toBeUndefined();
    expect(edit('a: x\n', (t) => replaceScalar(t, ['a'], 'x'))).toBeUndefined();
    expect(edit('a:\n', (t) => replaceScalar(t, ['a'], 'x'))).toBeUndefined();
  });

  it('edits the right document of a multi-document file', () => {
    expect(edit('a: x\n---\na: x\n', (t) => replaceScalar(t, ['a'], 'z'), 1)).toBe('a: x\n---\na: z\n');
  });
});

describe('renameKey, quoteScalar, swapScalars', () => {
  it('renames a plain or quoted key, not onto an existing one', () => {
    expect(edit('podselector: {} # c\n', (t) => renameKey(t, ['podselector'], 'podSelector'))).toBe('podSelector: {} # c\n');
    expect(edit('"to": []\n', (t) => renameKey(t, ['to'], 'from'))).toBe('"from": []\n');
    expect(edit('a: 1\nb: 2\n', (t) => renameKey(t, ['a'], 'b'))).toBeUndefined();
  });

  it('quotes the token as written', () => {
    expect(edit('v: 1.10\n', (t) => quoteScalar(t, ['v']))).toBe('v: "1.10"\n');
    expect(edit('v: {x: 0x1F}\n', (t) => quoteScalar(t, ['v', 'x']))).toBe('v: {x: "0x1F"}\n');
    expect(edit("v: 'x'\n", (t) => quoteScalar(t, ['v']))).toBeUndefined();
  });

  it('swaps two tokens as written', () => {
    expect(edit('p: 9000\ne: "80"\n', (t) => swapScalars(t, ['p'], ['e']))).toBe('p: "80"\ne: 9000\n');
    expect(edit('p: 1\ne: 1\n', (t) => swapScalars(t, ['p'], ['e']))).toBeUndefined();
  });
});

describe('removeEntry', () => {
  it('removes the lines of a block entry, its comment lines above and its trailing comment', () => {
    const text = 'a: 1\n# about b\nb:\n  c: 2 # c\n# about d\nd: 3\n';
    expect(edit(text, (t) => removeEntry(t, [], 'b'))).toBe('a: 1\n# about d\nd: 3\n');
  });

  it('the last line of a text without a final line break, with CRLF', () => {
    expect(edit('a: 1\r\nb: 2', (t) => removeEntry(t, [], 'b'))).toBe('a: 1');
    expect(edit('a: 1\r\nb: 2\r\n', (t) => removeEntry(t, [], 'b'))).toBe('a: 1\r\n');
    expect(edit('a: 1\r\n# about b\r\nb: 2\r\nc: 3\r\n', (t) => removeEntry(t, [], 'b'))).toBe('a: 1\r\nc: 3\r\n');
  });

  it('the first entry of a sequence item: the next entry moves behind the dash', () => {
    expect(edit('- a: 1\n  b: 2\n', (t) => removeEntry(t, [0], 'a'))).toBe('- b: 2\n');
  });

  it('the only entry of a block mapping leaves an empty mapping', () => {
    expect(edit('x:\n  a: 1\ny: 2\n', (t) => removeEntry(t, ['x'], 'a'))).toBe('x:\n  {}\ny: 2\n');
    expect(edit('- a: 1\n', (t) => removeEntry(t, [0], 'a'))).toBe('- {}\n');
  });

  it('flow mappings: first, middle, last, only; not with a comment inside', () => {
    expect(edit('{a: 1, b: 2, c: 3}\n', (t) => removeEntry(t, [], 'a'))).toBe('{b: 2, c: 3}\n');
    expect(edit('{a: 1, b: 2, c: 3}\n', (t) => removeEntry(t, [], 'b'))).toBe('{a: 1, c: 3}\n');
    expect(edit('{a: 1, b: 2, c: 3}\n', (t) => removeEntry(t, [], 'c'))).toBe('{a: 1, b: 2}\n');
    expect(edit('x: {a: 1}\n', (t) => removeEntry(t, ['x'], 'a'))).toBe('x: {}\n');
    expect(edit('{a: 1, # c\n b: 2}\n', (t) => removeEntry(t, [], 'b'))).toBeUndefined();
  });
});

describe('removeItem', () => {
  it('block items: whole lines, comments above included', () => {
    expect(edit('l:\n# one\n- 1\n- 2\n', (t) => removeItem(t, ['l'], 0))).toBe('l:\n- 2\n');
    expect(edit('l:\n  - a: 1\n    b: 2\n  - 3\n', (t) => removeItem(t, ['l'], 0))).toBe('l:\n  - 3\n');
    expect(edit('l:\n- 1\n- 2', (t) => removeItem(t, ['l'], 1))).toBe('l:\n- 1');
  });

  it('not the only item of a block sequence, not an item sharing its line', () => {
    expect(edit('l:\n- 1\n', (t) => removeItem(t, ['l'], 0))).toBeUndefined();
    expect(edit('l:\n- - 1\n  - 2\n', (t) => removeItem(t, ['l', 0], 1))).toBe('l:\n- - 1\n');
    expect(edit('l:\n- - 1\n  - 2\n', (t) => removeItem(t, ['l', 0], 0))).toBeUndefined();
  });

  it('flow items', () => {
    expect(edit('l: [1, 2, 3]\n', (t) => removeItem(t, ['l'], 1))).toBe('l: [1, 3]\n');
    expect(edit('l: [1]\n', (t) => removeItem(t, ['l'], 0))).toBe('l: []\n');
  });
});
