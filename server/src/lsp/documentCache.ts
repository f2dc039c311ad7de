import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import type { AnalysisSettings } from '../services/settings';
import { isTooLarge } from '../services/validation';
import { ChunkPool, parseFile, type YamlFile } from '../yaml/file';

/**
 * The parse of each open document, keyed by its version (one entry per URI), and the chunk
 * pool that lets an edit re-parse only the documents of a file that changed. The analysis
 * stores what it parsed; a request on a version the analysis has not reached yet parses it.
 * A document over the size limit (netpol.maxFileSizeMB) is never parsed: requests on it get
 * no file, so they answer at once with nothing (its one diagnostic says why).
 */
export class DocumentCache {
  private readonly pools = new Map<string, ChunkPool>();
  private readonly parsed = new Map<string, { readonly version: number; readonly file: YamlFile }>();

  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  /** The chunk pool of a document (created on first use). */
  pool(uri: string): ChunkPool {
    let pool = this.pools.get(uri);
    if (!pool) {
      pool = new ChunkPool();
      this.pools.set(uri, pool);
    }
    return pool;
  }

  /** Records the parse of a document's version (the analysis made it). */
  set(uri: string, version: number, file: YamlFile): void {
    this.parsed.set(uri, { version, file });
    this.pool(uri).retain(file);
  }

  /** The parse of an open document at its current version; undefined when it is not open or over the size limit. */
  get(uri: string, settings: AnalysisSettings): YamlFile | undefined {
    const document = this.documents.get(uri);
    if (!document || isTooLarge(document.getText(), settings)) return undefined;
    const latest = this.parsed.get(uri);
    if (latest?.version === document.version) return latest.file;
    const file = parseFile(document.getText(), this.pool(uri));
    this.parsed.set(uri, { version: document.version, file });
    return file;
  }

  forget(uri: string): void {
    this.pools.delete(uri);
    this.parsed.delete(uri);
  }
}
