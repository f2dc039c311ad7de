/**
 * The Kubernetes release the manifests are checked against. Only the minor version
 * matters: every version-dependent rule changed at a minor release.
 */
export interface KubernetesVersion {
  readonly minor: number;
  /** As the user wrote it: `latest` or `1.N`. */
  readonly label: string;
}

/** The newest release whose rules are known here. */
export const LATEST_MINOR = 37;
/** The oldest release the version-dependent rules describe. */
export const OLDEST_MINOR = 24;

export const LATEST: KubernetesVersion = { minor: LATEST_MINOR, label: 'latest' };

/** Parses `latest`, `1.N` or `v1.N(.P)`; undefined when it is neither or older than 1.24. */
export function parseKubernetesVersion(text: string): KubernetesVersion | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'latest') return LATEST;
  const match = /^v?1\.(\d{1,3})(?:\.\d+)?$/.exec(trimmed);
  if (!match) return undefined;
  const minor = Number(match[1]);
  if (minor < OLDEST_MINOR) return undefined;
  return { minor, label: `1.${minor}` };
}

/**
 * StrictIPCIDRValidation: alpha (off) in 1.33–1.35, beta and on by default in 1.36, GA
 * after. Before 1.33 the gate does not exist and parsing is the legacy one.
 */
export function strictCidrValidation(version: KubernetesVersion): boolean {
  return version.minor >= 36;
}

/**
 * The alpha NetworkPolicyStatus field (`status.conditions`) existed in the v1 type from
 * 1.24 until its removal in 1.28 (kubernetes/kubernetes#115843); later servers reject
 * `status` as an unknown field.
 */
export function hasNetworkPolicyStatus(version: KubernetesVersion): boolean {
  return version.minor >= 24 && version.minor <= 27;
}

export function describeVersion(version: KubernetesVersion): string {
  return version.label === 'latest' ? `latest (1.${version.minor})` : version.label;
}
