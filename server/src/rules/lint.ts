import type { ClusterSettings } from '../model/cluster';
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
  /** What it means. */
  readonly semantic: SemanticPolicy;
  readonly cluster: ClusterSettings;
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
  check(context: PolicyLintContext<Data>): void;
}

/** A lint reported on a Namespace manifest. */
export interface NamespaceLint<Id extends string = string, Data = undefined> {
  readonly meta: RuleMeta<Id>;
  check(namespace: NamespaceObject, workspace: WorkspaceView, report: (finding: Report<Data>) => void): void;
}
