import type { Connection } from 'vscode-languageserver';
import { parseCidrSloppy } from '../model/cidr';
import { CHANNELS, type Channel } from '../model/clusterPolicy/api';
import { DEFAULT_CLUSTER } from '../model/cluster';
import { describeVersion, LATEST, parseKubernetesVersion } from '../model/k8sVersion';
import { DEFAULT_DNS_TARGET, type DnsTarget } from '../model/recipes';
import { dns1123LabelErrors, labelValueErrors, qualifiedNameErrors } from '../rules/k8sNames';
import { isSeveritySetting, type SeveritySetting } from '../rules/severity';
import { isRuleId } from '../rules/catalog';
import type { RuleId } from '../rules/ruleIds';
import { SETTINGS_SECTION, SettingsProblemNotification, type NetpolSettings, type SettingsProblem } from '../protocol';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../services/settings';

export interface ServerSettings {
  readonly enable: boolean;
  readonly diagnosticsDelay: number;
  readonly analysis: AnalysisSettings;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = { enable: true, diagnosticsDelay: 150, analysis: DEFAULT_SETTINGS };

/** `netpol.dns`: a namespace name and a non-empty map of valid labels, else the defaults. */
function resolveDns(raw: NetpolSettings['dns'], problems: string[]): DnsTarget {
  let namespace = DEFAULT_DNS_TARGET.namespace;
  if (typeof raw?.namespace === 'string' && raw.namespace !== '') {
    if (dns1123LabelErrors(raw.namespace).length === 0) namespace = raw.namespace;
    else problems.push(`netpol.dns.namespace "${raw.namespace}" is not a namespace name; using "${namespace}".`);
  }
  let podLabels = DEFAULT_DNS_TARGET.podLabels;
  const labels = raw?.podLabels;
  if (typeof labels === 'object' && labels !== null) {
    const entries = Object.entries(labels);
    const valid =
      entries.length > 0 &&
      entries.every(
        ([key, value]) => qualifiedNameErrors(key).length === 0 && typeof value === 'string' && labelValueErrors(value).length === 0,
      );
    if (valid) podLabels = { ...labels };
    else
      problems.push(
        `netpol.dns.podLabels ${JSON.stringify(labels)} is not a non-empty map of valid labels; using ${JSON.stringify(podLabels)}.`,
      );
  }
  return { namespace, podLabels };
}

/** Turns the raw settings section into typed settings; unusable values are reported and replaced by defaults. */
export function resolveSettings(raw: Partial<NetpolSettings> | null | undefined, problems: string[]): ServerSettings {
  const settings = raw ?? {};
  let version = LATEST;
  if (typeof settings.kubernetesVersion === 'string') {
    const parsed = parseKubernetesVersion(settings.kubernetesVersion);
    if (parsed) version = parsed;
    else
      problems.push(
        `netpol.kubernetesVersion "${settings.kubernetesVersion}" is not "latest" or a version 1.24 or later; using ${describeVersion(LATEST)}.`,
      );
  }
  const severities: Partial<Record<RuleId, SeveritySetting>> = {};
  for (const [id, value] of Object.entries(settings.rules ?? {})) {
    if (!isRuleId(id)) problems.push(`netpol.rules: there is no rule "${id}".`);
    else if (!isSeveritySetting(value))
      problems.push(`netpol.rules: "${String(value)}" for ${id} is not error, warning, info, hint or off.`);
    else severities[id] = value;
  }
  const yamlSyntaxErrors =
    settings.yamlSyntaxErrors === undefined ? true : settings.yamlSyntaxErrors !== false && settings.yamlSyntaxErrors !== 'never';
  const maxMB = typeof settings.maxFileSizeMB === 'number' && settings.maxFileSizeMB >= 0 ? settings.maxFileSizeMB : 5;
  const delay =
    typeof settings.diagnosticsDelay === 'number' && settings.diagnosticsDelay >= 0 ? Math.min(settings.diagnosticsDelay, 5000) : 150;
  let defaultNamespace = DEFAULT_CLUSTER.defaultNamespace;
  if (typeof settings.defaultNamespace === 'string' && settings.defaultNamespace !== '') {
    if (dns1123LabelErrors(settings.defaultNamespace).length === 0) defaultNamespace = settings.defaultNamespace;
    else problems.push(`netpol.defaultNamespace "${settings.defaultNamespace}" is not a namespace name; using "default".`);
  }
  const cidrs = (name: 'podCIDRs' | 'serviceCIDRs'): string[] =>
    (settings.cluster?.[name] ?? []).filter((cidr) => {
      const ok = typeof cidr === 'string' && parseCidrSloppy(cidr) !== undefined;
      if (!ok) problems.push(`netpol.cluster.${name}: "${String(cidr)}" is not a CIDR; it is ignored.`);
      return ok;
    });
  let channel: Channel = 'standard';
  const rawChannel = settings.networkPolicyAPI?.channel;
  if (rawChannel !== undefined) {
    if ((CHANNELS as readonly unknown[]).includes(rawChannel)) channel = rawChannel as Channel;
    else problems.push(`netpol.networkPolicyAPI.channel "${String(rawChannel)}" is not "standard" or "experimental"; using "standard".`);
  }
  return {
    enable: settings.enable !== false,
    diagnosticsDelay: delay,
    analysis: {
      cluster: { defaultNamespace, podCIDRs: cidrs('podCIDRs'), serviceCIDRs: cidrs('serviceCIDRs') },
      version,
      severities,
      yamlSyntaxErrors,
      maxFileSize: Math.round(maxMB * 1024 * 1024),
      dns: resolveDns(settings.dns, problems),
      channel,
    },
  };
}

/**
 * Settings per document, pulled with workspace/configuration when the client supports it
 * (else from initializationOptions), cached until the configuration changes.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<ServerSettings>>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    private readonly initial: Partial<NetpolSettings> | undefined,
  ) {}

  get(uri: string): Promise<ServerSettings> {
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.load(uri);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
    this.reported.clear();
  }

  private async load(uri: string): Promise<ServerSettings> {
    let raw: Partial<NetpolSettings> | undefined = this.initial;
    if (this.canPull) {
      try {
        raw =
          ((await this.connection.workspace.getConfiguration({
            scopeUri: uri,
            section: SETTINGS_SECTION,
          })) as Partial<NetpolSettings> | null) ?? undefined;
      } catch (error) {
        this.connection.console.error(`Could not read settings: ${String(error)}`);
      }
    }
    const problems: string[] = [];
    const resolved = resolveSettings(raw, problems);
    for (const message of problems) {
      if (this.reported.has(message)) continue;
      this.reported.add(message);
      this.connection.console.warn(message);
      void this.connection.sendNotification(SettingsProblemNotification, { message } satisfies SettingsProblem);
    }
    return resolved;
  }
}
