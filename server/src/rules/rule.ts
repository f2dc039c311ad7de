import type { KubernetesVersion } from '../model/k8sVersion';
import type { NetworkPolicy } from '../model/networkPolicy';
import type { Finding } from './finding';
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

export interface RuleMeta {
  /** Stable id: the diagnostic code, the CLI's `code`, the docs page name. */
  readonly id: string;
  readonly title: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  /** One sentence: what the rule reports. */
  readonly description: string;
}

export interface RuleContext {
  readonly version: KubernetesVersion;
  report(finding: Omit<Finding, 'ruleId'>): void;
}

/** A rule over one decoded NetworkPolicy. */
export interface PolicyRule {
  readonly meta: RuleMeta;
  check(policy: NetworkPolicy, context: RuleContext): void;
}
