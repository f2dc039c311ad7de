import type { LineIndex } from './lineIndex';

/**
 * Suppression comments, found in a chunk's text:
 *   `# netpol-disable-next-line <id>[, <id>...]`  the diagnostics of those rules on the next line
 *   `# netpol-disable <id>[, <id>...]`            the diagnostics of those rules in the whole document
 * Lines are relative to the chunk.
 */
export interface Suppressions {
  /** Rule ids suppressed on a line. */
  readonly lines: ReadonlyMap<number, ReadonlySet<string>>;
  /** Offsets of `netpol-disable` comments, with their rule ids (the document holding the offset is meant). */
  readonly documents: readonly { readonly offset: number; readonly ids: ReadonlySet<string> }[];
}

const DIRECTIVE = /#\s*netpol-disable(-next-line)?\s+([A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+)*)/g;
const NONE: Suppressions = { lines: new Map(), documents: [] };

export function findSuppressions(text: string, lineIndex: LineIndex): Suppressions {
  if (!text.includes('netpol-disable')) return NONE;
  const lines = new Map<number, Set<string>>();
  const documents: { offset: number; ids: Set<string> }[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const ids = new Set(match[2]!.split(',').map((id) => id.trim()));
    const offset = match.index;
    if (match[1]) {
      const line = lineIndex.positionAt(offset).line + 1;
      const existing = lines.get(line);
      lines.set(line, existing ? new Set([...existing, ...ids]) : ids);
    } else {
      documents.push({ offset, ids });
    }
  }
  return { lines, documents };
}
