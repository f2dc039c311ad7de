import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { parseCidrSloppy } from '../../model/cidr';
import { isJsonObject, type Json } from '../../model/json';
import type { FieldPath } from '../../model/path';
import { addToList } from '../../yaml/edit/insert';
import { nodeAt, type EditTarget, type OffsetEdit } from '../../yaml/edit/layout';
import { removeEntry, removeItem } from '../../yaml/edit/remove';
import { quoteScalar, renameKey, replaceScalar, swapScalars } from '../../yaml/edit/scalar';
import { diagnosticTarget } from './diagnosticTarget';
import { isRuleId } from '../../rules/catalog';
import type { RuleId } from '../../rules/ruleIds';
import { action, detailsOf, type WireData } from './policyEdits';
import type { CodeActionProvider, CodeActionRequest } from './provider';

/**
 * Quick fixes of the schema and API-validation rules: each changes only the offending token
 * or entry. The preferred fix is the one that keeps what the author meant (the right spelling,
 * the network the CIDR stands for); alternatives that change the meaning are offered, not preferred.
 */

/** One fix of a diagnostic: the edits of the document it is in. */
interface Fix {
  readonly title: string;
  readonly edits: readonly (OffsetEdit | undefined)[];
  readonly preferred?: boolean;
}

interface FixContext<Id extends RuleId> {
  readonly target: EditTarget;
  readonly path: FieldPath;
  readonly details: WireData<Id>;
}

type FixMaker<Id extends RuleId> = (context: FixContext<Id>) => readonly Fix[];

/** A string the client sent back, or undefined when it is anything else. */
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const valueAt = (target: EditTarget, path: FieldPath): Json | undefined => nodeAt(target.doc, path)?.value;

/** The written value is right but for its case or spelling: `data.suggestion` replaces it. */
type Respelt =
  | 'port-protocol'
  | 'policy-types-value'
  | 'selector-operator'
  | 'api-version'
  | 'cluster-tier'
  | 'cluster-action'
  | 'cluster-policy-version'
  | 'unknown-kind';

const respell: FixMaker<Respelt> = ({ target, path, details }) => {
  const suggestion = text(details.suggestion);
  if (!suggestion) return [];
  return [{ title: `Change ${fieldName(path)} to "${suggestion}"`, edits: [replaceScalar(target, path, suggestion)], preferred: true }];
};

/** `spec.ingress[0].ports[0].protocol` -> `protocol`; a list item is named by its list (`policyTypes`). */
function fieldName(path: FieldPath): string {
  const last = path.at(-1);
  const named = typeof last === 'number' ? path.at(-2) : last;
  return typeof named === 'string' ? named : 'the value';
}

/** The CRD's CEL rule is on the object itself: the fix renames it (a BaselineAdminNetworkPolicy is a singleton). */
const baselineName: FixMaker<'banp-name-default'> = ({ target, path, details }) => {
  const suggestion = text(details.suggestion);
  if (!suggestion) return [];
  return [
    { title: `Change name to "${suggestion}"`, edits: [replaceScalar(target, [...path, 'metadata', 'name'], suggestion)], preferred: true },
  ];
};

const unknownField: FixMaker<'unknown-field'> = ({ target, path, details }) => {
  const suggestion = text(details.suggestion);
  const field = path.at(-1);
  if (!suggestion || typeof field !== 'string') return [];
  return [{ title: `Rename "${field}" to "${suggestion}"`, edits: [renameKey(target, path, suggestion)], preferred: true }];
};

const cidrStrict: FixMaker<'ipblock-cidr-strict'> = ({ target, path, details }) => {
  const network = text(details.network);
  const written = valueAt(target, path);
  if (!network || typeof written !== 'string') return [];
  const fixes: Fix[] = [{ title: `Use the network address ${network}`, edits: [replaceScalar(target, path, network)], preferred: true }];
  const parsed = parseCidrSloppy(written);
  if (details.problem === 'host-bits' && parsed) {
    const single = `${written.slice(0, written.indexOf('/'))}/${parsed.bits}`;
    fixes.push({ title: `Use the single address ${single}`, edits: [replaceScalar(target, path, single)] });
  }
  return fixes;
};

/** Removes item `index` of a list, or the list's entry when it is the only item (a key without a value is not meant). */
function removeListItem(target: EditTarget, listPath: FieldPath): OffsetEdit | undefined {
  const index = listPath.at(-1);
  const seqPath = listPath.slice(0, -1);
  const list = valueAt(target, seqPath);
  const key = seqPath.at(-1);
  if (typeof index !== 'number' || !Array.isArray(list)) return undefined;
  if (list.length === 1 && typeof key === 'string')
    return removeEntry(target, seqPath.slice(0, -1), key) ?? removeItem(target, seqPath, index);
  return removeItem(target, seqPath, index);
}

const exceptOutside: FixMaker<'ipblock-except-not-subset'> = ({ target, path }) => {
  const except = valueAt(target, path);
  const ipBlock = valueAt(target, path.slice(0, -2));
  if (typeof except !== 'string' || !isJsonObject(ipBlock) || typeof ipBlock.cidr !== 'string') return [];
  const cidr = parseCidrSloppy(ipBlock.cidr);
  const excepted = parseCidrSloppy(except);
  if (!cidr || !excepted) return [];
  // An except wholly outside cidr excludes nothing: removing it keeps the meaning. One that
  // covers all of cidr (not smaller) is a mistake of another kind: offered, not preferred.
  const outside = !cidrsOverlap(cidr.network, cidr.prefixLength, excepted.network, excepted.prefixLength);
  return [{ title: `Remove except ${except}`, edits: [removeListItem(target, path)], preferred: outside }];
};

/**
 * Whether two networks share an address. Networks of different lengths (IPv4 and IPv6, which
 * Go may compare through IPv4-mapped forms) count as overlapping: never assume an edit is safe.
 */
function cidrsOverlap(a: Uint8Array, aPrefix: number, b: Uint8Array, bPrefix: number): boolean {
  if (a.length !== b.length) return true;
  const prefix = Math.min(aPrefix, bPrefix);
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((a[bit >> 3]! & mask) !== (b[bit >> 3]! & mask)) return false;
  }
  return true;
}

const endPortOrder: FixMaker<'end-port-order'> = ({ target, path }) => {
  const portPath = [...path.slice(0, -1), 'port'];
  return [{ title: 'Swap port and endPort', edits: swapScalars(target, portPath, path) ?? [undefined], preferred: true }];
};

const endPortNamedPort: FixMaker<'end-port-requires-numeric-port'> = ({ target, path, details }) => {
  if (details.reason !== 'named-port') return [];
  return [
    { title: 'Remove endPort (a named port is one port)', edits: [removeEntry(target, path.slice(0, -1), 'endPort')], preferred: true },
  ];
};

/** The placeholder value of "add values": a valid label value that the author replaces. */
export const VALUES_PLACEHOLDER = 'value';

const selectorValues: FixMaker<'selector-values'> = ({ target, path, details }) => {
  const expression = path.slice(0, -1);
  const operator = details.operator;
  if (operator === 'In' || operator === 'NotIn') {
    const keyOnly = operator === 'In' ? 'Exists' : 'DoesNotExist';
    return [
      {
        title: `Add values: [${VALUES_PLACEHOLDER}] (a placeholder to replace)`,
        edits: [addToList(target, expression, 'values', [VALUES_PLACEHOLDER], ['operator'])],
      },
      { title: `Use ${keyOnly} (match on the key alone)`, edits: [replaceScalar(target, [...expression, 'operator'], keyOnly)] },
    ];
  }
  if (operator === 'Exists' || operator === 'DoesNotExist') {
    const withValues = operator === 'Exists' ? 'In' : 'NotIn';
    return [
      { title: 'Remove values', edits: [removeEntry(target, expression, 'values')], preferred: true },
      { title: `Use ${withValues} (match the values)`, edits: [replaceScalar(target, [...expression, 'operator'], withValues)] },
    ];
  }
  return [];
};

/** `{ipBlock, podSelector}` in one peer: the ipBlock becomes a peer of its own, after the others (peers are ORed). */
const splitPeer: FixMaker<'peer-ipblock-exclusive'> = ({ target, path }) => {
  const peer = valueAt(target, path);
  const index = path.at(-1);
  if (!isJsonObject(peer) || peer.ipBlock === undefined || typeof index !== 'number') return [];
  return [
    {
      title: 'Split the ipBlock into its own peer',
      edits: [removeEntry(target, path, 'ipBlock'), addToList(target, path.slice(0, -2), String(path.at(-2)), [{ ipBlock: peer.ipBlock }])],
      preferred: true,
    },
  ];
};

const quoteLabel: FixMaker<'label-value-not-string'> = ({ target, path, details }) => {
  const key = text(details.key);
  if (key === undefined) return [];
  return [{ title: `Quote the value of "${key}"`, edits: [quoteScalar(target, [...path, key])], preferred: true }];
};

const FIXES: { readonly [Id in RuleId]?: FixMaker<Id> } = {
  'port-protocol': respell,
  'policy-types-value': respell,
  'selector-operator': respell,
  'api-version': respell,
  'cluster-tier': respell,
  'cluster-action': respell,
  'cluster-policy-version': respell,
  'banp-name-default': baselineName,
  'unknown-kind': respell,
  'unknown-field': unknownField,
  'ipblock-cidr-strict': cidrStrict,
  'ipblock-except-not-subset': exceptOutside,
  'end-port-order': endPortOrder,
  'end-port-requires-numeric-port': endPortNamedPort,
  'selector-values': selectorValues,
  'peer-ipblock-exclusive': splitPeer,
  'label-value-not-string': quoteLabel,
};

/** The rule ids this provider fixes (for the docs and tests). */
export const API_FIXED_RULES = Object.keys(FIXES) as readonly RuleId[];

function fixesOf<Id extends RuleId>(request: CodeActionRequest, diagnostic: Diagnostic, id: Id): CodeAction[] {
  const maker = FIXES[id];
  const found = maker && diagnosticTarget(request.file, diagnostic);
  if (!maker || !found) return [];
  return maker({ ...found, details: detailsOf({ ...diagnostic, code: id }) }).flatMap((fix) =>
    action(request, { title: fix.title, kind: CodeActionKind.QuickFix, diagnostic, isPreferred: fix.preferred === true, edits: fix.edits }),
  );
}

export const apiFixActions: CodeActionProvider = (request) =>
  request.diagnostics.flatMap((diagnostic) =>
    diagnostic.source === 'netpol' && isRuleId(diagnostic.code) ? fixesOf(request, diagnostic, diagnostic.code) : [],
  );
