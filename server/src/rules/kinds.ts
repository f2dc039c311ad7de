import { getField, isJsonObject, type Json, type JsonObject } from '../model/json';
import type { FieldPath } from '../model/path';
import type { Finding } from './finding';
import type { RuleMeta } from './rule';
import { closestName } from './suggest';

/**
 * The kinds of the `networking.k8s.io` API group, as kubectl's REST mapper knows them from
 * discovery: a document of that group with any other kind fails before it reaches the API
 * server, with `no matches for kind "…" in version "…"`. Every kind some version from 1.24 on
 * serves counts (ClusterCIDR v1alpha1 1.25–1.28; IPAddress and ServiceCIDR v1alpha1, v1beta1,
 * v1), with the resource names and short names kubectl accepts on its command line, which people
 * write as kinds by mistake.
 */
const NETWORKING_GROUP = 'networking.k8s.io';

const KINDS: Readonly<Record<string, readonly string[]>> = {
  NetworkPolicy: ['networkpolicies', 'networkpolicy', 'netpol'],
  Ingress: ['ingresses', 'ingress', 'ing'],
  IngressClass: ['ingressclasses', 'ingressclass'],
  IPAddress: ['ipaddresses', 'ipaddress', 'ip'],
  ServiceCIDR: ['servicecidrs', 'servicecidr'],
  ClusterCIDR: ['clustercidrs', 'clustercidr'],
};

/** Every kind of the group and its list kind (`NetworkPolicyList`). */
const GROUP_KINDS: readonly string[] = Object.keys(KINDS).flatMap((kind) => [kind, `${kind}List`]);

export const UNKNOWN_KIND: RuleMeta<'unknown-kind'> = {
  id: 'unknown-kind',
  title: 'Kind not served by networking.k8s.io',
  category: 'api',
  severity: 'error',
  description:
    'A document of apiVersion networking.k8s.io/… whose kind is not a kind of that API group (NetworkPolcy, NetworkPolicies): kubectl fails with "no matches for kind".',
};

export interface UnknownKindData {
  /** The kind of the group that was probably meant. */
  readonly suggestion?: string;
}

/** The API group of an apiVersion (`''` for the core group), or undefined when it is not a string. */
export function apiGroupOf(apiVersion: Json | undefined): string | undefined {
  if (typeof apiVersion !== 'string') return undefined;
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The kind of the group a wrong kind stands for: a resource or short name, another case, or a small typo. */
export function meantKind(kind: string): string | undefined {
  const lower = kind.toLowerCase();
  const named = Object.keys(KINDS).find((candidate) => KINDS[candidate]!.includes(lower));
  return named ?? closestName(kind, GROUP_KINDS);
}

/** Whether an object is of networking.k8s.io but its kind is none of the group's. */
export function isUnknownNetworkingKind(object: JsonObject): boolean {
  const kind = getField(object, 'kind');
  return apiGroupOf(getField(object, 'apiVersion')) === NETWORKING_GROUP && typeof kind === 'string' && !GROUP_KINDS.includes(kind);
}

function kindFinding(object: JsonObject, path: FieldPath): Finding<'unknown-kind'> | undefined {
  if (!isUnknownNetworkingKind(object)) return undefined;
  const kind = getField(object, 'kind') as string;
  const suggestion = meantKind(kind);
  const version = getField(object, 'apiVersion') as string;
  const message = `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(version)}`;
  return {
    ruleId: 'unknown-kind',
    path: [...path, 'kind'],
    message: suggestion
      ? `${message}. Did you mean ${suggestion}?`
      : `${message}. The kinds of ${NETWORKING_GROUP} are ${Object.keys(KINDS).join(', ')}`,
    ...(suggestion ? { data: { suggestion } } : {}),
  };
}

/** The documents of a file whose kind kubectl cannot map: the document itself, or items of a `List`. */
export function unknownKindFindings(json: Json | undefined): Finding<'unknown-kind'>[] {
  if (!isJsonObject(json)) return [];
  const own = kindFinding(json, []);
  if (own) return [own];
  const items = getField(json, 'items');
  if (getField(json, 'kind') !== 'List' || !Array.isArray(items)) return [];
  return items.flatMap((item, i) => {
    const found = isJsonObject(item) ? kindFinding(item, ['items', i]) : undefined;
    return found ? [found] : [];
  });
}
