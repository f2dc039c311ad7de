import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import { isJsonObject, type Json, type JsonObject } from '../model/json';
import { clusterPoliciesOf } from '../rules/clusterPolicy/validateClusterPolicy';
import { policiesOf } from '../rules/validateDocument';
import type { FileChunk, YamlFile } from '../yaml/file';
import { sourceOf, type SourceMap, type Span } from '../yaml/sourceMap';
import type { AnalysisSettings } from './settings';
import { never } from './cancellation';
import { isTooLarge } from './validation';

/**
 * Standard token types only, so every theme colours them. What the TextMate grammar cannot
 * tell (is this document a NetworkPolicy at all? is this key a label or a field?) is what
 * these tokens add.
 */
const TOKEN_TYPES = ['type', 'namespace', 'property', 'string', 'enumMember', 'number', 'variable'] as const;
/** `cidr` marks IP blocks, so a theme can style them apart from other strings. */
const TOKEN_MODIFIERS = ['cidr'] as const;

type TokenType = (typeof TOKEN_TYPES)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

/** The label every namespace carries with its own name (kube-apiserver sets it). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

interface Token {
  readonly span: Span;
  readonly type: TokenType;
  readonly cidr?: boolean;
}

/** Reads one document's JSON with the spans it was written at. */
class DocumentWalker {
  readonly tokens: Token[] = [];

  constructor(private readonly sourceMap: SourceMap) {}

  private entry(object: JsonObject, key: string) {
    const source = sourceOf(this.sourceMap, object);
    return source?.kind === 'map' ? source.entries.get(key) : undefined;
  }

  /** Marks the value of `object[key]` when it is a scalar. */
  value(object: JsonObject, key: string, type: TokenType, cidr = false): void {
    const value = object[key];
    if (value === undefined || value === null || typeof value === 'object') return;
    const span = this.entry(object, key)?.value;
    if (span) this.tokens.push({ span, type, cidr });
  }

  /** Marks the key of `object[key]`. */
  key(object: JsonObject, key: string, type: TokenType): void {
    const span = this.entry(object, key)?.key;
    if (span) this.tokens.push({ span, type });
  }

  /** Marks every scalar item of the list at `object[key]`. */
  items(object: JsonObject, key: string, type: TokenType, cidr = false): void {
    const list = object[key];
    const source = sourceOf(this.sourceMap, list);
    if (!Array.isArray(list) || source?.kind !== 'seq') return;
    list.forEach((item, i) => {
      const span = source.items[i];
      if (span && item !== null && typeof item !== 'object') this.tokens.push({ span, type, cidr });
    });
  }

  /** A label selector; in a namespace selector the namespace-name label's values are namespaces. */
  selector(selector: Json | undefined, namespaces: boolean): void {
    if (!isJsonObject(selector)) return;
    const labels = selector.matchLabels;
    if (isJsonObject(labels)) {
      for (const label of Object.keys(labels)) {
        this.key(labels, label, 'property');
        this.value(labels, label, namespaces && label === NAMESPACE_NAME_LABEL ? 'namespace' : 'string');
      }
    }
    for (const expression of objects(selector.matchExpressions)) {
      this.value(expression, 'key', 'property');
      this.value(expression, 'operator', 'enumMember');
      this.items(expression, 'values', namespaces && expression.key === NAMESPACE_NAME_LABEL ? 'namespace' : 'string');
    }
  }

  peer(peer: JsonObject): void {
    this.selector(peer.podSelector, false);
    this.selector(peer.namespaceSelector, true);
    const block = peer.ipBlock;
    if (isJsonObject(block)) {
      this.value(block, 'cidr', 'string', true);
      this.items(block, 'except', 'string', true);
    }
  }

  port(port: JsonObject): void {
    this.value(port, 'protocol', 'enumMember');
    // A named port refers to a container port by name: a reference, not a literal.
    this.value(port, 'port', typeof port.port === 'number' ? 'number' : 'variable');
    this.value(port, 'endPort', 'number');
  }

  policy(policy: JsonObject): void {
    this.value(policy, 'kind', 'type');
    if (isJsonObject(policy.metadata)) this.value(policy.metadata, 'namespace', 'namespace');
    const spec = policy.spec;
    if (!isJsonObject(spec)) return;
    this.selector(spec.podSelector, false);
    this.items(spec, 'policyTypes', 'enumMember');
    for (const [direction, peers] of [
      ['ingress', 'from'],
      ['egress', 'to'],
    ] as const) {
      for (const rule of objects(spec[direction])) {
        for (const peer of objects(rule[peers])) this.peer(peer);
        for (const port of objects(rule.ports)) this.port(port);
      }
    }
  }
}

/** The tokens of a ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy. */
class ClusterPolicyWalker extends DocumentWalker {
  private pods(pods: Json | undefined): void {
    if (!isJsonObject(pods)) return;
    this.selector(pods.namespaceSelector, true);
    this.selector(pods.podSelector, false);
  }

  private destination(port: Json | undefined): void {
    if (!isJsonObject(port)) return;
    this.value(port, 'number', 'number');
    if (isJsonObject(port.range)) {
      this.value(port.range, 'start', 'number');
      this.value(port.range, 'end', 'number');
    }
  }

  clusterPolicy(policy: JsonObject): void {
    this.value(policy, 'kind', 'type');
    const spec = policy.spec;
    if (!isJsonObject(spec)) return;
    this.value(spec, 'tier', 'enumMember');
    this.value(spec, 'priority', 'number');
    if (isJsonObject(spec.subject)) {
      this.selector(spec.subject.namespaces, true);
      this.pods(spec.subject.pods);
    }
    for (const [direction, peers] of [
      ['ingress', 'from'],
      ['egress', 'to'],
    ] as const) {
      for (const rule of objects(spec[direction])) {
        this.value(rule, 'action', 'enumMember');
        for (const peer of objects(rule[peers])) {
          this.selector(peer.namespaces, true);
          this.pods(peer.pods);
          this.selector(peer.nodes, false);
          this.items(peer, 'networks', 'string', true);
          this.items(peer, 'domainNames', 'string');
        }
        for (const protocol of objects(rule.protocols)) {
          for (const name of ['tcp', 'udp', 'sctp']) {
            const entry = protocol[name];
            if (isJsonObject(entry)) this.destination(entry.destinationPort);
          }
          // A named port refers to a container port by name: a reference, not a literal.
          this.value(protocol, 'destinationNamedPort', 'variable');
        }
        for (const port of objects(rule.ports)) {
          for (const entry of [port.portNumber, port.portRange]) {
            if (!isJsonObject(entry)) continue;
            this.value(entry, 'protocol', 'enumMember');
            this.value(entry, 'port', 'number');
            this.value(entry, 'start', 'number');
            this.value(entry, 'end', 'number');
          }
          this.value(port, 'namedPort', 'variable');
        }
      }
    }
  }
}

function objects(value: Json | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

/**
 * Full-document semantic tokens for the NetworkPolicies and cluster-wide policies of a file (nothing for other
 * documents), delta-encoded as LSP requires. Files over the size limit get none, like
 * every other analysis. Once `isCancelled` says so (the request's time ran out), the tokens of
 * the documents done so far.
 */
export function semanticTokens(file: YamlFile, settings: AnalysisSettings, isCancelled: () => boolean = never): SemanticTokens {
  if (isTooLarge(file.text, settings)) return { data: [] };
  const data: number[] = [];
  let previousLine = 0;
  let previousCharacter = 0;
  for (const chunk of file.chunks) {
    for (const doc of chunk.parsed.documents) {
      if (isCancelled()) return { data };
      const policies = policiesOf(doc.json);
      const clusterPolicies = clusterPoliciesOf(doc.json);
      if (!policies.length && !clusterPolicies.length) continue;
      const walker = new ClusterPolicyWalker(doc.sourceMap);
      for (const location of policies) walker.policy(location.json);
      for (const location of clusterPolicies) walker.clusterPolicy(location.json);
      // Written order, which is also the order the deltas need.
      walker.tokens.sort((a, b) => a.span[0] - b.span[0]);
      let end = 0;
      for (const token of walker.tokens) {
        // An alias shares its anchor's spans: mark the anchor once.
        if (token.span[0] < end) continue;
        end = token.span[1];
        const position = singleLine(chunk, token.span);
        if (!position) continue;
        const deltaLine = position.line - previousLine;
        const deltaCharacter = deltaLine === 0 ? position.character - previousCharacter : position.character;
        data.push(deltaLine, deltaCharacter, position.length, TOKEN_TYPES.indexOf(token.type), token.cidr ? 1 : 0);
        previousLine = position.line;
        previousCharacter = position.character;
      }
    }
  }
  return { data };
}

/**
 * The file position of a span that fits on one line; tokens may not cross lines, and a
 * multi-line (block or folded) scalar is not worth splitting. Empty spans give no token.
 */
function singleLine(chunk: FileChunk, span: Span): { line: number; character: number; length: number } | undefined {
  if (span[1] <= span[0]) return undefined;
  const start = chunk.parsed.lines.positionAt(span[0]);
  const end = chunk.parsed.lines.positionAt(span[1]);
  if (start.line !== end.line) return undefined;
  return { line: start.line + chunk.line, character: start.character, length: end.character - start.character };
}
