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
   * Keyed by the text itself: finding a chunk costs one hash of its text (V8 hashes a string
   * once, natively), as comparing it with its match would anyway. A key of the text's length
   * and ends put the many look-alike documents of a generated file (40,000 policies differing
   * in a name) into a few buckets searched one by one, which made every pass quadratic.
   */
  private readonly chunks = new Map<string, ParsedChunk>();

  get(text: string): ParsedChunk | undefined {
    return this.chunks.get(text);
  }

  add(parsed: ParsedChunk): void {
    if (!this.chunks.has(parsed.text)) this.chunks.set(parsed.text, parsed);
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
    for (const [text, parsed] of this.chunks) if (!used.has(parsed)) this.chunks.delete(text);
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
