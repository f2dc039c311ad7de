import type { LineIndex } from './lineIndex';

/**
 * Suppression comments, found in a chunk's text:
 *   `# netpol-disable-next-line <id>[, <id>...]`  the diagnostics of those rules on the next line
 *   `# netpol-disable <id>[, <id>...]`            the diagnostics of those rules in the whole document
 * Lines are relative to the chunk. Which ids a comment may turn off is decided by the caller
 * (lints only: what the API server rejects cannot be disabled).
 */
export interface Suppressions {
  /** Rule ids suppressed on a line. */
  readonly lines: ReadonlyMap<number, ReadonlySet<string>>;
  /** Offsets of `netpol-disable` comments, with their rule ids (the document holding the offset is meant). */
  readonly documents: readonly { readonly offset: number; readonly ids: ReadonlySet<string> }[];
  /** Every id written in a comment, with its offset, for diagnostics about the comment itself. */
  readonly ids: readonly { readonly offset: number; readonly id: string }[];
}

const DIRECTIVE = /#\s*netpol-disable(-next-line)?\s+([A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+)*)/g;
const ID = /[A-Za-z0-9-]+/g;
const NONE: Suppressions = { lines: new Map(), documents: [], ids: [] };

export function findSuppressions(text: string, lineIndex: LineIndex): Suppressions {
  if (!text.includes('netpol-disable')) return NONE;
  const lines = new Map<number, Set<string>>();
  const documents: { offset: number; ids: Set<string> }[] = [];
  const written: { offset: number; id: string }[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const list = match[2]!;
    const listOffset = match.index + match[0].length - list.length;
    for (const id of list.matchAll(ID)) written.push({ offset: listOffset + id.index, id: id[0] });
    const ids = new Set(list.split(',').map((id) => id.trim()));
    const offset = match.index;
    if (match[1]) {
      const line = lineIndex.positionAt(offset).line + 1;
      const existing = lines.get(line);
      lines.set(line, existing ? new Set([...existing, ...ids]) : ids);
    } else {
      documents.push({ offset, ids });
    }
  }
  return { lines, documents, ids: written };
}
