import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import type { Json, JsonObject } from '../model/json';
import { resolveKey, resolveScalar, type ScalarStyle } from './scalars';
import type { ParseRuleId } from './parse';
import type { EntrySource, MapSource, SeqSource, Span } from './sourceMap';

/** A problem found while turning YAML into JSON; `ruleId` is a yaml-level rule of the catalog. */
export interface ConversionIssue {
  readonly ruleId: Extract<ParseRuleId, 'yaml-alias-limit' | 'yaml-depth-limit' | 'yaml-conversion' | 'yaml-duplicate-key'>;
  readonly span: Span;
  readonly message: string;
}

export interface ConversionResult {
  /** Undefined when the document is empty or could not be converted safely. */
  readonly json: Json | undefined;
  readonly issues: ConversionIssue[];
}

/** Deeper documents are not analysed (real manifests nest a few dozen levels at most). */
export const MAX_DEPTH = 500;
/**
 * Expanding aliases may not multiply a document beyond this many nodes, whatever the
 * ratio rule below allows: the API server would refuse such a request body anyway.
 */
export const MAX_EXPANDED_NODES = 1_000_000;

/** go-yaml v2 `allowedAliasRatio`: how much of a document may come from alias expansion. */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

class Abort extends Error {}

interface Converted {
  readonly json: Json;
  /** Nodes go-yaml would decode for this node, aliases expanded. */
  readonly total: number;
}

function styleOf(node: Scalar): ScalarStyle {
  switch (node.type) {
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE':
      return 'quoted';
    case 'BLOCK_FOLDED':
    case 'BLOCK_LITERAL':
      return 'block';
    default:
      return 'plain';
  }
}

/**
 * Converts one parsed document to the JSON kubectl would send, recording where every
 * object and array came from. Aliases are shared, not copied, and their expanded size is
 * bounded the way go-yaml bounds it, so an alias bomb costs nothing.
 */
export function documentToJson(
  doc: Document.Parsed,
  sourceMap: WeakMap<object, MapSource | SeqSource>,
  /** Where the parsed text starts in the document, and how deep its root is in it (it may be a part of it). */
  base = 0,
  depth = 0,
): ConversionResult {
  const issues: ConversionIssue[] = [];
  /** Where a node is in the text `base` is the offset of (the parsed text may be a part of it). */
  const spanOf = (node: Node | null | undefined, fallback: Span): Span => {
    const range = node?.range;
    return range ? [base + range[0], base + range[1]] : fallback;
  };
  const anchors = new Map<string, Converted>();
  let aliasCount = 0;

  const fail = (ruleId: ConversionIssue['ruleId'], span: Span, message: string): never => {
    issues.push({ ruleId, span, message });
    throw new Abort();
  };

  const checkAliasBudget = (span: Span, decodeCount: number): void => {
    if (decodeCount > MAX_EXPANDED_NODES) {
      fail(
        'yaml-alias-limit',
        span,
        `Document expands to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes through aliases; it is not analysed.`,
      );
    }
    if (aliasCount > 100 && decodeCount > 1000 && aliasCount / decodeCount > allowedAliasRatio(decodeCount)) {
      fail('yaml-alias-limit', span, 'Document contains excessive aliasing (kubectl rejects it, as go-yaml does); it is not analysed.');
    }
  };

  const resolveAlias = (node: Node, span: Span): Converted => {
    const name = isAlias(node) ? node.source : '';
    const target = anchors.get(name);
    if (!target) return fail('yaml-conversion', span, `Unknown anchor '${name}' referenced.`);
    aliasCount += target.total;
    return target;
  };

  const convert = (node: Node | null | undefined, depth: number, fallback: Span, runningTotal: number): Converted => {
    if (depth > MAX_DEPTH)
      fail('yaml-depth-limit', spanOf(node, fallback), `Document is nested more than ${MAX_DEPTH} levels deep; it is not analysed.`);
    let result: Converted;
    if (node === null || node === undefined) {
      result = { json: null, total: 1 };
    } else if (isAlias(node)) {
      const target = resolveAlias(node, spanOf(node, fallback));
      checkAliasBudget(spanOf(node, fallback), runningTotal + target.total);
      result = { json: target.json, total: 1 + target.total };
    } else if (isScalar(node)) {
      const span = spanOf(node, fallback);
      const resolved = resolveScalar(String(node.source ?? ''), styleOf(node), node.tag);
      if (!resolved.ok) return fail('yaml-conversion', span, `${resolved.message}.`);
      const value = resolved.value;
      if (typeof value === 'number' && !Number.isFinite(value)) {
        fail(
          'yaml-conversion',
          span,
          `${String(node.source)} (${String(value)}) cannot be represented in JSON, so kubectl cannot send it.`,
        );
      }
      result = { json: value, total: 1 };
    } else if (isSeq(node)) {
      const span = spanOf(node, fallback);
      const items: Json[] = [];
      const itemSpans: Span[] = [];
      let total = 1;
      for (const item of node.items) {
        const itemNode = item as Node | null;
        const converted = convert(itemNode, depth + 1, span, runningTotal + total);
        items.push(converted.json);
        itemSpans.push(spanOf(itemNode, span));
        total += converted.total;
      }
      sourceMap.set(items, { kind: 'seq', span, items: itemSpans });
      result = { json: items, total };
    } else if (isMap(node)) {
      result = convertMap(node, depth, fallback, runningTotal);
    } else {
      result = { json: null, total: 1 };
    }
    const anchor = (node as { anchor?: string } | null | undefined)?.anchor;
    if (anchor) anchors.set(anchor, result);
    return result;
  };

  const convertMap = (node: Node, depth: number, fallback: Span, runningTotal: number): Converted => {
    const span = spanOf(node, fallback);
    const object: JsonObject = Object.create(null) as JsonObject;
    const entries = new Map<string, EntrySource>();
    const explicit = new Set<string>();
    let total = 1;
    const items = isMap(node) ? node.items : [];
    const put = (key: string, value: Json, entry: EntrySource): void => {
      object[key] = value;
      entries.set(key, entry);
    };
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      const keySpan = spanOf(keyNode, span);
      const valueSpan: Span = spanOf(valueNode, [keySpan[1], keySpan[1]]);
      if (isScalar(keyNode) && keyNode.source === '<<' && styleOf(keyNode) === 'plain' && !keyNode.tag) {
        total += 1 + mergeInto(valueNode, depth, valueSpan, runningTotal + total, put);
        continue;
      }
      const key = convertKey(keyNode, keySpan);
      if (explicit.has(key))
        issues.push({
          ruleId: 'yaml-duplicate-key',
          span: keySpan,
          message: `Map keys must be unique: "${key}" is already defined in this mapping.`,
        });
      explicit.add(key);
      const converted = convert(valueNode, depth + 1, valueSpan, runningTotal + total);
      total += 1 + converted.total;
      put(key, converted.json, { key: keySpan, value: valueSpan });
    }
    sourceMap.set(object, { kind: 'map', span, entries });
    return { json: object, total };
  };

  /** go-yaml v2 merge keys: `<<: *base` or `<<: [*a, *b]` (earlier ones win). */
  const mergeInto = (
    valueNode: Node | null,
    depth: number,
    valueSpan: Span,
    runningTotal: number,
    put: (key: string, value: Json, entry: EntrySource) => void,
  ): number => {
    const sources: (Node | null)[] = isSeq(valueNode) ? [...(valueNode.items as (Node | null)[])].reverse() : [valueNode];
    let total = 0;
    for (const source of sources) {
      const converted = convert(source, depth + 1, valueSpan, runningTotal + total);
      total += converted.total;
      const merged = converted.json;
      if (typeof merged !== 'object' || merged === null || Array.isArray(merged)) {
        fail('yaml-conversion', spanOf(source, valueSpan), 'Map merge requires a map or a sequence of maps as the value.');
      }
      const mergedSource = sourceMap.get(merged as object);
      for (const key of Object.keys(merged as JsonObject)) {
        const entry = mergedSource?.kind === 'map' ? mergedSource.entries.get(key) : undefined;
        put(key, (merged as JsonObject)[key]!, entry ?? { key: valueSpan, value: valueSpan });
      }
    }
    return total;
  };

  const convertKey = (keyNode: Node | null, keySpan: Span): string => {
    if (isAlias(keyNode)) {
      const target = anchors.get(keyNode.source);
      if (!target) return fail('yaml-conversion', keySpan, `Unknown anchor '${keyNode.source}' referenced.`);
      const value = target.json;
      if (value === null) return fail('yaml-conversion', keySpan, 'A null mapping key cannot be converted to JSON.');
      if (typeof value === 'object') return fail('yaml-conversion', keySpan, 'A map or sequence cannot be used as a mapping key in JSON.');
      return String(value);
    }
    if (keyNode === null) return fail('yaml-conversion', keySpan, 'A null mapping key cannot be converted to JSON.');
    if (!isScalar(keyNode)) return fail('yaml-conversion', keySpan, 'A map or sequence cannot be used as a mapping key in JSON.');
    const resolved = resolveKey(String(keyNode.source ?? ''), styleOf(keyNode), keyNode.tag);
    if (!resolved.ok) return fail('yaml-conversion', keySpan, `${resolved.message}.`);
    if (keyNode.anchor) anchors.set(keyNode.anchor, { json: resolved.key, total: 1 });
    return resolved.key;
  };

  const fallback: Span = [base + doc.range[0], base + doc.range[1]];
  try {
    if (doc.contents === null) return { json: undefined, issues };
    const converted = convert(doc.contents, depth, fallback, 0);
    checkAliasBudget(fallback, converted.total);
    return { json: converted.json, issues };
  } catch (error) {
    if (error instanceof Abort) return { json: undefined, issues };
    if (error instanceof RangeError) {
      issues.push({ ruleId: 'yaml-depth-limit', span: fallback, message: 'Document is nested too deeply to be analysed.' });
      return { json: undefined, issues };
    }
    throw error;
  }
}
