import { ConnectivityModel, inputFromWorkspace } from '../../../../server/src/model/connectivity/workspaceModel';
import { workspaceOf } from './workspace';

/** Workspaces with cluster-wide policies, for the tiered connectivity tests. */

export interface TieredOptions {
  /** `netpol.cluster.podCIDRs`. */
  readonly podCIDRs?: readonly string[];
}

/**
 * The connectivity model of files holding workloads, namespaces, NetworkPolicies and
 * cluster-wide policies, built from the workspace index as the server builds it. A fixture
 * the API server would reject is a mistake in the test.
 */
export function tieredModel(files: Record<string, string>, options: TieredOptions = {}): ConnectivityModel {
  const index = workspaceOf(files);
  const rejected = index.clusterPolicies().filter((policy) => policy.rejected);
  if (rejected.length) throw new Error(`fixture rejected by the API server: ${rejected.map((policy) => policy.name).join(', ')}`);
  return new ConnectivityModel({ ...inputFromWorkspace(index), ...(options.podCIDRs ? { podCIDRs: options.podCIDRs } : {}) });
}

/** A cluster-wide policy; `spec` is YAML block text (indented by two spaces here). */
export function clusterPolicy(
  kind: 'ClusterNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy',
  name: string,
  spec: string,
): string {
  const version = kind === 'ClusterNetworkPolicy' ? 'v1alpha2' : 'v1alpha1';
  return `apiVersion: policy.networking.k8s.io/${version}\nkind: ${kind}\nmetadata: { name: ${name} }\nspec:\n${spec
    .split('\n')
    .map((line) => (line.trim() ? `  ${line}` : line))
    .join('\n')}\n`;
}

/** A bare Pod with labels, container ports (`name:port/PROTO`) and, optionally, a recorded address or host networking. */
export function pod(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  options: { ports?: string[]; ip?: string; hostNetwork?: boolean } = {},
): string {
  const ports = (options.ports ?? []).map((spec) => {
    const [, portName, port, protocol] = /^(?:([a-z0-9-]+):)?(\d+)(?:\/(TCP|UDP|SCTP))?$/.exec(spec)!;
    return `{ containerPort: ${port}${portName ? `, name: ${portName}` : ''}${protocol ? `, protocol: ${protocol}` : ''} }`;
  });
  return [
    'apiVersion: v1',
    'kind: Pod',
    `metadata: { name: ${name}, namespace: ${namespace}, labels: ${JSON.stringify(labels)} }`,
    'spec:',
    ...(options.hostNetwork ? ['  hostNetwork: true'] : []),
    `  containers: [{ name: main, image: app, ports: [${ports.join(', ')}] }]`,
    ...(options.ip ? ['status:', `  podIP: ${options.ip}`, `  podIPs: [{ ip: ${options.ip} }]`] : []),
    '',
  ].join('\n');
}
