import type { ClusterSettings } from '../model/cluster';
import type { PolicyTraffic } from '../model/connectivity/policyTraffic';
import type { DnsTarget } from '../model/recipes';
import type { NetworkPolicy } from '../model/networkPolicy';
import type { NamespaceObject } from '../model/objects';
import type { SemanticPolicy } from '../model/semantics';
import type { WorkspaceView } from '../model/workspaceView';
import type { Report } from './finding';
import type { RuleMeta } from './rule';

/**
 * Best-practice lints: valid policies that probably do not do what was meant. Each is a
 * rule of the catalog (category `lint`) with its own id, docs page and severity.
 */
export interface PolicyLintContext<Data = undefined> {
  /** The decoded policy (field paths of findings refer to it). */
  readonly policy: NetworkPolicy;
  /**
   * What it means. For a policy with API errors (a lint with `readableRest`), its lower bound:
   * the parts with errors allow nothing (see rules/bounds).
   */
  readonly semantic: SemanticPolicy;
  /** What it could mean at most (the parts with errors allowing anything); undefined when that cannot be told. */
  readonly upper: SemanticPolicy | undefined;
  /** Whether the API server rejects the policy (then `semantic` and `upper` may differ). */
  readonly hasErrors: boolean;
  readonly cluster: ClusterSettings;
  /** Where cluster DNS runs. */
  readonly dns: DnsTarget;
  /**
   * The connectivity model of the workspace with this policy applied (a lint of `scope:
   * 'workspace'`): built once for all the lints of the policy.
   */
  traffic(this: void): PolicyTraffic;
  /** Whether kustomizations list the policy's file (they, or `kubectl -n`, decide its namespace). */
  readonly kustomized: boolean;
  /** The other files; empty for a lint of `scope: 'policy'`. */
  readonly workspace: WorkspaceView;
  report(this: void, finding: Report<Data>): void;
}

export interface PolicyLint<Id extends string = string, Data = undefined> {
  readonly meta: RuleMeta<Id>;
  /**
   * 'policy': depends on the policy and the settings alone (cached with its document);
   * 'workspace': also on the workloads, namespaces and policies of other documents.
   */
  readonly scope: 'policy' | 'workspace';
  /**
   * Whether it also runs on a policy with API errors, on the readable rest (see `semantic` and
   * `upper`); else it runs only on policies the API server accepts.
   */
  readonly readableRest?: boolean;
  check(context: PolicyLintContext<Data>): void;
}

/** A lint reported on a Namespace manifest. */
export interface NamespaceLint<Id extends string = string, Data = undefined> {
  readonly meta: RuleMeta<Id>;
  check(namespace: NamespaceObject, workspace: WorkspaceView, report: (finding: Report<Data>) => void): void;
}
