import { parseAllDocuments } from 'yaml';
import type { JsonObject } from '../../../../server/src/model/json';
import type { ClusterPolicy } from '../../../../server/src/model/clusterPolicy/policy';
import { ConnectivityModel, inputFromWorkspace } from '../../../../server/src/model/connectivity/workspaceModel';
import { LATEST } from '../../../../server/src/model/k8sVersion';
import { analyseClusterPolicy, clusterPoliciesOf } from '../../../../server/src/rules/clusterPolicy/validateClusterPolicy';
import { workspaceOf } from './workspace';

/** Workspaces with cluster-wide policies, for the tiered connectivity tests. */

/** The cluster-wide policies of the files that the API server (with the CRDs of `channel`) accepts. */
export function clusterPoliciesIn(files: Record<string, string>, channel: 'standard' | 'experimental' = 'standard'): ClusterPolicy[] {
  const out: ClusterPolicy[] = [];
  for (const text of Object.values(files)) {
    for (const doc of parseAllDocuments(text)) {
      for (const location of clusterPoliciesOf(doc.toJS() as JsonObject)) {
        const analysis = analyseClusterPolicy(location, { version: LATEST, channel });
        if (analysis.rejected) throw new Error(`fixture rejected: ${analysis.findings.map((f) => f.message).join('; ')}`);
        out.push(analysis.policy);
      }
    }
  }
  return out;
}

export interface TieredOptions {
  readonly podCIDRs?: readonly string[];
  readonly channel?: 'standard' | 'experimental';
}

/** The connectivity model of files holding workloads, namespaces, NetworkPolicies and cluster-wide policies. */
export function tieredModel(files: Record<string, string>, options: TieredOptions = {}): ConnectivityModel {
  return new ConnectivityModel({
    ...inputFromWorkspace(workspaceOf(files)),
    clusterPolicies: clusterPoliciesIn(files, options.channel),
    ...(options.podCIDRs ? { podCIDRs: options.podCIDRs } : {}),
  });
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
