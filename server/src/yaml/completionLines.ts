import { isWhite, trimWhiteEnd, trimWhiteStart } from './whitespace';

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

const QUOTED_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?=[ \t]|$)/;
/** Characters a plain key cannot start with. */
const NOT_KEY_START = `#'"{}[],:`;

/**
 * The key written at the start of `content` (quoted or plain, as written) and the index of
 * its `:`; undefined when `content` does not start with `key:`. A plain key runs to the first
 * `:` followed by white space or the line's end, and holds no `#`. Scanned, not matched with
 * a backtracking pattern: lines can be a megabyte long.
 */
function keyAt(content: string): { written: string; colon: number } | undefined {
  const quoted = QUOTED_KEY.exec(content);
  if (quoted) return { written: quoted[1]!, colon: quoted[0].length - 1 };
  const first = content[0];
  if (first === undefined || isWhite(first) || NOT_KEY_START.includes(first)) return undefined;
  // `-` followed by a blank is an item marker; `-x` starts a key of at least two characters.
  if (first === '-' && (content.length < 2 || isWhite(content[1]) || content[1] === '#')) return undefined;
  for (let i = first === '-' ? 2 : 1; i < content.length; i++) {
    const c = content[i];
    if (c === '#') return undefined;
    if (c === ':' && (i + 1 === content.length || isWhite(content[i + 1]))) return { written: trimWhiteEnd(content.slice(0, i)), colon: i };
  }
  return undefined;
}

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
  const key = keyAt(text.slice(lineStart + column, lineEnd));
  if (!key) return undefined;
  const colon = column + key.colon;
  const after = text.slice(lineStart + colon + 1, lineEnd);
  const leading = after.length - trimWhiteStart(after).length;
  const valueText = trimWhiteEnd(after.slice(leading).replace(/(^|[ \t])#.*$/, ''));
  const valueStart = colon + 1 + leading;
  return {
    name: unquote(key.written),
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
  let column = raw.length - trimWhiteStart(raw).length;
  if (column === raw.length || raw[column] === '#') return tokens;
  while (raw[column] === '-' && (column + 1 === raw.length || raw[column + 1] === ' ' || raw[column + 1] === '\t')) {
    tokens.push({ kind: 'item', column });
    column++;
    while (raw[column] === ' ' || raw[column] === '\t') column++;
  }
  if (column >= raw.length || raw[column] === '#') return tokens;
  const key = keyTokenAt(text, start, end, column);
  const scalar = trimWhiteEnd(raw.slice(column).replace(/(^|[ \t])#.*$/, ''));
  tokens.push(key ? { kind: 'key', column, name: key.name, value: key.value } : { kind: 'scalar', column, text: unquote(scalar) });
  return tokens;
}
