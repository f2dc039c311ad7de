import { describe, expect, it } from 'vitest';
import { splitChunks } from '../../../server/src/yaml/chunks';

/** The chunks as [line, text], after checking that they tile the text exactly. */
function split(text: string): [number, string][] {
  const chunks = splitChunks(text);
  let offset = 0;
  for (const chunk of chunks) {
    expect(chunk.offset).toBe(offset);
    expect(text.slice(chunk.offset, chunk.offset + chunk.text.length)).toBe(chunk.text);
    offset += chunk.text.length;
  }
  expect(offset).toBe(text.length);
  return chunks.map((chunk) => [chunk.line, chunk.text]);
}

describe('splitChunks', () => {
  it('keeps a single document (or an empty text) as one chunk', () => {
    expect(split('a: 1\nb: 2\n')).toEqual([[0, 'a: 1\nb: 2\n']]);
    expect(split('')).toEqual([[0, '']]);
    expect(split('\n')).toEqual([[0, '\n']]);
    expect(split('---\na: 1\n')).toEqual([[0, '---\na: 1\n']]);
  });

  it('starts a chunk at every --- line after content, with its line number', () => {
    expect(split('a: 1\n---\nb: 2\n---\nc: 3')).toEqual([
      [0, 'a: 1\n'],
      [1, '---\nb: 2\n'],
      [3, '---\nc: 3'],
    ]);
  });

  it('accepts --- followed by a space, a tab, a comment or content on the same line', () => {
    expect(split('a: 1\n--- # two\nb: 2\n---\tc: 3\n--- d\n')).toEqual([
      [0, 'a: 1\n'],
      [1, '--- # two\nb: 2\n'],
      [3, '---\tc: 3\n'],
      [4, '--- d\n'],
    ]);
  });

  it('does not split at ---- , ---x or an indented ---', () => {
    const text = 'a: |\n  x\n  ---\n---x: 1\n----\n';
    expect(split(text)).toEqual([[0, text]]);
  });

  it('keeps comments and directives before the first --- with the first document', () => {
    const text = '# header comment\n%YAML 1.1\n%TAG ! tag:example.com,2024:\n---\na: 1\n';
    expect(split(text)).toEqual([[0, text]]);
  });

  it('keeps a comment between documents with the document before', () => {
    expect(split('a: 1\n# about b\n---\nb: 2\n')).toEqual([
      [0, 'a: 1\n# about b\n'],
      [2, '---\nb: 2\n'],
    ]);
  });

  it('gives directives after ... to the next document', () => {
    expect(split('a: 1\n...\n%YAML 1.1\n---\nb: 2\n')).toEqual([
      [0, 'a: 1\n...\n'],
      [2, '%YAML 1.1\n---\nb: 2\n'],
    ]);
    // A comment between ... and the directive stays behind.
    expect(split('a: 1\n...\n# b next\n%YAML 1.1\n---\nb: 2\n')).toEqual([
      [0, 'a: 1\n...\n# b next\n'],
      [3, '%YAML 1.1\n---\nb: 2\n'],
    ]);
  });

  it('does not split at ... alone (a bare document may follow in the same chunk)', () => {
    const text = 'a: 1\n...\nb: 2\n';
    expect(split(text)).toEqual([[0, text]]);
  });

  it('splits at a --- in column 0 even inside what looks like a block scalar (YAML ends the document there)', () => {
    expect(split('a: |\n  x\n---\n  y\n')).toEqual([
      [0, 'a: |\n  x\n'],
      [2, '---\n  y\n'],
    ]);
  });

  it('gives empty documents their own chunk', () => {
    expect(split('a: 1\n---\n---\nb: 2\n')).toEqual([
      [0, 'a: 1\n'],
      [1, '---\n'],
      [2, '---\nb: 2\n'],
    ]);
    expect(split('a: 1\n---\n')).toEqual([
      [0, 'a: 1\n'],
      [1, '---\n'],
    ]);
  });

  it('handles CRLF line breaks', () => {
    expect(split('a: 1\r\n---\r\nb: 2\r\n---\r\nc: 3\r\n')).toEqual([
      [0, 'a: 1\r\n'],
      [1, '---\r\nb: 2\r\n'],
      [3, '---\r\nc: 3\r\n'],
    ]);
  });

  it('handles lone CR line breaks', () => {
    expect(split('a: 1\r---\rb: 2\r\r---\rc: 3')).toEqual([
      [0, 'a: 1\r'],
      [1, '---\rb: 2\r\r'],
      [4, '---\rc: 3'],
    ]);
  });

  it('counts lines across mixed line breaks', () => {
    expect(split('a: 1\r\nb: 2\rc: 3\n---\nd: 4\n')).toEqual([
      [0, 'a: 1\r\nb: 2\rc: 3\n'],
      [3, '---\nd: 4\n'],
    ]);
  });

  it('ignores a byte order mark before the first document', () => {
    expect(split('\ufeff---\na: 1\n---\nb: 2\n')).toEqual([
      [0, '\ufeff---\na: 1\n'],
      [2, '---\nb: 2\n'],
    ]);
    expect(split('\ufeff# c\n---\na: 1\n')).toEqual([[0, '\ufeff# c\n---\na: 1\n']]);
  });

  it('does not split where --- is not at the start of a line', () => {
    const text = 'a: "x --- y"\nb: x---\n # ---\n';
    expect(split(text)).toEqual([[0, text]]);
  });
});
