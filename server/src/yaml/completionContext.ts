import type { FieldPath } from '../model/path';
import { blockLines, documentBounds, keyTokenAt, type BlockLine, type BlockToken } from './completionLines';
import { scanFlow, unclosedFlowStart } from './completionFlow';
import { MAX_DEPTH } from './toJson';

/**
 * Where a completion is asked for in a YAML document that is usually half-typed and often
 * invalid: which field path the cursor writes into, whether a key or a value goes there,
 * the text already typed and the range a completion replaces. Worked out from the raw text
 * of the cursor's document (its indentation and flow brackets), not from the parser, whose
 * recovery from `  protoc` or `- ` puts the cursor in unpredictable places.
 */

export type Entries = ReadonlyMap<string, string | undefined>;

export interface CompletionContext {
  /** `key`: a key of the mapping at `path` goes here; `value`: the value of the field at `path`. */
  readonly slot: 'key' | 'value';
  readonly path: FieldPath;
  /** A key slot right after a `- ` item marker: `path` ends with the item's index. */
  readonly item: boolean;
  /** The text typed so far: from `replaceStart` to the cursor. */
  readonly word: string;
  /** File offsets of the token a completion replaces (the whole word under the cursor). */
  readonly replaceStart: number;
  readonly replaceEnd: number;
  /** A key slot whose token is already followed by `:`: only the name is to be inserted. */
  readonly hasColon: boolean;
  /** Inside a flow collection (`{...}`, `[...]`): insertions stay on one line. */
  readonly flow: boolean;
  /** Block style: the column at which the slot's token starts (keys of the mapping line up there). */
  readonly column: number;
  /** The keys (with their scalar values) of the mapping the slot belongs to: for a value slot, the mapping that holds the field. */
  readonly siblings: Entries;
  /** The entries of the mapping at any prefix of `path` (the document root is `[]`). */
  entriesAt(path: FieldPath): Entries;
  /** The scalar items already in the sequence the slot is an item of (`policyTypes`, `values`, `except`). */
  readonly listed: readonly string[];
  /** Nothing but the typed word (and comments) in the document. */
  readonly emptyDocument: boolean;
}

const NO_ENTRIES: Entries = new Map();

function samePath(a: FieldPath, b: FieldPath): boolean {
  return a.length === b.length && a.every((segment, i) => b[i] === segment);
}

/** Thrown when the cursor is nested deeper than the analysis goes: there is nothing to complete. */
class TooDeep extends Error {}

/** Paths and entries of block mappings, resolved by indentation over the lines of one document. */
class BlockStructure {
  /** Mapping paths seen while resolving, with where one of their keys sits, for `entriesAt`. */
  private readonly mappings: { path: FieldPath; line: number; column: number }[] = [];

  constructor(private readonly lines: readonly BlockLine[]) {}

  /**
   * The path of the mapping that holds token `t` of line `l` (a key at its column). `depth`
   * counts the levels resolved on the way: a line of 50,000 `- ` markers must not recurse
   * (and copy its path) 50,000 times.
   */
  mappingPath(l: number, t: number, depth = 0): FieldPath {
    if (depth > MAX_DEPTH) throw new TooDeep();
    const column = this.lines[l]!.tokens[t]!.column;
    const path = this.resolveMappingPath(l, t, column, depth);
    this.mappings.push({ path, line: l, column });
    return path;
  }

  private resolveMappingPath(l: number, t: number, column: number, depth: number): FieldPath {
    const tokens = this.lines[l]!.tokens;
    if (t > 0 && tokens[t - 1]!.kind === 'item') return this.itemPath(l, t - 1, depth + 1);
    for (let j = l - 1; j >= 0; j--) {
      const line = this.lines[j]!.tokens;
      for (let i = line.length - 1; i >= 0; i--) {
        const token = line[i]!;
        if (token.column >= column || token.kind === 'scalar') continue;
        return token.kind === 'key' ? [...this.mappingPath(j, i, depth + 1), token.name] : this.itemPath(j, i, depth + 1);
      }
    }
    return [];
  }

  /** The path of the item whose `- ` marker is token `t` of line `l`: its sequence's path and its index. */
  itemPath(l: number, t: number, depth = 0): FieldPath {
    if (depth > MAX_DEPTH) throw new TooDeep();
    const column = this.lines[l]!.tokens[t]!.column;
    const tokens = this.lines[l]!.tokens;
    if (t > 0 && tokens[t - 1]!.kind === 'item') return [...this.itemPath(l, t - 1, depth + 1), 0];
    let index = 0;
    for (let j = l - 1; j >= 0; j--) {
      const line = this.lines[j]!.tokens;
      for (let i = line.length - 1; i >= 0; i--) {
        const token = line[i]!;
        if (token.column > column || token.kind === 'scalar') continue;
        if (token.column === column && token.kind === 'item') {
          index++;
          continue;
        }
        const sequence = token.kind === 'key' ? [...this.mappingPath(j, i, depth + 1), token.name] : this.itemPath(j, i, depth + 1);
        return [...sequence, index];
      }
    }
    return [index];
  }

  /** The keys at `column` of the mapping around line `l`, before and after it (`except` line skipped). */
  entries(l: number, column: number, except?: number): Map<string, string | undefined> {
    const out = new Map<string, string | undefined>();
    const add = (token: BlockToken) => {
      if (token.kind === 'key' && !out.has(token.name)) out.set(token.name, token.value);
    };
    backward: for (let j = l; j >= 0; j--) {
      // The excepted line's key is not an entry, but the item marker before it still starts the mapping.
      const line = j === except ? this.lines[j]!.tokens.filter((token) => token.column < column) : this.lines[j]!.tokens;
      for (let i = line.length - 1; i >= 0; i--) {
        const token = line[i]!;
        if (token.column > column || token.kind === 'scalar') continue;
        if (token.column === column) add(token);
        else break backward;
      }
    }
    forward: for (let j = l + 1; j < this.lines.length; j++) {
      if (j === except) continue;
      for (const token of this.lines[j]!.tokens) {
        if (token.column < column) break forward;
        if (token.column === column) add(token);
        break;
      }
    }
    return out;
  }

  /** The scalar items of the sequence whose `- ` markers are at `column` around line `l` (`except` line skipped). */
  items(l: number, column: number, except: number): string[] {
    const out: string[] = [];
    const add = (j: number): boolean => {
      const tokens = this.lines[j]!.tokens;
      const first = tokens[0];
      if (!first || first.column > column) return true;
      if (first.column < column || first.kind !== 'item') return false;
      const next = tokens[1];
      if (next?.kind === 'scalar' && j !== except) out.push(next.text);
      return true;
    };
    for (let j = l - 1; j >= 0 && add(j); j--);
    for (let j = l + 1; j < this.lines.length && add(j); j++);
    return out;
  }

  entriesAt(path: FieldPath, except: number): Entries {
    const found = this.mappings.find((mapping) => samePath(mapping.path, path));
    return found ? this.entries(found.line, found.column, except) : NO_ENTRIES;
  }
}

/**
 * The completion context at a file offset; undefined where nothing can be completed (inside
 * a comment or a quoted key, or deeper than the analysis goes).
 */
export function completionContextAt(text: string, offset: number): CompletionContext | undefined {
  try {
    return contextAt(text, offset);
  } catch (error) {
    if (error instanceof TooDeep) return undefined;
    throw error;
  }
}

function contextAt(text: string, offset: number): CompletionContext | undefined {
  const bounds = documentBounds(text, offset);
  const lines = blockLines(text, bounds.start, bounds.end);
  const cursorLine = lines.findIndex((line) => offset >= line.start && offset <= line.end);
  if (cursorLine < 0) return undefined;
  const prefix = text.slice(lines[cursorLine]!.start, offset);
  if (/(^|[ \t])#/.test(prefix)) return undefined;
  const flowStart = unclosedFlowStart(text, bounds.start, offset);
  if (flowStart !== undefined) return flowContext(text, offset, lines, cursorLine, flowStart, bounds.end);
  return blockContext(text, offset, lines, cursorLine, prefix);
}

/** Inside a flow collection: its block owner gives the path the flow scan starts from. */
function flowContext(
  text: string,
  offset: number,
  lines: readonly BlockLine[],
  cursorLine: number,
  flowStart: number,
  end: number,
): CompletionContext | undefined {
  const structure = new BlockStructure(lines);
  const flowLine = lines.findIndex((l) => flowStart >= l.start && flowStart <= l.end);
  if (flowLine < 0) return undefined;
  const tokens = lines[flowLine]!.tokens;
  const owner = ownerOfColumn(tokens, flowStart - lines[flowLine]!.start);
  const ownerToken = owner === undefined ? undefined : tokens[owner]!;
  let base: FieldPath = [];
  if (ownerToken?.kind === 'key') base = [...structure.mappingPath(flowLine, owner!), ownerToken.name];
  else if (ownerToken) base = structure.itemPath(flowLine, owner!);
  const flow = scanFlow(text, flowStart, offset, end, base);
  if (!flow) return undefined;
  return {
    ...flow,
    item: false,
    flow: true,
    column: flow.replaceStart - lines[cursorLine]!.start,
    entriesAt: (path) => flow.frames.find((frame) => samePath(frame.path, path))?.entries ?? structure.entriesAt(path, cursorLine),
    emptyDocument: false,
  };
}

/** In block style: `key: val|` is a value slot; `  wor|` and `- |` are key slots (or a scalar item: the caller decides by the schema). */
function blockContext(
  text: string,
  offset: number,
  lines: readonly BlockLine[],
  cursorLine: number,
  prefix: string,
): CompletionContext | undefined {
  const line = lines[cursorLine]!;
  const emptyDocument = lines.every((l, i) => i === cursorLine || l.tokens.length === 0);
  // The cursor line as far as the cursor: item markers, then perhaps `key:` and a value.
  const contentColumn = /^ *(?:-(?: +|$))*/.exec(prefix)![0].length;
  const markers = line.tokens.filter((token) => token.kind === 'item' && token.column < contentColumn);
  const key = keyTokenAt(text, line.start, line.end, contentColumn);
  const valueKey = key && key.colon < offset - line.start ? key : undefined;
  const word = prefix.slice(contentColumn);
  if (!valueKey && /[ \t\r\n'"{}[\],]/.test(word)) return undefined;
  // Resolve with the cursor line's tokens replaced by what is before the cursor (and the key of a value slot).
  const tokens: BlockToken[] = [...markers, { kind: 'key', column: contentColumn, name: valueKey?.name ?? '', value: undefined }];
  const structure = new BlockStructure(lines.map((l, i) => (i === cursorLine ? { ...l, tokens } : l)));
  const mappingPath = structure.mappingPath(cursorLine, tokens.length - 1);
  const shared = {
    flow: false,
    siblings: structure.entries(cursorLine, contentColumn, cursorLine),
    entriesAt: (path: FieldPath) => structure.entriesAt(path, cursorLine),
    emptyDocument,
  };
  if (valueKey) {
    const start = Math.min(line.start + valueKey.valueStart, offset);
    return {
      ...shared,
      slot: 'value',
      path: [...mappingPath, valueKey.name],
      item: false,
      listed: [],
      word: text.slice(start, offset),
      replaceStart: start,
      replaceEnd: Math.max(offset, line.start + valueKey.valueEnd),
      hasColon: true,
      column: start - line.start,
    };
  }
  const rest = /^[^ \t\r\n:#,{}[\]]*/.exec(text.slice(offset, line.end))![0];
  const marker = markers[markers.length - 1];
  return {
    ...shared,
    slot: 'key',
    path: mappingPath,
    item: marker !== undefined,
    listed: marker ? structure.items(cursorLine, marker.column, cursorLine) : [],
    word,
    replaceStart: line.start + contentColumn,
    replaceEnd: offset + rest.length,
    hasColon: /^[ \t]*:/.test(text.slice(offset + rest.length, line.end)),
    column: contentColumn,
  };
}

/** The token of a line whose value holds the given column: the last key or item before it. */
function ownerOfColumn(tokens: readonly BlockToken[], column: number): number | undefined {
  for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i]!.column < column && tokens[i]!.kind !== 'scalar') return i;
  return undefined;
}
