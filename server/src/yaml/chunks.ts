/**
 * Splits a file into chunks of whole YAML documents at `---` lines, without parsing.
 * A `---` at the start of a line always begins a new document (YAML forbids it inside
 * scalars), so a chunk can be parsed on its own and an edit re-parses only its chunk.
 */
export interface Chunk {
  /** The chunk's text: whole lines, including the final line break. */
  readonly text: string;
  /** Offset of the chunk in the file (UTF-16 code units). */
  readonly offset: number;
  /** Zero-based line of the chunk's first character in the file. */
  readonly line: number;
}

const LINE_BREAK = /\r\n|\r|\n/g;

function isDocumentStart(text: string, at: number): boolean {
  if (!text.startsWith('---', at)) return false;
  const next = text.charCodeAt(at + 3);
  // End of text, space, tab, CR or LF.
  return Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x0d || next === 0x0a;
}

function isDocumentEnd(text: string, at: number): boolean {
  if (!text.startsWith('...', at)) return false;
  const next = text.charCodeAt(at + 3);
  return Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x0d || next === 0x0a;
}

/** A line that does not begin document content: blank, a comment, or a directive. */
function isPrologueLine(text: string, at: number, end: number): boolean {
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0xfeff) continue;
    return c === 0x23 /* # */ || (c === 0x25 /* % */ && i === at);
  }
  return true;
}

export function splitChunks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let chunkOffset = 0;
  let chunkLine = 0;
  let hasContent = false;
  // Directives after a `...` belong to the next document.
  let afterDocumentEnd = false;
  let prologueStart = -1;
  let prologueLine = -1;

  let lineStart = 0;
  let line = 0;
  LINE_BREAK.lastIndex = 0;
  for (;;) {
    const match = LINE_BREAK.exec(text);
    const lineEnd = match ? match.index : text.length;
    if (isDocumentStart(text, lineStart)) {
      const splitAt = prologueStart >= 0 ? prologueStart : lineStart;
      const splitLine = prologueStart >= 0 ? prologueLine : line;
      if (hasContent && splitAt > chunkOffset) {
        chunks.push({ text: text.slice(chunkOffset, splitAt), offset: chunkOffset, line: chunkLine });
        chunkOffset = splitAt;
        chunkLine = splitLine;
      }
      hasContent = true;
      afterDocumentEnd = false;
      prologueStart = -1;
    } else if (isDocumentEnd(text, lineStart)) {
      afterDocumentEnd = true;
      prologueStart = -1;
    } else if (isPrologueLine(text, lineStart, lineEnd)) {
      if (afterDocumentEnd && prologueStart < 0 && text.charCodeAt(lineStart) === 0x25) {
        prologueStart = lineStart;
        prologueLine = line;
      }
    } else {
      hasContent = true;
      afterDocumentEnd = false;
      prologueStart = -1;
    }
    if (!match) break;
    lineStart = match.index + match[0].length;
    line++;
  }
  if (chunkOffset < text.length || chunks.length === 0) {
    chunks.push({ text: text.slice(chunkOffset), offset: chunkOffset, line: chunkLine });
  }
  return chunks;
}
