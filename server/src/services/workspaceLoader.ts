import { decodeManifest } from '../yaml/encoding';
import { parseFile, type YamlFile } from '../yaml/file';
import type { AnalysisSettings } from './settings';
import { skippedText, type FileValidation } from './validation';
import { indexObjects, type WorkspaceIndex } from './workspace';

/**
 * How a manifest on disk (or from standard input) becomes part of the workspace, for the
 * language server's indexer and the CLI alike: decoded (BOM, UTF-16), set aside when it is
 * too large or a Helm template, else parsed and its objects indexed.
 */

/** One manifest as read. */
export interface LoadedManifest {
  readonly uri: string;
  readonly text: string;
  /** False when the bytes were not valid UTF-8 (read with replacement characters). */
  readonly valid: boolean;
  /** Set when the text is not analysed (too large, a Helm template), with the diagnostic that says so. */
  readonly skipped?: FileValidation;
  /** The parse, unless skipped. */
  readonly file?: YamlFile;
}

/** Decodes and parses a manifest (not when it is to be skipped). */
export function loadManifest(uri: string, bytes: Uint8Array, settings: AnalysisSettings): LoadedManifest {
  const { text, valid } = decodeManifest(bytes);
  const skipped = skippedText(text, settings);
  return skipped ? { uri, text, valid, skipped } : { uri, text, valid, file: parseFile(text) };
}

/** Puts a manifest's objects into the index (none for a skipped one); whether the index changed. */
export function indexManifest(index: WorkspaceIndex, manifest: LoadedManifest, settings: AnalysisSettings): boolean {
  return index.setFile(manifest.uri, manifest.file ? indexObjects(manifest.uri, manifest.file, settings) : []);
}
