import type { Channel } from '../model/clusterPolicy/api';
import { DEFAULT_CLUSTER, type ClusterSettings } from '../model/cluster';
import { LATEST, type KubernetesVersion } from '../model/k8sVersion';
import { kustomizeNamespace, type KustomizeContext } from '../model/kustomize/tree';
import { DEFAULT_DNS_TARGET, type DnsTarget } from '../model/recipes';
import type { RuleId } from '../rules/ruleIds';
import type { SeveritySetting } from '../rules/severity';

/** What the engine needs to know to produce diagnostics (resolved from `netpol.*` settings). */
export interface AnalysisSettings {
  readonly cluster: ClusterSettings;
  readonly version: KubernetesVersion;
  /** Severity overrides by rule id; 'off' disables a rule. */
  readonly severities: Readonly<Partial<Record<RuleId, SeveritySetting>>>;
  /** Whether YAML syntax errors are reported (another extension may report them already). */
  readonly yamlSyntaxErrors: boolean;
  /** Files longer than this (in UTF-16 code units, about bytes) are not analysed; 0 means no limit. */
  readonly maxFileSize: number;
  /** The DNS pods that "Add DNS egress" and the DNS quick fixes allow. */
  readonly dns: DnsTarget;
  /** The channel of the network-policy-api CRDs installed in the cluster (ClusterNetworkPolicy and its predecessors). */
  readonly channel: Channel;
  /** For one file: the kustomizations that list it (then they, or `kubectl -n`, decide its namespace). */
  readonly kustomize?: KustomizeContext;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  cluster: DEFAULT_CLUSTER,
  version: LATEST,
  severities: {},
  yamlSyntaxErrors: true,
  maxFileSize: 5 * 1024 * 1024,
  dns: DEFAULT_DNS_TARGET,
  channel: 'standard',
};

/** A key that changes whenever the settings would change a chunk's diagnostics. */
export function settingsKey(settings: AnalysisSettings): string {
  return JSON.stringify([
    settings.version.minor,
    settings.severities,
    settings.yamlSyntaxErrors,
    settings.cluster,
    settings.dns,
    settings.channel,
    settings.kustomize ?? null,
  ]);
}

/**
 * A file's settings when kustomizations list it: their context, and the namespace they set as
 * the file's default namespace (so that every view of the file, not only the workspace model,
 * places its objects there).
 */
export function withKustomize(settings: AnalysisSettings, context: KustomizeContext | undefined): AnalysisSettings {
  if (!context) return settings;
  const namespace = kustomizeNamespace(context);
  return {
    ...settings,
    kustomize: context,
    ...(namespace !== undefined ? { cluster: { ...settings.cluster, defaultNamespace: namespace } } : {}),
  };
}
