import { decodeManifest } from '../yaml/encoding';
import { parseFile, type YamlFile } from '../yaml/file';
import { withKustomize, type AnalysisSettings } from './settings';
import { skippedText, type FileValidation } from './validation';
import { indexObjects, kustomizationOf, type WorkspaceIndex } from './workspace';
import { isKustomizationFile } from '../model/kustomize/tree';

/**
 * How a manifest on disk (or from standard input) becomes part of the workspace, for the
 * language server's indexer and the CLI alike: decoded (BOM, UTF-16), set aside when it is
 * too large or a Helm template, else parsed and its objects indexed, in the namespace and with
 * the labels of the kustomizations that list it.
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

/** What indexing a file changed: whether anything other files see, and which files to index again. */
export interface IndexChange {
  readonly changed: boolean;
  /** Files whose kustomize context changed (the file was a kustomization): their objects are to be indexed again. */
  readonly reindex: readonly string[];
}

/** Decodes and parses a manifest (not when it is to be skipped). */
export function loadManifest(uri: string, bytes: Uint8Array, settings: AnalysisSettings): LoadedManifest {
  const { text, valid } = decodeManifest(bytes);
  const skipped = skippedText(text, settings);
  return skipped ? { uri, text, valid, skipped } : { uri, text, valid, file: parseFile(text) };
}

/** A file's settings in the workspace: its folder's, with the kustomizations that list it. */
export function settingsOfFile(index: WorkspaceIndex, uri: string, settings: AnalysisSettings): AnalysisSettings {
  return withKustomize(settings, index.kustomizeContextOf(uri));
}

/** Puts a parsed file (undefined: none to read) into the index: its kustomization, if it is one, and its objects. */
export function indexParsed(index: WorkspaceIndex, uri: string, file: YamlFile | undefined, settings: AnalysisSettings): IndexChange {
  const reindex = index.setKustomization(uri, file ? kustomizationOf(uri, file) : undefined);
  const changed = index.setFile(uri, file ? indexObjects(uri, file, settingsOfFile(index, uri, settings)) : []);
  return { changed: changed || reindex.length > 0, reindex };
}

/** Puts a manifest's objects into the index (none for a skipped one). */
export function indexManifest(index: WorkspaceIndex, manifest: LoadedManifest, settings: AnalysisSettings): IndexChange {
  return indexParsed(index, manifest.uri, manifest.file, settings);
}

/** Takes a file out of the index. */
export function forgetManifest(index: WorkspaceIndex, uri: string): IndexChange {
  const reindex = index.setKustomization(uri, undefined);
  return { changed: index.removeFile(uri) || reindex.length > 0, reindex };
}

/** Kustomization files first: indexed before the files they list, those get their context at once. */
export function kustomizationsFirst<T>(items: readonly T[], uriOf: (item: T) => string): T[] {
  const first = items.filter((item) => isKustomizationFile(uriOf(item)));
  return first.length ? [...first, ...items.filter((item) => !isKustomizationFile(uriOf(item)))] : [...items];
}
