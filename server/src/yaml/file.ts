import { splitChunks } from './chunks';
import { runSteps, type Steps } from '../util/steps';
import { parseChunk, type ParsedChunk } from './parse';
import { spliceChunk } from './splice';

/** One chunk of a file, placed in the file. */
export interface FileChunk {
  readonly offset: number;
  readonly line: number;
  /** Index in the file of the chunk's first YAML document. */
  readonly firstDocument: number;
  readonly parsed: ParsedChunk;
}

/** A parsed YAML file: its chunks of whole documents, each parsed on its own. */
export interface YamlFile {
  readonly text: string;
  readonly chunks: readonly FileChunk[];
  readonly documentCount: number;
}

/**
 * Parsed chunks by text, shared by the successive versions of one file: an edit re-parses
 * only the chunks it touched, even when an earlier analysis was abandoned half-way.
 */
export class ChunkPool {
  /**
   * Keyed by length and both ends of the text, not the whole text: hashing every chunk of
   * a 2 MB file on each keystroke would cost more than the rest of the analysis.
   */
  private readonly chunks = new Map<string, ParsedChunk[]>();

  private static keyOf(text: string): string {
    return `${text.length}:${text.slice(0, 40)}:${text.slice(-40)}`;
  }

  get(text: string): ParsedChunk | undefined {
    return this.chunks.get(ChunkPool.keyOf(text))?.find((parsed) => parsed.text === text);
  }

  add(parsed: ParsedChunk): void {
    const key = ChunkPool.keyOf(parsed.text);
    const bucket = this.chunks.get(key);
    if (!bucket) this.chunks.set(key, [parsed]);
    else if (!bucket.some((p) => p.text === parsed.text)) bucket.push(parsed);
  }

  /** The chunks of the file last retained, in order: an edited chunk is derived from the one at its place. */
  private placed: readonly ParsedChunk[] = [];

  /** The parse of the chunk at `index` of a new version of the file, from the earlier parse of that place when an edit allows. */
  derive(index: number, text: string): ParsedChunk | undefined {
    const earlier = this.placed[index];
    return earlier && spliceChunk(earlier, text);
  }

  /** Forgets every chunk that `file` does not use. */
  retain(file: YamlFile): void {
    this.placed = file.chunks.map((chunk) => chunk.parsed);
    const used = new Set(this.placed);
    for (const [key, bucket] of this.chunks) {
      const kept = bucket.filter((parsed) => used.has(parsed));
      if (kept.length) this.chunks.set(key, kept);
      else this.chunks.delete(key);
    }
  }
}

/** Parses a file, taking unchanged chunks from `pool`. Yields after each chunk it had to parse. */
export function* parseFileSteps(text: string, pool?: ChunkPool): Steps<YamlFile> {
  const chunks: FileChunk[] = [];
  let documentCount = 0;
  for (const chunk of splitChunks(text)) {
    let parsed = pool?.get(chunk.text);
    if (!parsed) {
      parsed = pool?.derive(chunks.length, chunk.text) ?? parseChunk(chunk.text);
      pool?.add(parsed);
      yield;
    }
    chunks.push({ offset: chunk.offset, line: chunk.line, firstDocument: documentCount, parsed });
    documentCount += parsed.documents.length;
  }
  return { text, chunks, documentCount };
}

export function parseFile(text: string, pool?: ChunkPool): YamlFile {
  return runSteps(parseFileSteps(text, pool));
}
