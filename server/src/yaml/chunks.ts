/**
 * Splits a file into chunks of whole YAML documents at `---` lines, without parsing.
 * A `---` at the start of a line always begins a new document (YAML forbids it inside
 * scalars), so a chunk can be parsed on its own and an edit re-parses only its chunk.
 * This runs on every keystroke over the whole file, so it leans on native string search.
 */
export interface Chunk {
  /** The chunk's text: whole lines, including the final line break. */
  readonly text: string;
  /** Offset of the chunk in the file (UTF-16 code units). */
  readonly offset: number;
  /** Zero-based line of the chunk's first character in the file. */
  readonly line: number;
}

function isMarkerEnd(code: number): boolean {
  // End of text, space, tab, CR or LF.
  return Number.isNaN(code) || code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
}

function atLineStart(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text.charCodeAt(at - 1);
  return before === 0x0a || before === 0x0d;
}

/** Offsets of every `---` document marker (at a line start, followed by a space or line end). */
function markers(text: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf('---'); at >= 0; at = text.indexOf('---', at + 3)) {
    if (atLineStart(text, at) && isMarkerEnd(text.charCodeAt(at + 3))) out.push(at);
  }
  return out;
}

/** Line breaks (`\r\n`, `\r`, `\n`) in text[from, to). */
function countLineBreaks(text: string, from: number, to: number, hasCR: boolean): number {
  let count = 0;
  if (!hasCR) {
    for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) count++;
    return count;
  }
  const breaks = /\r\n|\r|\n/g;
  breaks.lastIndex = from;
  for (let m = breaks.exec(text); m && m.index < to; m = breaks.exec(text)) count++;
  return count;
}

/** Whether text[from, to) has a line that begins document content (not blank, a comment or a directive). */
function hasContent(text: string, from: number, to: number): boolean {
  const lines = /[^\r\n]*(\r\n|\r|\n|$)/g;
  lines.lastIndex = from;
  for (let m = lines.exec(text); m && m.index < to; m = lines.exec(text)) {
    const line = m[0];
    const trimmed = line.replace(/^[ \t\ufeff]+/, '');
    if (trimmed !== '' && !/^[#\r\n]/.test(trimmed) && !line.startsWith('%')) return true;
    if (m[0].length === 0) break;
  }
  return false;
}

/**
 * Where the chunk text[from, to) really ends: directives after a `...` line belong to the
 * next document, so the chunk ends before them.
 */
/** Offsets of every line that starts with `%` (a directive, when it precedes a document). */
function directiveLines(text: string): number[] {
  const out: number[] = text.startsWith('%') ? [0] : [];
  for (let at = text.indexOf('%', 1); at >= 0; at = text.indexOf('%', at + 1)) if (atLineStart(text, at)) out.push(at);
  return out;
}

function endBeforeDirectives(text: string, from: number, to: number, directives: readonly number[]): number {
  if (!directives.some((at) => at >= from && at < to)) return to;
  const region = text.slice(from, to);
  const lines = region.split(/(?<=\r\n|\r(?!\n)|\n)/);
  let offset = from;
  let afterDocumentEnd = false;
  let directivesStart = -1;
  for (const line of lines) {
    if (/^\.\.\.([ \t\r\n]|$)/.test(line)) {
      afterDocumentEnd = true;
      directivesStart = -1;
    } else if (afterDocumentEnd && line.startsWith('%')) {
      if (directivesStart < 0) directivesStart = offset;
    } else if (!/^[ \t]*(#.*)?(\r\n|\r|\n)?$/.test(line)) {
      afterDocumentEnd = false;
      directivesStart = -1;
    }
    offset += line.length;
  }
  return directivesStart >= 0 ? directivesStart : to;
}

export function splitChunks(text: string): Chunk[] {
  const hasCR = text.includes('\r');
  const directives = directiveLines(text);
  const chunks: Chunk[] = [];
  let start = 0;
  let line = 0;
  const cut = (at: number) => {
    chunks.push({ text: text.slice(start, at), offset: start, line });
    line += countLineBreaks(text, start, at, hasCR);
    start = at;
  };
  for (const marker of markers(text)) {
    // A chunk that starts with a marker has begun its document; the first chunk may hold
    // only comments and directives before its marker, which belong to that document.
    const begun = start !== 0 || atMarker(text, 0) || hasContent(text, 0, marker);
    if (!begun || marker === start) continue;
    // Normally the chunk ends at the marker; directives after a `...` go with the next one.
    const end = endBeforeDirectives(text, start, marker, directives);
    if (end > start) cut(end);
  }
  if (start < text.length || chunks.length === 0) chunks.push({ text: text.slice(start), offset: start, line });
  return chunks;
}

function atMarker(text: string, at: number): boolean {
  return text.startsWith('---', at) && isMarkerEnd(text.charCodeAt(at + 3));
}
