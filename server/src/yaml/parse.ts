import { parseAllDocuments, type Document } from 'yaml';
import type { Json } from '../model/json';
import { LineIndex } from './lineIndex';
import type { SourceMap, Span } from './sourceMap';
import { documentToJson } from './toJson';

export type YamlRuleId =
  | 'yaml-syntax'
  | 'yaml-duplicate-key'
  | 'yaml-alias-limit'
  | 'yaml-depth-limit'
  | 'yaml-conversion';

/** A problem with the YAML itself, before any Kubernetes meaning. */
export interface YamlProblem {
  readonly ruleId: YamlRuleId;
  readonly span: Span;
  readonly message: string;
}

export interface YamlDocument {
  /** The document's extent in its chunk. */
  readonly span: Span;
  /** The JSON kubectl would send, or undefined for an empty or unconvertible document. */
  readonly json: Json | undefined;
  readonly sourceMap: SourceMap;
  readonly problems: readonly YamlProblem[];
}

/** The parse of one chunk. Offsets in it are relative to the chunk's text. */
export interface ParsedChunk {
  readonly text: string;
  readonly documents: readonly YamlDocument[];
  readonly lines: LineIndex;
}

const PARSE_OPTIONS = { schema: 'failsafe', prettyErrors: false, uniqueKeys: true } as const;

/**
 * Characters go-yaml refuses ("control characters are not allowed"): C0 controls other
 * than tab/LF/CR, DEL, C1 controls other than NEL, U+FFFE/U+FFFF and lone surrogates.
 */
const FORBIDDEN_CHARACTER =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function ruleForError(code: string): YamlRuleId {
  if (code === 'DUPLICATE_KEY') return 'yaml-duplicate-key';
  if (code === 'RESOURCE_EXHAUSTION') return 'yaml-depth-limit';
  return 'yaml-syntax';
}

function clampSpan(span: readonly [number, number], length: number): Span {
  const start = Math.max(0, Math.min(span[0], length));
  return [start, Math.max(start, Math.min(span[1], length))];
}

function forbiddenCharacter(text: string, span: Span): YamlProblem | undefined {
  const match = FORBIDDEN_CHARACTER.exec(text.slice(span[0], span[1]));
  if (!match) return undefined;
  const at = span[0] + match.index;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return {
    ruleId: 'yaml-syntax',
    span: [at, at + match[0].length],
    message: `Control character U+${code} is not allowed in YAML (is this a binary file?).`,
  };
}

function problemsOf(doc: Document.Parsed, text: string): YamlProblem[] {
  const problems: YamlProblem[] = [];
  let depthReported = false;
  for (const error of doc.errors) {
    const ruleId = ruleForError(error.code);
    if (ruleId === 'yaml-depth-limit') {
      // The parser reports every level it gave up on; one message is enough.
      if (depthReported) continue;
      depthReported = true;
      problems.push({ ruleId, span: clampSpan(error.pos, text.length), message: 'Document is nested too deeply to be parsed.' });
      continue;
    }
    const message = error.message.replace(/\s+at line \d+, column \d+[\s\S]*$/, '');
    problems.push({ ruleId, span: clampSpan(error.pos, text.length), message: message.endsWith('.') ? message : `${message}.` });
  }
  return problems;
}

/** Parses every document of a chunk; never throws. */
export function parseChunk(text: string): ParsedChunk {
  const documents: YamlDocument[] = [];
  const parsed = parseAllDocuments(text, PARSE_OPTIONS);
  for (const doc of parsed) {
    const span = clampSpan([doc.range[0], doc.range[2]], text.length);
    const sourceMap: SourceMap = new WeakMap();
    const problems = problemsOf(doc, text);
    const control = forbiddenCharacter(text, span);
    if (control) problems.push(control);
    const converted = documentToJson(doc, sourceMap);
    problems.push(...converted.issues);
    documents.push({ span, json: control ? undefined : converted.json, sourceMap, problems });
  }
  return { text, documents, lines: new LineIndex(text) };
}
