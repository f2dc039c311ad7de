import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { getField, isJsonObject } from '../model/json';
import { formatPath } from '../model/path';
import { ALL_RULES, ruleMeta } from '../rules/catalog';
import { isSuppressible, suppressionProblem } from '../rules/suppression';
import type { RuleData, RuleId } from '../rules/ruleIds';
import { prefixFinding, type Finding } from '../rules/finding';
import type { Severity, SeveritySetting } from '../rules/severity';
import { NAMESPACE_LINTS } from '../rules/catalog';
import {
  analysePolicy,
  isNetworkPolicyObject,
  lintInWorkspace,
  policiesOf,
  type PolicyAnalysis,
  type ValidationOptions,
} from '../rules/validateDocument';
import { objectsOf, type NamespaceObject } from '../model/objects';
import { lintClusterTraffic } from '../rules/clusterPolicy/trafficLints';
import { analyseClusterPolicy, clusterPoliciesOf, type ClusterPolicyAnalysis } from '../rules/clusterPolicy/validateClusterPolicy';
import { unknownKindFindings } from '../rules/kinds';
import { EMPTY_WORKSPACE, type WorkspaceView } from '../model/workspaceView';
import { findSuppressions, type Suppressions } from '../yaml/suppressions';
import { runSteps, type Steps } from '../util/steps';
import { parseFileSteps, type ChunkPool, type YamlFile } from '../yaml/file';
import { isHelmTemplate } from '../yaml/helm';
import { locate } from '../yaml/locate';
import type { ParsedChunk, YamlDocument } from '../yaml/parse';
import type { Span } from '../yaml/sourceMap';
import { ruleDocsUrl } from './ruleDocs';
import { settingsKey, type AnalysisSettings } from './settings';

/** `diagnostic.data` of every netpol diagnostic (the `path` is part of the contract). */
export interface NetpolDiagnosticData {
  /** The Kubernetes field path as the API server prints it, or null for YAML problems. */
  readonly path: string | null;
  /** Zero-based index of the YAML document in the file. */
  readonly document: number;
  /** Rule-specific facts for quick fixes (`RuleData` of the diagnostic's rule). */
  readonly details?: RuleData<RuleId>;
}

export interface FileValidation {
  readonly diagnostics: Diagnostic[];
  /** NetworkPolicies and cluster-wide policies found (list items included). */
  readonly policies: number;
  readonly documents: number;
  /** False when the file was not analysed (see `skipped`). */
  readonly analysed: boolean;
  readonly skipped?: 'too-large' | 'helm-template';
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function severityOf(ruleId: RuleId, settings: AnalysisSettings): SeveritySetting {
  return settings.severities[ruleId] ?? ruleMeta(ruleId).severity;
}

function disabledRules(settings: AnalysisSettings): Set<RuleId> {
  return new Set((Object.keys(settings.severities) as RuleId[]).filter((id) => settings.severities[id] === 'off'));
}

interface ChunkResult {
  readonly key: string;
  /** Diagnostics with chunk-relative lines; `data.document` relative to the chunk. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Problems of documents that are not NetworkPolicies but that make kubectl refuse the
   * whole file (a bad `---` line): reported when the file holds a NetworkPolicy.
   */
  readonly fileProblems: readonly Diagnostic[];
  /** The policies of the chunk, understood (for the lints that consult the workspace). */
  readonly analyses: readonly ChunkPolicy[];
  /** The cluster-wide policies of the chunk (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy). */
  readonly clusterAnalyses: readonly ChunkClusterPolicy[];
  /** Namespace manifests of the chunk (for the lints reported on them). */
  readonly namespaces: readonly { readonly namespace: NamespaceObject; readonly doc: YamlDocument; readonly document: number }[];
  readonly suppressions: Suppressions;
  readonly policies: number;
  /** Namespaces of the chunk's policies and Namespace manifests: its workspace lints look at their policies. */
  readonly namespacesConsulted: readonly string[];
  /** Diagnostics of the workspace lints, for the workspace versions they were computed with. */
  workspaceDiagnostics?: { readonly key: string; readonly diagnostics: readonly Diagnostic[] };
  /** The chunk's final diagnostics where it was last placed in its file (lines and documents shifted). */
  placed?: {
    readonly line: number;
    readonly firstDocument: number;
    readonly fromWorkspace: readonly Diagnostic[];
    readonly withFileProblems: boolean;
    readonly diagnostics: readonly Diagnostic[];
  };
}

interface ChunkPolicy {
  readonly analysis: PolicyAnalysis;
  readonly doc: YamlDocument;
  readonly document: number;
}

interface ChunkClusterPolicy {
  readonly analysis: ClusterPolicyAnalysis;
  readonly doc: YamlDocument;
  readonly document: number;
}

/** Per parsed chunk, the diagnostics last computed for it (chunks are shared between versions). */
const chunkResults = new WeakMap<ParsedChunk, ChunkResult>();

/** A document that a NetworkPolicy author is responsible for: only these get diagnostics. */
function concernsNetworkPolicy(doc: YamlDocument, chunk: ParsedChunk, policies: number): boolean {
  if (policies > 0) return true;
  // Another kind of object. A half-parsed one counts only if it still says what it is: with
  // a syntax error such as `kind NetworkPolicy` (no colon), the partial object has no kind.
  if (isJsonObject(doc.json) && (doc.problems.length === 0 || typeof getField(doc.json, 'kind') === 'string')) return false;
  // Broken or half-typed: decide by the text.
  return chunk.text.slice(doc.span[0], doc.span[1]).includes('NetworkPolicy');
}

function rangeOf(chunk: ParsedChunk, span: Span): Range {
  return { start: chunk.lines.positionAt(span[0]), end: chunk.lines.positionAt(span[1]) };
}

function diagnostic(
  chunk: ParsedChunk,
  span: Span,
  ruleId: RuleId,
  severity: Severity,
  message: string,
  data: NetpolDiagnosticData,
): Diagnostic {
  return {
    range: rangeOf(chunk, span),
    severity: SEVERITY[severity],
    code: ruleId,
    codeDescription: { href: ruleDocsUrl(ruleId) },
    source: 'netpol',
    message,
    data,
  };
}

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function optionsOf(settings: AnalysisSettings): ValidationOptions & { readonly channel: AnalysisSettings['channel'] } {
  return {
    version: settings.version,
    cluster: settings.cluster,
    dns: settings.dns,
    disabled: disabledRules(settings),
    channel: settings.channel,
    ...(settings.kustomize ? { kustomize: settings.kustomize } : {}),
  };
}

function analyseChunk(chunk: ParsedChunk, settings: AnalysisSettings, key: string): ChunkResult {
  const diagnostics: Diagnostic[] = [];
  const fileProblems: Diagnostic[] = [];
  const analyses: ChunkPolicy[] = [];
  const clusterAnalyses: ChunkClusterPolicy[] = [];
  const namespaces: ChunkResult['namespaces'][number][] = [];
  const options = optionsOf(settings);
  let policyCount = 0;
  chunk.documents.forEach((doc, document) => {
    const policies = policiesOf(doc.json);
    const clusterPolicies = clusterPoliciesOf(doc.json);
    policyCount += policies.length + clusterPolicies.length;
    for (const object of objectsOf(doc.json, settings.cluster.defaultNamespace, isNetworkPolicyObject, settings.kustomize?.steps)) {
      if (object.kind === 'Namespace') namespaces.push({ namespace: object, doc, document });
    }
    // kubectl maps every document's kind before sending anything: a kind its API group does not
    // have fails the file, whatever the document is.
    if (!doc.problems.some((problem) => problem.ruleId === 'yaml-syntax'))
      pushFindings(diagnostics, chunk, doc, document, unknownKindFindings(doc.json), settings);
    if (!concernsNetworkPolicy(doc, chunk, policies.length + clusterPolicies.length)) {
      for (const problem of doc.problems) {
        const severity = severityOf(problem.ruleId, settings);
        if (problem.ruleId !== 'yaml-document-separator' || severity === 'off') continue;
        fileProblems.push(diagnostic(chunk, problem.span, problem.ruleId, severity, problem.message, { path: null, document }));
      }
      return;
    }
    for (const problem of doc.problems) {
      if (problem.ruleId === 'yaml-syntax' && !settings.yamlSyntaxErrors) continue;
      const severity = severityOf(problem.ruleId, settings);
      if (severity === 'off') continue;
      diagnostics.push(diagnostic(chunk, problem.span, problem.ruleId, severity, problem.message, { path: null, document }));
    }
    // kubectl refuses a document it cannot parse; what the parser recovered of it is a guess,
    // and rules run on a guess report phantom problems (a tab before `name:` is not "name missing").
    if (doc.problems.some((problem) => problem.ruleId === 'yaml-syntax')) return;
    for (const location of policies) {
      const analysis = analysePolicy(location, options);
      analyses.push({ analysis, doc, document });
      pushFindings(diagnostics, chunk, doc, document, analysis.findings, settings);
    }
    for (const location of clusterPolicies) {
      const analysis = analyseClusterPolicy(location, options);
      clusterAnalyses.push({ analysis, doc, document });
      pushFindings(diagnostics, chunk, doc, document, analysis.findings, settings);
    }
  });
  const suppressions = findSuppressions(chunk.text, chunk.lines);
  diagnostics.push(...suppressionDiagnostics(chunk, suppressions, settings));
  return {
    key,
    diagnostics: sortByPosition(diagnostics),
    fileProblems,
    analyses,
    clusterAnalyses,
    namespaces,
    namespacesConsulted: [...new Set([...analyses.map((a) => a.analysis.semantic.namespace), ...namespaces.map((n) => n.namespace.name)])],
    suppressions,
    policies: policyCount,
  };
}

function pushFindings(
  out: Diagnostic[],
  chunk: ParsedChunk,
  doc: YamlDocument,
  document: number,
  findings: readonly Finding[],
  settings: AnalysisSettings,
): void {
  for (const finding of findings) {
    const severity = severityOf(finding.ruleId, settings);
    if (severity !== 'off') out.push(findingDiagnostic(chunk, doc, document, finding, severity));
  }
}

/**
 * The versions of what a chunk's workspace lints consult: the workloads and namespaces, and
 * the policies of the namespaces its policies are in. An edit of one policy re-lints only the
 * policies of its namespace.
 */
function workspaceKey(result: ChunkResult, workspace: WorkspaceView, settings: AnalysisSettings): string {
  // The DNS lints also ask who the policies of the DNS namespace let reach the DNS pods; the
  // traffic lints of a cluster-wide policy consult every policy of the workspace.
  const namespaces = [...result.namespacesConsulted, settings.dns.namespace];
  const cluster = result.clusterAnalyses.length ? `/${workspace.version}` : '';
  return `${workspace.objectsVersion}/${namespaces.map((namespace) => workspace.policiesVersion(namespace)).join(',')}${cluster}`;
}

/** The diagnostics of the lints that consult the workspace, for one chunk (cached per workspace versions). */
function workspaceDiagnostics(
  chunk: ParsedChunk,
  result: ChunkResult,
  settings: AnalysisSettings,
  workspace: WorkspaceView,
): readonly Diagnostic[] {
  if (result.analyses.length === 0 && result.namespaces.length === 0 && result.clusterAnalyses.length === 0) return NO_DIAGNOSTICS;
  const key = workspaceKey(result, workspace, settings);
  if (result.workspaceDiagnostics?.key === key) return result.workspaceDiagnostics.diagnostics;
  const diagnostics: Diagnostic[] = [];
  const options = optionsOf(settings);
  for (const { analysis, doc, document } of result.analyses) {
    pushFindings(diagnostics, chunk, doc, document, lintInWorkspace(analysis, options, workspace), settings);
  }
  for (const { analysis, doc, document } of result.clusterAnalyses) {
    // A policy the API server rejects is not in the cluster: it decides no traffic.
    if (analysis.rejected) continue;
    const findings = lintClusterTraffic(analysis.policy, workspace, settings.cluster.podCIDRs, options.disabled);
    pushFindings(
      diagnostics,
      chunk,
      doc,
      document,
      findings.map((finding) => prefixFinding(analysis.location.path, finding)),
      settings,
    );
  }
  for (const { namespace, doc, document } of result.namespaces) {
    for (const lint of NAMESPACE_LINTS) {
      if (options.disabled?.has(lint.meta.id)) continue;
      const findings: Finding[] = [];
      lint.check(namespace, workspace, (finding) => findings.push({ ...finding, ruleId: lint.meta.id }));
      pushFindings(
        diagnostics,
        chunk,
        doc,
        document,
        findings.map((f) => prefixFinding(namespace.path, f)),
        settings,
      );
    }
  }
  result.workspaceDiagnostics = { key, diagnostics };
  return diagnostics;
}

/**
 * The document of a chunk an offset belongs to. A comment above the first document of a file is
 * outside its span (the parser starts it at its first node) but still belongs to it.
 */
function documentAtOffset(chunk: ParsedChunk, offset: number): number {
  return chunk.documents.findIndex((doc, i) => (i === 0 || offset >= doc.span[0]) && offset < doc.span[1]);
}

/** The warnings about ids of suppression comments that disable nothing (see rules/suppression.ts). */
function suppressionDiagnostics(chunk: ParsedChunk, suppressions: Suppressions, settings: AnalysisSettings): Diagnostic[] {
  const severity = severityOf('invalid-suppression', settings);
  if (suppressions.ids.length === 0 || severity === 'off') return [];
  const out: Diagnostic[] = [];
  for (const { offset, id } of suppressions.ids) {
    const problem = suppressionProblem(id, ruleMeta(id), RULE_IDS);
    if (!problem) continue;
    out.push(
      diagnostic(chunk, [offset, offset + id.length], 'invalid-suppression', severity, problem.message, {
        path: null,
        document: Math.max(0, documentAtOffset(chunk, offset)),
        details: problem.data,
      }),
    );
  }
  return out;
}

const RULE_IDS: readonly string[] = ALL_RULES.map((rule) => rule.id);

/** Drops the lint diagnostics that a suppression comment turns off (nothing else can be: see rules/suppression.ts). */
function unsuppressed(chunk: ParsedChunk, suppressions: Suppressions, diagnostics: readonly Diagnostic[]): readonly Diagnostic[] {
  if (suppressions.lines.size === 0 && suppressions.documents.length === 0) return diagnostics;
  const documentOf = (offset: number) => documentAtOffset(chunk, offset);
  const byDocument = new Map<number, Set<string>>();
  for (const { offset, ids } of suppressions.documents) {
    const index = documentOf(offset);
    byDocument.set(index, new Set([...(byDocument.get(index) ?? []), ...ids]));
  }
  return diagnostics.filter((d) => {
    const code = String(d.code);
    const meta = ruleMeta(code);
    if (!meta || !isSuppressible(meta.category)) return true;
    if (suppressions.lines.get(d.range.start.line)?.has(code)) return false;
    return !byDocument.get((d.data as NetpolDiagnosticData).document)?.has(code);
  });
}

function findingDiagnostic(chunk: ParsedChunk, doc: YamlDocument, document: number, finding: Finding, severity: Severity): Diagnostic {
  const span = locate(doc, finding.location ?? finding.path, finding.target ?? 'value');
  return diagnostic(chunk, span, finding.ruleId, severity, finding.message, {
    path: formatPath(finding.path),
    document,
    ...(finding.data ? { details: finding.data } : {}),
  });
}

function shift(d: Diagnostic, lines: number, documents: number): Diagnostic {
  const data = d.data as NetpolDiagnosticData;
  return {
    ...d,
    range: {
      start: { line: d.range.start.line + lines, character: d.range.start.character },
      end: { line: d.range.end.line + lines, character: d.range.end.character },
    },
    data: { ...data, document: data.document + documents },
  };
}

/**
 * Diagnostics of a parsed file; unchanged chunks reuse their earlier results (and their
 * workspace lints while the workspace does not change). Yields after each chunk it analysed.
 */
export function* validateFileSteps(
  file: YamlFile,
  settings: AnalysisSettings,
  workspace: WorkspaceView = EMPTY_WORKSPACE,
): Steps<FileValidation> {
  const key = settingsKey(settings);
  const results: ChunkResult[] = [];
  let policies = 0;
  for (const chunk of file.chunks) {
    let result = chunkResults.get(chunk.parsed);
    if (result?.key !== key) {
      result = analyseChunk(chunk.parsed, settings, key);
      chunkResults.set(chunk.parsed, result);
      yield;
    }
    results.push(result);
    policies += result.policies;
  }
  const diagnostics: Diagnostic[] = [];
  file.chunks.forEach((chunk, i) => {
    const result = results[i]!;
    const fromWorkspace = workspaceDiagnostics(chunk.parsed, result, settings, workspace);
    const withFileProblems = policies > 0;
    // An edit moves few chunks: the diagnostics of a chunk that stayed in place are reused as they were.
    const placed = result.placed;
    if (
      placed &&
      placed.line === chunk.line &&
      placed.firstDocument === chunk.firstDocument &&
      placed.fromWorkspace === fromWorkspace &&
      placed.withFileProblems === withFileProblems
    ) {
      diagnostics.push(...placed.diagnostics);
      return;
    }
    const fileProblems = withFileProblems ? result.fileProblems : [];
    const all =
      fromWorkspace.length || fileProblems.length
        ? sortByPosition([...result.diagnostics, ...fromWorkspace, ...fileProblems])
        : result.diagnostics;
    const shifted = unsuppressed(chunk.parsed, result.suppressions, all).map((d) => shift(d, chunk.line, chunk.firstDocument));
    result.placed = { line: chunk.line, firstDocument: chunk.firstDocument, fromWorkspace, withFileProblems, diagnostics: shifted };
    diagnostics.push(...shifted);
  });
  return { diagnostics, policies, documents: file.documentCount, analysed: true };
}

export function validateFile(file: YamlFile, settings: AnalysisSettings, workspace: WorkspaceView = EMPTY_WORKSPACE): FileValidation {
  return runSteps(validateFileSteps(file, settings, workspace));
}

function fileDiagnostic(ruleId: RuleId, severity: Severity, message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: SEVERITY[severity],
    code: ruleId,
    codeDescription: { href: ruleDocsUrl(ruleId) },
    source: 'netpol',
    message,
    data: { path: null, document: 0 } satisfies NetpolDiagnosticData,
  };
}

/** Over the size limit (0 means no limit). */
export function isTooLarge(text: string, settings: AnalysisSettings): boolean {
  return settings.maxFileSize > 0 && text.length > settings.maxFileSize;
}

/**
 * The result for a text that is not analysed: too large, or a Helm template (Go template
 * actions are not YAML). One information diagnostic says so, only where it matters: in a
 * file that mentions NetworkPolicy (`mentionsPolicy`, when the caller already knows).
 */
export function skippedText(text: string, settings: AnalysisSettings, mentionsPolicy?: boolean): FileValidation | undefined {
  let skipped: FileValidation['skipped'];
  let message = '';
  if (isTooLarge(text, settings)) {
    const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
    skipped = 'too-large';
    message = `This file (${mb(text.length)}) is larger than the limit of ${mb(settings.maxFileSize)} (setting netpol.maxFileSizeMB), so it is not analysed.`;
  } else if (isHelmTemplate(text)) {
    skipped = 'helm-template';
    message =
      'This file is a Helm template ({{ ... }} actions are not YAML), so it is not analysed. Check the rendered output instead: helm template <chart> | netpol check -';
  } else {
    return undefined;
  }
  const ruleId = skipped === 'too-large' ? 'file-too-large' : 'helm-template';
  const severity = (mentionsPolicy ?? text.includes('NetworkPolicy')) ? severityOf(ruleId, settings) : 'off';
  return {
    diagnostics: severity === 'off' ? [] : [fileDiagnostic(ruleId, severity, message)],
    policies: 0,
    documents: 0,
    analysed: false,
    skipped,
  };
}

export interface TextAnalysis {
  /** The parse; undefined when the text was too large. */
  readonly file: YamlFile | undefined;
  readonly result: FileValidation;
}

/** Parses and validates a whole text, reusing the chunks of `pool` that did not change. */
export function* analyseTextSteps(
  text: string,
  settings: AnalysisSettings,
  pool?: ChunkPool,
  workspace: WorkspaceView = EMPTY_WORKSPACE,
): Steps<TextAnalysis> {
  const skipped = skippedText(text, settings);
  if (skipped) return { file: undefined, result: skipped };
  const file = yield* parseFileSteps(text, pool);
  const result = yield* validateFileSteps(file, settings, workspace);
  return { file, result };
}

export function validateText(text: string, settings: AnalysisSettings, pool?: ChunkPool, workspace?: WorkspaceView): TextAnalysis {
  return runSteps(analyseTextSteps(text, settings, pool, workspace));
}
