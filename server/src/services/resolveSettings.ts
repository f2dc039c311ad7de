import { parseCidrSloppy } from '../model/cidr';
import { DEFAULT_CLUSTER } from '../model/cluster';
import { parseAddressOrCidr } from '../model/connectivity/addresses';
import { CHANNELS, type Channel } from '../model/clusterPolicy/api';
import { describeVersion, LATEST, parseKubernetesVersion } from '../model/k8sVersion';
import { DEFAULT_DNS_TARGET, type DnsTarget } from '../model/recipes';
import { isRuleId } from '../rules/catalog';
import type { RuleId } from '../rules/ruleIds';
import { dns1123LabelErrors, labelValueErrors, qualifiedNameErrors } from '../rules/k8sNames';
import { isSeveritySetting, type SeveritySetting } from '../rules/severity';
import type { NetpolSettings } from '../protocol';
import { DEFAULT_SETTINGS, type AnalysisSettings } from './settings';

/**
 * The one place `netpol.*` settings are resolved, for the language server and the CLI alike:
 * each source is read into the raw shape of the `netpol` settings section (a layer), the
 * layers are merged, and the result is checked and typed here. Adding a setting means adding
 * it to `NetpolSettings`, to this resolver and (for the CLI) to the flag table.
 */

/** One source of settings in the raw shape of the `netpol` section, e.g. editor settings or CLI flags. */
export type SettingsLayer = Partial<NetpolSettings> | null | undefined;

/** Everything the settings decide. */
export interface ResolvedSettings {
  readonly enable: boolean;
  readonly diagnosticsDelay: number;
  readonly analysis: AnalysisSettings;
}

export const DEFAULT_RESOLVED_SETTINGS: ResolvedSettings = { enable: true, diagnosticsDelay: 150, analysis: DEFAULT_SETTINGS };

/** A value that could not be used, and was replaced by a default or left out. */
export interface SettingProblem {
  /** The setting's path in the section: `kubernetesVersion`, `cluster.podCIDRs`, `rules`. */
  readonly setting: string;
  readonly value: unknown;
  /** What a usable value is: `a namespace name`, `a CIDR`. */
  readonly expected: string;
  /** The sentence for the editor: `netpol.defaultNamespace "X" is not a namespace name; using "default".` */
  readonly message: string;
}

const DEFAULT_MAX_FILE_SIZE_MB = 5;
const MAX_DIAGNOSTICS_DELAY = 5000;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The layers merged, later ones winning: a setting given in a later layer replaces the earlier
 * one, except the maps (`rules`, `cluster`, `dns`), which are merged key by key.
 */
export function mergeLayers(layers: readonly SettingsLayer[]): Partial<NetpolSettings> {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!isObject(layer)) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      const before = merged[key];
      merged[key] = isObject(before) && isObject(value) ? { ...before, ...value } : value;
    }
  }
  return merged;
}

class Problems {
  constructor(private readonly out: SettingProblem[]) {}

  add(setting: string, value: unknown, expected: string, message: string): void {
    this.out.push({ setting, value, expected, message });
  }

  /** `netpol.x "v" is not <expected>; <consequence>.` */
  replaced(setting: string, value: unknown, expected: string, consequence: string): void {
    const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
    this.add(setting, value, expected, `netpol.${setting} ${shown} is not ${expected}; ${consequence}.`);
  }
}

/** `netpol.dns`: a namespace name, a non-empty map of valid labels and addresses or CIDRs, else the defaults. */
function resolveDns(raw: NetpolSettings['dns'], problems: Problems): DnsTarget {
  let namespace = DEFAULT_DNS_TARGET.namespace;
  if (typeof raw?.namespace === 'string' && raw.namespace !== '') {
    if (dns1123LabelErrors(raw.namespace).length === 0) namespace = raw.namespace;
    else problems.replaced('dns.namespace', raw.namespace, 'a namespace name', `using "${namespace}"`);
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
    else problems.replaced('dns.podLabels', labels, 'a non-empty map of valid labels', `using ${JSON.stringify(podLabels)}`);
  }
  const addresses = (Array.isArray(raw?.addresses) ? raw.addresses : []).filter((address: unknown) => {
    const ok = typeof address === 'string' && parseAddressOrCidr(address) !== undefined;
    if (!ok)
      problems.add(
        'dns.addresses',
        address,
        'an address or a CIDR',
        `netpol.dns.addresses: "${String(address)}" is not an address or a CIDR; it is ignored.`,
      );
    return ok;
  }) as string[];
  if (raw?.addresses !== undefined && !Array.isArray(raw.addresses))
    problems.replaced('dns.addresses', raw.addresses, 'a list of addresses or CIDRs', 'using none');
  return { namespace, podLabels, addresses };
}

/** A number in a range, else the default (reported when a value was given). */
function numberSetting(raw: unknown, setting: string, fallback: number, problems: Problems, max = Infinity): number {
  if (raw === undefined || raw === null) return fallback;
  if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) return Math.min(raw, max);
  problems.replaced(setting, raw, 'a number of 0 or more', `using ${fallback}`);
  return fallback;
}

/**
 * The settings of a scope: `layers` lowest first (e.g. a project file, then the editor's
 * settings). Unusable values are replaced by defaults and reported in `problems`.
 */
export function resolveSettings(layers: readonly SettingsLayer[], problems: SettingProblem[]): ResolvedSettings {
  const report = new Problems(problems);
  const settings = mergeLayers(layers);
  let version = LATEST;
  if (typeof settings.kubernetesVersion === 'string') {
    const parsed = parseKubernetesVersion(settings.kubernetesVersion);
    if (parsed) version = parsed;
    else
      report.replaced(
        'kubernetesVersion',
        settings.kubernetesVersion,
        '"latest" or a version 1.24 or later',
        `using ${describeVersion(LATEST)}`,
      );
  }
  const severities: Partial<Record<RuleId, SeveritySetting>> = {};
  for (const [id, value] of Object.entries(settings.rules ?? {})) {
    if (!isRuleId(id)) report.add('rules', id, 'a rule id', `netpol.rules: there is no rule "${id}".`);
    else if (!isSeveritySetting(value))
      report.add(
        'rules',
        value,
        'error, warning, info, hint or off',
        `netpol.rules: "${String(value)}" for ${id} is not error, warning, info, hint or off.`,
      );
    else severities[id] = value;
  }
  const yamlSyntaxErrors =
    settings.yamlSyntaxErrors === undefined ? true : settings.yamlSyntaxErrors !== false && settings.yamlSyntaxErrors !== 'never';
  const maxMB = numberSetting(settings.maxFileSizeMB, 'maxFileSizeMB', DEFAULT_MAX_FILE_SIZE_MB, report);
  const delay = numberSetting(
    settings.diagnosticsDelay,
    'diagnosticsDelay',
    DEFAULT_RESOLVED_SETTINGS.diagnosticsDelay,
    report,
    MAX_DIAGNOSTICS_DELAY,
  );
  let defaultNamespace = DEFAULT_CLUSTER.defaultNamespace;
  if (typeof settings.defaultNamespace === 'string' && settings.defaultNamespace !== '') {
    if (dns1123LabelErrors(settings.defaultNamespace).length === 0) defaultNamespace = settings.defaultNamespace;
    else report.replaced('defaultNamespace', settings.defaultNamespace, 'a namespace name', `using "${defaultNamespace}"`);
  }
  const cidrs = (name: 'podCIDRs' | 'serviceCIDRs'): string[] =>
    (settings.cluster?.[name] ?? []).filter((cidr) => {
      const ok = typeof cidr === 'string' && parseCidrSloppy(cidr) !== undefined;
      if (!ok) report.add(`cluster.${name}`, cidr, 'a CIDR', `netpol.cluster.${name}: "${String(cidr)}" is not a CIDR; it is ignored.`);
      return ok;
    });
  let channel: Channel = 'standard';
  const rawChannel = settings.networkPolicyAPI?.channel;
  if (rawChannel !== undefined) {
    if ((CHANNELS as readonly unknown[]).includes(rawChannel)) channel = rawChannel as Channel;
    else report.replaced('networkPolicyAPI.channel', rawChannel, '"standard" or "experimental"', 'using "standard"');
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
      dns: resolveDns(settings.dns, report),
      channel,
    },
  };
}
