import type { DOCUMENT_RULES, NAMESPACE_LINTS, POLICY_LINTS, POLICY_RULES, SCHEMA_RULES, YAML_RULES } from './catalog';
import type { CLUSTER_POLICY_API_RULES } from './clusterPolicy/catalog';
import type { ClusterPolicyErrorData } from './clusterPolicy/fieldErrors';
import type { ClusterPolicyLintId } from './clusterPolicy/lints';
import type { ClusterTrafficLintId } from './clusterPolicy/trafficLints';
import type { UnknownKindData } from './kinds';
import type { InvalidSuppressionData } from './suppression';
import type { NamespaceLint, PolicyLint } from './lint';
import type { PolicyRule } from './rule';

/**
 * Rule ids as types, derived from the catalog: renaming a rule there is a compile error in every
 * quick fix, setting and test that names it, instead of a fix that silently stops applying.
 */

export type YamlRuleId = (typeof YAML_RULES)[number]['id'];
export type SchemaRuleId = (typeof SCHEMA_RULES)[number]['id'];
/** What the API server rejects in a cluster-wide policy (CRD validation). */
export type ClusterPolicyApiRuleId = (typeof CLUSTER_POLICY_API_RULES)[number]['id'];

type CatalogRule = (typeof POLICY_RULES)[number] | (typeof POLICY_LINTS)[number] | (typeof NAMESPACE_LINTS)[number];

/** Every rule id of the catalog. */
export type RuleId =
  | YamlRuleId
  | SchemaRuleId
  | (typeof DOCUMENT_RULES)[number]['id']
  | ClusterPolicyApiRuleId
  | ClusterPolicyLintId
  | ClusterTrafficLintId
  | CatalogRule['meta']['id'];

/** The data of the findings of the rules without a rule object (decoding, and what is checked of any document). */
export interface StandaloneRuleData {
  'unknown-kind': UnknownKindData;
  'invalid-suppression': InvalidSuppressionData;
  'unknown-field': { readonly field: string; readonly suggestion?: string; readonly known: readonly string[] };
  'invalid-type': { readonly expected: string; readonly actual: string };
  'label-value-not-string': { readonly key: string; readonly actual: string };
}

type DataOf<R> =
  R extends PolicyRule<string, infer D>
    ? D
    : R extends PolicyLint<string, infer D>
      ? D
      : R extends NamespaceLint<string, infer D>
        ? D
        : never;

/** The `data` a rule's findings carry (`diagnostic.data.details`); undefined for rules without data. */
export type RuleData<Id extends RuleId> = Id extends keyof StandaloneRuleData
  ? StandaloneRuleData[Id]
  : Id extends YamlRuleId
    ? undefined
    : Id extends ClusterPolicyApiRuleId
      ? ClusterPolicyErrorData
      : Id extends ClusterPolicyLintId | ClusterTrafficLintId
        ? undefined
        : Exclude<DataOf<Extract<CatalogRule, { readonly meta: { readonly id: Id } }>>, undefined>;
