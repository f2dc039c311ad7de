import { parseAllDocuments, type Document } from 'yaml';
import type { Json } from '../model/json';
import type { YamlRuleId } from '../rules/ruleIds';
import { LineIndex } from './lineIndex';
import type { MapSource, SeqSource, SourceMap, Span } from './sourceMap';
import { documentToJson } from './toJson';
import { isBreak } from './whitespace';

/** The rules of the catalog a parse reports (the others are about files that are not parsed at all). */
export type ParseRuleId = Exclude<YamlRuleId, 'helm-template' | 'file-too-large'>;

/** A problem with the YAML itself, before any Kubernetes meaning. */
export interface YamlProblem {
  readonly ruleId: ParseRuleId;
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

// uniqueKeys is off: the parser's check is quadratic in the size of a mapping. toJson
// detects duplicates on the JSON keys instead (which is what matters to kubectl).
export const PARSE_OPTIONS = { schema: 'failsafe', prettyErrors: false, uniqueKeys: false } as const;

/**
 * Characters go-yaml refuses ("control characters are not allowed"): C0 controls other
 * than tab/LF/CR, DEL, C1 controls other than NEL, U+FFFE/U+FFFF and lone surrogates.
 */
const FORBIDDEN_CHARACTER =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function ruleForError(code: string): ParseRuleId {
  if (code === 'DUPLICATE_KEY') return 'yaml-duplicate-key';
  if (code === 'RESOURCE_EXHAUSTION') return 'yaml-depth-limit';
  return 'yaml-syntax';
}

function clampSpan(span: readonly [number, number], length: number): Span {
  const start = Math.max(0, Math.min(span[0], length));
  return [start, Math.max(start, Math.min(span[1], length))];
}

/**
 * The span of a parser error, in the text. The parser points at a line break for some
 * errors (a bad indentation found at the end of a line): the range ends before it, at the end
 * of the line, instead of after it, on the next line.
 */
function errorSpan(pos: readonly [number, number], text: string): Span {
  const [start, end] = clampSpan(pos, text.length);
  let at = end;
  while (at > start && isBreak(text[at - 1])) at--;
  return [start, at];
}

export function forbiddenCharacter(text: string, span: Span): YamlProblem | undefined {
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
      problems.push({ ruleId, span: errorSpan(error.pos, text), message: 'Document is nested too deeply to be parsed.' });
      continue;
    }
    const message = error.message.replace(/\s+at line \d+, column \d+[\s\S]*$/, '');
    problems.push({ ruleId, span: errorSpan(error.pos, text), message: message.endsWith('.') ? message : `${message}.` });
  }
  return problems;
}

/**
 * kubectl splits a file into documents itself (apimachinery's YAMLReader) at every line
 * that starts with `---`, and rejects the file when anything but a comment follows it on
 * that line: `--- {a: 1}`, `---foo` and `----` are valid YAML but fail `kubectl apply`.
 */
function separatorProblems(text: string): { at: number; problem: YamlProblem }[] {
  const out: { at: number; problem: YamlProblem }[] = [];
  for (let at = text.indexOf('---'); at >= 0; at = text.indexOf('---', at + 3)) {
    if (at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r') continue;
    const lineEnd = text.slice(at).search(/\r|\n|$/) + at;
    const rest = text.slice(at + 3, lineEnd).trim();
    if (rest === '' || rest.startsWith('#')) continue;
    out.push({
      at,
      problem: {
        ruleId: 'yaml-document-separator',
        span: [at, lineEnd],
        message: `kubectl rejects this line: invalid YAML document separator "${rest}" (only a comment may follow ---). Put the content on the next line`,
      },
    });
  }
  return out;
}

/** Parses every document of a chunk; never throws. */
export function parseChunk(text: string): ParsedChunk {
  const documents: YamlDocument[] = [];
  // A lone CR is a line break for go-yaml (and for the chunks and LineIndex), but not for
  // the parser: give it LF instead. Same length, so every offset stays valid for `text`.
  const parsed = parseAllDocuments(text.replace(/\r(?!\n)/g, '\n'), PARSE_OPTIONS);
  // A bad separator line belongs to the document it ends (kubectl fails the whole file),
  // so `--- {}` after a policy is reported with the policy: the last one starting before it.
  const separators = new Map<number, YamlProblem[]>();
  let owner = 0;
  for (const { at, problem } of separatorProblems(text)) {
    while (owner + 1 < parsed.length && parsed[owner + 1]!.range[0] < at) owner++;
    const owned = separators.get(owner);
    if (owned) owned.push(problem);
    else separators.set(owner, [problem]);
  }
  parsed.forEach((doc, index) => {
    const span = clampSpan([doc.range[0], doc.range[2]], text.length);
    const sourceMap = new WeakMap<object, MapSource | SeqSource>();
    const problems = [...problemsOf(doc, text), ...(separators.get(index) ?? [])];
    const control = forbiddenCharacter(text, span);
    if (control) problems.push(control);
    const converted = documentToJson(doc, sourceMap);
    // Too deep for the parser is too deep for the conversion too: one message is enough.
    const parsedTooDeep = problems.some((p) => p.ruleId === 'yaml-depth-limit');
    problems.push(...converted.issues.filter((issue) => !(parsedTooDeep && issue.ruleId === 'yaml-depth-limit')));
    documents.push({ span, json: control ? undefined : converted.json, sourceMap, problems });
  });
  return { text, documents, lines: new LineIndex(text) };
}
