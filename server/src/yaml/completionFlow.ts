import type { FieldPath } from '../model/path';
import { MAX_DEPTH } from './toJson';
import { isBlank, isBreak, trimWhiteEnd } from './whitespace';

/**
 * The cursor inside a flow collection (`{matchLabels: {app: |}}`, `[Ingress, |]`), read
 * token by token from the bracket that opened it, tolerating what is not typed yet.
 */

interface Frame {
  readonly kind: 'map' | 'seq';
  readonly path: FieldPath;
  /** Entries so far (mapping) and scalar items so far (sequence). */
  readonly entries: Map<string, string | undefined>;
  readonly items: string[];
  index: number;
  key: string | undefined;
  afterColon: boolean;
}

export interface FlowFrame {
  readonly path: FieldPath;
  readonly entries: ReadonlyMap<string, string | undefined>;
}

export interface FlowCursor {
  readonly slot: 'key' | 'value';
  readonly path: FieldPath;
  readonly word: string;
  readonly replaceStart: number;
  readonly replaceEnd: number;
  readonly hasColon: boolean;
  readonly siblings: ReadonlyMap<string, string | undefined>;
  /** The scalar items of the sequence the cursor is an item of. */
  readonly listed: readonly string[];
  /** The flow mappings around the cursor, outermost first. */
  readonly frames: readonly FlowFrame[];
}

type Token =
  | { readonly kind: '{' | '}' | '[' | ']' | ',' | ':'; readonly start: number; readonly end: number }
  | { readonly kind: 'scalar'; readonly start: number; readonly end: number; readonly value: string };

const INDICATORS = ',[]{}';

/**
 * The next token at or after `i` (comments and blanks skipped), or undefined at `end`.
 * A token is never empty: the scan over a collection moves on by at least one character
 * per token, whatever the text holds.
 */
function nextToken(text: string, i: number, end: number): Token | undefined {
  while (i < end) {
    const c = text[i]!;
    if (isBlank(c)) i++;
    else if (c === '#' && (i === 0 || isBlank(text[i - 1]))) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? end : eol;
    } else break;
  }
  if (i >= end) return undefined;
  const c = text[i]!;
  if (INDICATORS.includes(c)) return { kind: c as ',', start: i, end: i + 1 };
  if (c === ':' && (isBlank(text[i + 1]) || i + 1 >= end || INDICATORS.includes(text[i + 1]!))) return { kind: ':', start: i, end: i + 1 };
  if (c === '"' || c === "'") {
    let j = i + 1;
    while (j < end && text[j] !== c) j += text[j] === '\\' && c === '"' ? 2 : 1;
    const close = Math.min(j + 1, end);
    return { kind: 'scalar', start: i, end: close, value: text.slice(i + 1, Math.min(j, end)) };
  }
  // A plain scalar: its first character is content (neither blank nor an indicator).
  let j = i + 1;
  while (j < end) {
    const d = text[j]!;
    if (
      isBreak(d) ||
      INDICATORS.includes(d) ||
      (d === ':' && (isBlank(text[j + 1]) || INDICATORS.includes(text[j + 1] ?? ','))) ||
      (d === '#' && isBlank(text[j - 1]))
    )
      break;
    j++;
  }
  const raw = trimWhiteEnd(text.slice(i, j));
  return { kind: 'scalar', start: i, end: i + raw.length, value: raw };
}

/**
 * The offset of the outermost flow bracket still open at `offset`, scanning the document
 * from `start`. In block context only a bracket that begins a value opens a collection
 * (`image: repo[1]` is a plain scalar).
 */
export function unclosedFlowStart(text: string, start: number, offset: number): number | undefined {
  const open: number[] = [];
  let lineHasContent = false;
  let previous = '';
  for (let i = start; i < offset; i++) {
    const c = text[i]!;
    if (c === '\n') {
      lineHasContent = false;
      previous = '';
      continue;
    }
    if (c === '#' && (i === start || isBlank(text[i - 1]))) {
      const next = text.indexOf('\n', i);
      if (next < 0 || next >= offset) break;
      i = next - 1;
      continue;
    }
    if ((c === '"' || c === "'") && (open.length > 0 || !lineHasContent || previous === ':' || previous === '-')) {
      let j = i + 1;
      while (j < offset && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' && c === '"' ? 2 : 1;
      i = j;
      previous = c;
      lineHasContent = true;
      continue;
    }
    if (c === '{' || c === '[') {
      if (open.length > 0 || !lineHasContent || previous === ':' || previous === '-') open.push(i);
    } else if ((c === '}' || c === ']') && open.length > 0) {
      open.pop();
    }
    if (!isBlank(c)) {
      lineHasContent = true;
      previous = c;
    }
  }
  return open[0];
}

/**
 * Reads the flow collection opened at `flowStart` (whose own path is `base`) up to the cursor,
 * then on to collect the siblings. Undefined in collections nested deeper than the analysis
 * goes (it does not convert such documents): each level copies its path, and a hostile
 * `[[[[…` would make the scan quadratic.
 */
export function scanFlow(text: string, flowStart: number, offset: number, end: number, base: FieldPath): FlowCursor | undefined {
  const stack: Frame[] = [];
  const frames: Frame[] = [];
  const childPath = (): FieldPath => {
    const top = stack[stack.length - 1];
    if (!top) return base;
    return top.kind === 'seq' ? [...top.path, top.index] : [...top.path, top.key ?? ''];
  };
  /** The frame around the cursor, its depth, the scalar under the cursor, and whether a key or a value goes there. */
  let cursor: { frame: Frame; depth: number; token?: Token; slot: 'key' | 'value'; key: string | undefined; index: number } | undefined;
  let i = flowStart;
  for (;;) {
    const token = nextToken(text, i, end);
    const top = stack[stack.length - 1];
    if (!cursor && top && (!token || token.start >= offset || (token.kind === 'scalar' && token.end >= offset))) {
      cursor = {
        frame: top,
        depth: stack.length,
        ...(token?.kind === 'scalar' && token.start <= offset ? { token } : {}),
        slot: top.kind === 'map' && top.afterColon ? 'value' : 'key',
        key: top.key,
        // The scan goes on past the cursor (for the siblings): the item index is the cursor's.
        index: top.index,
      };
    }
    if (!token || (cursor && stack.length < cursor.depth)) break;
    // Tokens are never empty, so each step moves on.
    i = token.end;
    switch (token.kind) {
      case '{':
      case '[': {
        if (base.length + stack.length >= MAX_DEPTH) return undefined;
        const frame: Frame = {
          kind: token.kind === '{' ? 'map' : 'seq',
          path: childPath(),
          entries: new Map(),
          items: [],
          index: 0,
          key: undefined,
          afterColon: false,
        };
        if (top?.kind === 'map' && top.key !== undefined && !top.entries.has(top.key)) top.entries.set(top.key, undefined);
        stack.push(frame);
        if (frame.kind === 'map') frames.push(frame);
        break;
      }
      case '}':
      case ']':
        stack.pop();
        break;
      case ',':
        if (top?.kind === 'seq') top.index++;
        else if (top) {
          if (top.key !== undefined && !top.entries.has(top.key)) top.entries.set(top.key, undefined);
          top.key = undefined;
          top.afterColon = false;
        }
        break;
      case ':':
        if (top?.kind === 'map') top.afterColon = true;
        break;
      case 'scalar':
        if (top?.kind === 'seq') top.items.push(token.value);
        else if (top?.afterColon && top.key !== undefined) top.entries.set(top.key, token.value);
        else if (top) top.key = token.value;
        break;
    }
  }
  const state = cursor ?? { frame: undefined, slot: 'key' as const, key: undefined, index: 0 };
  const frame = state.frame;
  const token = cursor?.token;
  const replaceStart = token ? token.start : offset;
  const replaceEnd = token ? Math.max(token.end, offset) : offset;
  const after = nextToken(text, replaceEnd, end);
  const path = !frame
    ? base
    : frame.kind === 'seq'
      ? [...frame.path, state.index]
      : state.slot === 'value'
        ? [...frame.path, state.key ?? '']
        : frame.path;
  const siblings = new Map(frame?.entries ?? []);
  if (state.slot === 'key' && token) siblings.delete(token.kind === 'scalar' ? token.value : '');
  return {
    slot: frame?.kind === 'seq' ? 'value' : state.slot,
    path,
    word: text.slice(replaceStart, offset),
    replaceStart,
    replaceEnd,
    hasColon: after?.kind === ':',
    siblings,
    listed: frame?.kind === 'seq' ? frame.items.filter((item) => item !== (token?.kind === 'scalar' ? token.value : undefined)) : [],
    frames: frames.filter((f) => f.path.every((segment, n) => path[n] === segment)),
  };
}
