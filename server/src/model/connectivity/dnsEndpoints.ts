import type { WorkloadObject } from '../objects';
import type { DnsTarget } from '../recipes';
import { selectorMatches, type Labels, type Selector } from '../selector';
import { parseAddressOrCidr, type AddressRange } from './addresses';
import type { ConnectivityModel } from './workspaceModel';

/**
 * Where the pods of a cluster resolve names, for the DNS lints: the DNS pods the workspace
 * declares (in `netpol.dns.namespace`, with the `netpol.dns.podLabels`), else a model of them,
 * plus the addresses of `netpol.dns.addresses` (a node-local DNS cache such as 169.254.20.10).
 */

/** CoreDNS as kubeadm, EKS, GKE and AKS deploy it: the container ports named ports (`dns`, `dns-tcp`) resolve on. */
const COREDNS_PORTS: WorkloadObject['ports'] = [
  { name: 'dns', port: 53, protocol: 'UDP' },
  { name: 'dns-tcp', port: 53, protocol: 'TCP' },
  { name: 'metrics', port: 9153, protocol: 'TCP' },
];

/** The name of the model DNS workload, when the workspace declares none. */
export const MODEL_DNS_NAME = 'netpol-model-dns';

function dnsSelector(dns: DnsTarget): Selector {
  return { requirements: Object.entries(dns.podLabels).map(([key, value]) => ({ key, operator: 'In' as const, values: [value] })) };
}

/** Whether a workload is one of the DNS pods of the settings. */
export function isDnsWorkload(workload: { readonly namespace: string; readonly podLabels: Labels }, dns: DnsTarget): boolean {
  return workload.namespace === dns.namespace && selectorMatches(dnsSelector(dns), workload.podLabels);
}

/** The workload that stands for the cluster DNS in a workspace that declares none. */
export function modelDnsWorkload(dns: DnsTarget): WorkloadObject {
  return {
    kind: 'Deployment',
    name: MODEL_DNS_NAME,
    namespace: dns.namespace,
    podLabels: { ...dns.podLabels },
    podLabelsPath: [],
    ports: COREDNS_PORTS,
    path: [],
  };
}

export interface DnsEndpoints {
  /** The DNS workloads of the model (declared, or the model one). */
  readonly workloads: readonly number[];
  /** The addresses of `netpol.dns.addresses`. */
  readonly addresses: readonly AddressRange[];
}

/** The DNS endpoints of a model that has the DNS workloads (declared or the model one). */
export function dnsEndpoints(model: ConnectivityModel, dns: DnsTarget): DnsEndpoints {
  const workloads = model.workloadsIn(dns.namespace).filter((i) => isDnsWorkload(model.workloads[i]!, dns));
  const addresses = dns.addresses.flatMap((text) => parseAddressOrCidr(text) ?? []);
  return { workloads, addresses };
}

/** "the cluster DNS (k8s-app=kube-dns in kube-system)", with the addresses, for messages. */
export function dnsDescription(dns: DnsTarget): string {
  const labels = Object.entries(dns.podLabels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  const addresses = dns.addresses.length ? ` or ${dns.addresses.join(', ')}` : '';
  return `the cluster DNS (${labels} in ${dns.namespace}${addresses})`;
}
