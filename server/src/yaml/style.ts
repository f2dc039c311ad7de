/**
 * How a YAML file is written, so that inserted text looks like the rest of it: the
 * indentation step, whether `- ` items sit under their key indented (`key:\n  - a`) or
 * flush with it (`key:\n- a`, kubectl's style), and the line ending.
 */
export interface YamlStyle {
  readonly indent: number;
  /** `- ` items indented under their parent key. */
  readonly indentSequences: boolean;
  readonly eol: '\n' | '\r\n';
}

/** kubectl's output style. */
export const DEFAULT_STYLE: YamlStyle = { indent: 2, indentSequences: false, eol: '\n' };

interface Line {
  /** Column of the line's content after any `- ` item markers. */
  readonly column: number;
  /** Column of the first character (a `-` for an item line). */
  readonly start: number;
  readonly isItem: boolean;
  /** The line opens a block: `key:` with nothing (but a comment) after it. */
  readonly opensBlock: boolean;
}

const ITEM = /^(- +)+/;
const OPENS_BLOCK = /^[^#'"{[]*:\s*(#.*)?$/;

function readLine(raw: string): Line | undefined {
  const start = raw.length - raw.trimStart().length;
  const content = raw.slice(start).trimEnd();
  if (content === '' || content.startsWith('#') || content.startsWith('---') || content.startsWith('...')) return undefined;
  const marker = ITEM.exec(content)?.[0] ?? '';
  const rest = content.slice(marker.length);
  return { column: start + marker.length, start, isItem: marker !== '' || content === '-', opensBlock: OPENS_BLOCK.test(rest) };
}

function mostCommon<T>(votes: readonly T[], fallback: T): T {
  const counts = new Map<T, number>();
  for (const vote of votes) counts.set(vote, (counts.get(vote) ?? 0) + 1);
  let best = fallback;
  let bestCount = 0;
  for (const [vote, count] of counts) {
    if (count > bestCount) [best, bestCount] = [vote, count];
  }
  return best;
}

/** The style of `text`, by majority over its `key:` lines and their first child; defaults where it has none. */
export function detectStyle(text: string): YamlStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents: number[] = [];
  const sequenceVotes: boolean[] = [];
  let previous: Line | undefined;
  // Only the first 2,000 lines: enough evidence, and bounded on huge files.
  for (const raw of text.split('\n', 2000)) {
    const line = readLine(raw);
    if (!line) continue;
    if (previous?.opensBlock) {
      if (line.isItem) {
        sequenceVotes.push(line.start > previous.column);
        if (line.start > previous.column) indents.push(line.start - previous.column);
      } else if (line.column > previous.column) {
        indents.push(line.column - previous.column);
      }
    }
    previous = line;
  }
  return {
    indent: mostCommon(indents, DEFAULT_STYLE.indent),
    indentSequences: mostCommon(sequenceVotes, DEFAULT_STYLE.indentSequences),
    eol,
  };
}
