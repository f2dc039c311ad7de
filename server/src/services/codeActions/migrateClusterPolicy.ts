import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { apiVersionOf, fixedTier, type ClusterPolicyKind } from '../../model/clusterPolicy/api';
import { isJsonObject, type Json, type JsonObject } from '../../model/json';
import type { FieldPath } from '../../model/path';
import { PROTOCOLS } from '../../model/vocabulary';
import { insertFirstEntries, replaceEntry } from '../../yaml/edit/insert';
import { nodeAt, type EditTarget, type OffsetEdit } from '../../yaml/edit/layout';
import { replaceScalar } from '../../yaml/edit/scalar';
import { clusterPolicyAt } from '../clusterPolicy/at';
import { styleOf } from './diagnosticTarget';
import { action, diagnosticsOf, wants } from './policyEdits';
import type { CodeActionProvider, CodeActionRequest } from './provider';

/**
 * "Migrate to ClusterNetworkPolicy (v1alpha2)" on an AdminNetworkPolicy or
 * BaselineAdminNetworkPolicy (v1alpha1), as the network-policy-api v0.2.0 release describes
 * it: the kind becomes a ClusterNetworkPolicy with `tier: Admin` or `tier: Baseline`, `Allow`
 * becomes `Accept`, and `ports` become `protocols`. Subjects, peers and rule names have the
 * same shape in both versions and are left as written. Offered only when nothing is lost: a
 * port whose protocol is not TCP, UDP or SCTP, or a range that starts above its end (both
 * match nothing in v1alpha1), cannot be written in v1alpha2.
 */

/**
 * The priority of a migrated BaselineAdminNetworkPolicy: v1alpha2 requires one, and the
 * singleton it was is the cluster's catch-all default, so it goes after any other Baseline
 * policy (1000 is the lowest precedence).
 */
export const MIGRATED_BASELINE_PRIORITY = 1000;

const MIGRATED_TITLE = 'Migrate to ClusterNetworkPolicy (v1alpha2)';

const obj = (value: Json | undefined): JsonObject | undefined => (value !== undefined && isJsonObject(value) ? value : undefined);

/** A v1alpha1 ports item as a v1alpha2 protocols item, or undefined when it cannot be written so. */
function protocolOf(item: Json): JsonObject | undefined {
  const json = obj(item);
  if (!json || Object.keys(json).length !== 1) return undefined;
  if (typeof json['namedPort'] === 'string') return { destinationNamedPort: json['namedPort'] };
  const number = obj(json['portNumber']);
  const range = obj(json['portRange']);
  const entry = number ?? range;
  if (!entry) return undefined;
  // portNumber requires its protocol; portRange defaults it to TCP (release-0.1 shared_types.go).
  const protocol = entry['protocol'] ?? (range ? 'TCP' : undefined);
  if (typeof protocol !== 'string' || !(PROTOCOLS as readonly string[]).includes(protocol)) return undefined;
  const key = protocol.toLowerCase();
  if (number) {
    const port = number['port'];
    return typeof port === 'number' ? { [key]: { destinationPort: { number: port } } } : undefined;
  }
  const start = entry['start'];
  const end = entry['end'];
  if (typeof start !== 'number' || typeof end !== 'number' || start > end) return undefined;
  // v1alpha2 ranges need start < end (a CEL rule): a range of one port is that port's number.
  return { [key]: { destinationPort: start === end ? { number: start } : { range: { start, end } } } };
}

/** The edits of one rule: `Allow` → `Accept`, `ports` → `protocols`; undefined when a port cannot be migrated. */
function ruleEdits(target: EditTarget, path: FieldPath, rule: JsonObject): (OffsetEdit | undefined)[] | undefined {
  const edits: (OffsetEdit | undefined)[] = [];
  if (rule['action'] === 'Allow') edits.push(replaceScalar(target, [...path, 'action'], 'Accept'));
  const ports = rule['ports'];
  if (ports !== undefined) {
    if (!Array.isArray(ports)) return undefined;
    const protocols = ports.map(protocolOf);
    if (protocols.some((p) => p === undefined)) return undefined;
    edits.push(replaceEntry(target, path, 'ports', 'protocols', protocols as JsonObject[]));
  }
  return edits;
}

function migrationEdits(
  target: EditTarget,
  root: FieldPath,
  kind: ClusterPolicyKind,
  json: JsonObject,
): (OffsetEdit | undefined)[] | undefined {
  const tier = fixedTier(kind);
  const spec = obj(json['spec']);
  if (!tier || !spec || typeof json['apiVersion'] !== 'string') return undefined;
  const edits: (OffsetEdit | undefined)[] = [];
  const served = apiVersionOf('ClusterNetworkPolicy');
  if (json['apiVersion'] !== served) edits.push(replaceScalar(target, [...root, 'apiVersion'], served));
  edits.push(replaceScalar(target, [...root, 'kind'], 'ClusterNetworkPolicy'));
  const head: JsonObject = tier === 'Baseline' ? { tier, priority: MIGRATED_BASELINE_PRIORITY } : { tier };
  edits.push(insertFirstEntries(target, [...root, 'spec'], head));
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = spec[direction];
    if (!Array.isArray(rules)) continue;
    for (const [i, rule] of rules.entries()) {
      const json = obj(rule);
      if (!json) continue;
      const more = ruleEdits(target, [...root, 'spec', direction, i], json);
      if (!more) return undefined;
      edits.push(...more);
    }
  }
  return edits;
}

/** The diagnostic that says this v1alpha1 kind is written with the v1alpha2 apiVersion, if the request has it. */
function versionDiagnostic(request: CodeActionRequest, document: number): Diagnostic | undefined {
  return diagnosticsOf(request, 'cluster-policy-version').find(
    (d) =>
      (d.data as { document?: unknown } | undefined)?.document === document &&
      (d.data as { details?: { version?: unknown } }).details?.version === 'v1alpha1',
  );
}

export const migrateClusterPolicyActions: CodeActionProvider = (request): CodeAction[] => {
  if (!wants(request, CodeActionKind.RefactorRewrite) && !wants(request, CodeActionKind.QuickFix)) return [];
  const found = clusterPolicyAt(request.file, request.start, request.settings);
  if (!found || found.location.type.kind === 'ClusterNetworkPolicy') return [];
  const target: EditTarget = { chunk: found.cursor.chunk, doc: found.cursor.doc, style: styleOf(request.file) };
  const root = found.location.path;
  if (nodeAt(found.cursor.doc, root)?.value === undefined) return [];
  const edits = migrationEdits(target, root, found.location.type.kind, found.location.json);
  if (!edits) return [];
  const diagnostic = versionDiagnostic(request, found.cursor.document);
  return action(request, {
    title: MIGRATED_TITLE,
    kind: diagnostic ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
    edits,
    ...(diagnostic ? { diagnostic } : {}),
  });
};
