import type { KubernetesVersion } from '../model/k8sVersion';
import type { NetworkPolicy } from '../model/networkPolicy';
import type { Report } from './finding';
import type { Severity } from './severity';

export type RuleCategory =
  /** The file or its YAML: syntax, aliases, limits. */
  | 'yaml'
  /** Strict decoding into the Go types: unknown fields, wrong JSON types. */
  | 'schema'
  /** What the API server's validation rejects. */
  | 'api'
  /** Valid, but probably not what was meant. */
  | 'lint';

export interface RuleMeta<Id extends string = string> {
  /** Stable id: the diagnostic code, the CLI's `code`, the docs page name. */
  readonly id: Id;
  readonly title: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  /** One sentence: what the rule reports. */
  readonly description: string;
}

export interface RuleContext<Data = undefined> {
  readonly version: KubernetesVersion;
  report(finding: Report<Data>): void;
}

/** A rule over one decoded NetworkPolicy; `Data` is what its findings tell the quick fixes. */
export interface PolicyRule<Id extends string = string, Data = undefined> {
  readonly meta: RuleMeta<Id>;
  check(policy: NetworkPolicy, context: RuleContext<Data>): void;
}
