import { describe, expect, it } from 'vitest';
import type { Json } from '../../../server/src/model/json';
import type { FieldPath } from '../../../server/src/model/path';
import { appendDocument } from '../../../server/src/yaml/edit/document';
import { addToList, appendItems, insertEntry, replaceEntry } from '../../../server/src/yaml/edit/insert';
import type { EditTarget, OffsetEdit } from '../../../server/src/yaml/edit/layout';
import { mergeIntoPrevious } from '../../../server/src/yaml/edit/merge';
import { parseFile } from '../../../server/src/yaml/file';
import { detectStyle } from '../../../server/src/yaml/style';

/** The edit target of document `n` of a text. */
function targetOf(text: string, n = 0): EditTarget {
  const file = parseFile(text);
  const chunk = [...file.chunks].reverse().find((c) => c.firstDocument <= n)!;
  return { chunk, doc: chunk.parsed.documents[n - chunk.firstDocument]!, style: detectStyle(text) };
}

function apply(text: string, edit: OffsetEdit | undefined): string | undefined {
  return edit && text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

const insert = (text: string, path: FieldPath, key: string, value: Json, after?: string[]) =>
  apply(text, insertEntry(targetOf(text), path, key, value, after));
const append = (text: string, path: FieldPath, items: Json[], n = 0) => apply(text, appendItems(targetOf(text, n), path, items));

describe('insertEntry', () => {
  it('adds a key at the end of a block mapping, before trailing comments', () => {
    expect(insert('a:\n  b: 1 # one\n  # about c\nc: 2\n', ['a'], 'x', { y: [1] })).toBe(
      'a:\n  b: 1 # one\n  x:\n    "y":\n    - 1\n  # about c\nc: 2\n',
    );
  });

  it('adds a key after a named one', () => {
    expect(insert('m:\n    a: 1\n    b: 2\n', ['m'], 'x', 'yes', ['a'])).toBe('m:\n    a: 1\n    x: "yes"\n    b: 2\n');
  });

  it('adds a line break at the end of a text without one', () => {
    expect(insert('a: 1', [], 'b', 2)).toBe('a: 1\nb: 2');
    expect(insert('a: 1\r\nb: 2', [], 'c', 3)).toBe('a: 1\r\nb: 2\r\nc: 3');
  });

  it('adds to flow mappings, empty or not', () => {
    expect(insert('m: {}\n', ['m'], 'k', 'v')).toBe('m: {k: v}\n');
    expect(insert('m: { a: 1 }\n', ['m'], 'k', ['on'])).toBe('m: { a: 1, k: ["on"] }\n');
    expect(insert('m: {a: 1,}\n', ['m'], 'k', 1)).toBe('m: {a: 1, k: 1}\n');
  });

  it('does nothing where it cannot be sure', () => {
    expect(insert('m: {a: 1, # c\n  }\n', ['m'], 'k', 1)).toBeUndefined();
    expect(insert('m: {a: 1}\n', ['m'], 'a', 1)).toBeUndefined();
    expect(insert('m: [1]\n', ['m'], 'k', 1)).toBeUndefined();
    expect(insert('m: {a: 1}\n', ['nothing', 0], 'k', 1)).toBeUndefined();
    expect(insert('a: [\n', ['a'], 'k', 1)).toBeUndefined();
  });
});

describe('appendItems', () => {
  it('appends block items at the column of the dashes, in the file style', () => {
    expect(append('l:\n- a\n- b: 1\n  c: 2\n', ['l'], [{ d: [1, 2] }])).toBe('l:\n- a\n- b: 1\n  c: 2\n- d:\n  - 1\n  - 2\n');
    expect(append('l:\n    - a # x\n\n    # end\nz: 1\n', ['l'], ['b', '1'])).toBe(
      'l:\n    - a # x\n    - b\n    - "1"\n\n    # end\nz: 1\n',
    );
  });

  it('appends to flow sequences', () => {
    expect(append('l: []\n', ['l'], ['a', 'b'])).toBe('l: [a, b]\n');
    expect(append('l: [a]\n', ['l'], [{ k: 'v' }])).toBe('l: [a, {k: v}]\n');
  });

  it('appends in the right document of a multi-document file', () => {
    const text = 'l: [x]\n---\nl:\n- a\n---\nl: [y]\n';
    expect(append(text, ['l'], ['b'], 1)).toBe('l: [x]\n---\nl:\n- a\n- b\n---\nl: [y]\n');
  });
});

describe('replaceEntry and addToList', () => {
  it('writes an empty or null list in block style', () => {
    const text = 'spec:\n  egress: []  # none\n  x: 1\n';
    expect(apply(text, addToList(targetOf(text), ['spec'], 'egress', [{ to: [] }]))).toBe('spec:\n  egress:\n  - to: []  # none\n  x: 1\n');
    const nullText = 'spec:\n  egress:\n  x: 1\n';
    expect(apply(nullText, addToList(targetOf(nullText), ['spec'], 'egress', ['a']))).toBe('spec:\n  egress:\n  - a\n  x: 1\n');
  });

  it('keeps the comment after a key whose value has lines of its own', () => {
    const text = 'sel:\n  matchLabels: # who\n    app: web\n  other: 1\n';
    expect(apply(text, replaceEntry(targetOf(text), ['sel'], 'matchLabels', 'labels', { a: 'b' }))).toBe(
      'sel:\n  labels: # who\n    a: b\n  other: 1\n',
    );
  });
});

describe('mergeIntoPrevious', () => {
  it('turns the second `-` into a space', () => {
    const text = 'l:\n- a: 1\n- b: 2\n';
    expect(apply(text, mergeIntoPrevious(targetOf(text), ['l'], 1))).toBe('l:\n- a: 1\n  b: 2\n');
  });

  it('refuses common keys, scalars and mixed styles', () => {
    for (const text of ['l:\n- a: 1\n- a: 2\n', 'l:\n- a\n- b: 2\n', 'l:\n- {a: 1}\n- b: 2\n']) {
      expect(mergeIntoPrevious(targetOf(text), ['l'], 1)).toBeUndefined();
    }
    expect(mergeIntoPrevious(targetOf('l:\n- a: 1\n'), ['l'], 0)).toBeUndefined();
  });
});

describe('appendDocument', () => {
  const style = detectStyle('');
  it('adds `---` and the document, with a line break first when needed', () => {
    expect(apply('a: 1', appendDocument('a: 1', { b: 2 }, style))).toBe('a: 1\n---\nb: 2\n');
    expect(apply('a: 1\n', appendDocument('a: 1\n', { b: 2 }, style))).toBe('a: 1\n---\nb: 2\n');
    expect(apply('', appendDocument('', { b: 2 }, style))).toBe('b: 2\n');
  });
});
