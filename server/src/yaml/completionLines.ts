/**
 * The lines of one YAML document read as block structure, leniently: per line, its `- `
 * item markers and its `key:` (or scalar) with their columns. Enough to place a cursor by
 * indentation in text the parser cannot make sense of yet.
 */

export type BlockToken =
  | { readonly kind: 'item'; readonly column: number }
  | { readonly kind: 'key'; readonly column: number; readonly name: string; readonly value: string | undefined }
  | { readonly kind: 'scalar'; readonly column: number; readonly text: string };

export interface BlockLine {
  /** File offsets of the line's first character and of its end (before the line break). */
  readonly start: number;
  readonly end: number;
  readonly tokens: readonly BlockToken[];
}

export interface KeyToken {
  readonly name: string;
  /** Columns of the `:`, and of the value's start and end (comment and trailing spaces excluded). */
  readonly colon: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The value's text (unquoted for a quoted scalar), undefined when the line ends after the `:`. */
  readonly value: string | undefined;
}

/** kubectl splits documents at lines starting with `---`; only the cursor's document matters. */
export function documentBounds(text: string, offset: number): { start: number; end: number } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  // A separator line before the cursor's line ends the previous document.
  const separator = text.lastIndexOf('\n---', lineStart - 2);
  let start = 0;
  if (separator >= 0 && separator + 1 < lineStart) start = text.indexOf('\n', separator + 1) + 1;
  else if (text.startsWith('---') && lineStart > 0) start = text.indexOf('\n') + 1;
  const next = text.indexOf('\n---', offset);
  return { start, end: next < 0 ? text.length : next };
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],:-][^#]*?|-[^\s#][^#]*?)[ \t]*:(?=[ \t]|$)/;

function unquote(text: string): string {
  if (text.startsWith('"')) {
    try {
      return JSON.parse(text) as string;
    } catch {
      return text.slice(1, -1);
    }
  }
  if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  return text;
}

/** The `key: value` starting at a column of a line, if there is one there. */
export function keyTokenAt(text: string, lineStart: number, lineEnd: number, column: number): KeyToken | undefined {
  const content = text.slice(lineStart + column, lineEnd);
  const match = KEY.exec(content);
  if (!match) return undefined;
  const colon = column + match[0].length - 1;
  const after = text.slice(lineStart + colon + 1, lineEnd);
  const leading = after.length - after.trimStart().length;
  const valueText = after
    .slice(leading)
    .replace(/(^|\s)#.*$/, '')
    .trimEnd();
  const valueStart = colon + 1 + leading;
  return {
    name: unquote(match[1]!),
    colon,
    valueStart,
    valueEnd: valueStart + valueText.length,
    value: valueText === '' ? undefined : unquote(valueText),
  };
}

/** The lines of `text` between two offsets, with their tokens (none for blank and comment lines). */
export function blockLines(text: string, start: number, end: number): BlockLine[] {
  const lines: BlockLine[] = [];
  let lineStart = start;
  while (lineStart <= end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const contentEnd = text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    lines.push({ start: lineStart, end: contentEnd, tokens: tokensOf(text, lineStart, contentEnd) });
    if (lineEnd >= end) break;
    lineStart = lineEnd + 1;
  }
  return lines;
}

function tokensOf(text: string, start: number, end: number): BlockToken[] {
  const raw = text.slice(start, end);
  const tokens: BlockToken[] = [];
  let column = raw.length - raw.trimStart().length;
  if (column === raw.length || raw[column] === '#') return tokens;
  while (raw[column] === '-' && (column + 1 === raw.length || raw[column + 1] === ' ' || raw[column + 1] === '\t')) {
    tokens.push({ kind: 'item', column });
    column++;
    while (raw[column] === ' ' || raw[column] === '\t') column++;
  }
  if (column >= raw.length || raw[column] === '#') return tokens;
  const key = keyTokenAt(text, start, end, column);
  const scalar = raw
    .slice(column)
    .replace(/(^|\s)#.*$/, '')
    .trimEnd();
  tokens.push(key ? { kind: 'key', column, name: key.name, value: key.value } : { kind: 'scalar', column, text: unquote(scalar) });
  return tokens;
}
