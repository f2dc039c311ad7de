import type { Diagnostic } from 'vscode-languageserver-types';
import { parseFieldPath, type FieldPath } from '../../model/path';
import type { EditTarget } from '../../yaml/edit/layout';
import type { FileChunk, YamlFile } from '../../yaml/file';
import { detectStyle, type YamlStyle } from '../../yaml/style';
import type { NetpolDiagnosticData } from '../validation';

/**
 * The document a netpol diagnostic was reported in, found by its `data.document` (not by its
 * position: a diagnostic of any document can be fixed, a NetworkPolicy or not), with the
 * diagnostic's field path and facts.
 */
export interface DiagnosticTarget {
  readonly target: EditTarget;
  /** `data.path` as a field path; [] for YAML problems. */
  readonly path: FieldPath;
  readonly details: unknown;
}

/** The style of each file, detected once: "fix all" builds a target for every diagnostic of a file. */
const styles = new WeakMap<YamlFile, YamlStyle>();

export function styleOf(file: YamlFile): YamlStyle {
  let style = styles.get(file);
  if (!style) {
    style = detectStyle(file.text);
    styles.set(file, style);
  }
  return style;
}

/** The chunk holding document `document` of the file. */
function chunkOfDocument(file: YamlFile, document: number): FileChunk | undefined {
  return file.chunks.find((chunk) => document >= chunk.firstDocument && document < chunk.firstDocument + chunk.parsed.documents.length);
}

export function diagnosticTarget(file: YamlFile, diagnostic: Diagnostic): DiagnosticTarget | undefined {
  const data = diagnostic.data as Partial<NetpolDiagnosticData> | undefined;
  if (typeof data?.document !== 'number') return undefined;
  const chunk = chunkOfDocument(file, data.document);
  const doc = chunk?.parsed.documents[data.document - chunk.firstDocument];
  if (!chunk || !doc) return undefined;
  // Diagnostics of an older version of the text (the client sends what it shows) may name a
  // document that has moved since: only fix the document the diagnostic still lies in.
  const line = diagnostic.range.start.line - chunk.line;
  const lines = chunk.parsed.lines;
  if (line < lines.positionAt(doc.span[0]).line || line > lines.positionAt(doc.span[1]).line) return undefined;
  return {
    target: { chunk, doc, style: styleOf(file) },
    path: typeof data.path === 'string' ? parseFieldPath(data.path) : [],
    details: data.details,
  };
}

/** The file offset of the start of a (file) line, through the chunk holding it; undefined past the end. */
export function lineOffset(file: YamlFile, line: number): number | undefined {
  let chunk: FileChunk | undefined;
  for (const candidate of file.chunks) {
    if (candidate.line > line) break;
    chunk = candidate;
  }
  const local = line - (chunk?.line ?? 0);
  // A line past the end (a diagnostic of an older, longer text) has no offset.
  if (!chunk || local >= chunk.parsed.lines.lineCount) return undefined;
  return chunk.offset + chunk.parsed.lines.offsetAt({ line: local, character: 0 });
}
