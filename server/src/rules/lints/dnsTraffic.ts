import type { PolicyTraffic } from '../../model/connectivity/policyTraffic';
import { dnsDescription } from '../../model/connectivity/dnsEndpoints';
import { namesPhrase } from '../../model/phrases';
import type { DnsTarget } from '../../model/recipes';
import type { Protocol } from '../../model/vocabulary';

/**
 * What the DNS lints find, asked of the connectivity model: the workloads the policy selects
 * that cannot reach the cluster DNS over `blocked` (and, with `allowed`, can over it), or, where
 * the workspace declares no workload in the policy's namespace, whether some pod the policy
 * selects would be so (judged on the selectors of the namespace's policies).
 */
export type DnsVerdict = { readonly workloads: readonly string[] } | { readonly pods: true } | undefined;

export function dnsVerdict(traffic: PolicyTraffic, blocked: Protocol, allowed?: Protocol): DnsVerdict {
  if (!traffic.upper?.types.egress) return undefined;
  if (!traffic.populated) return traffic.someSelectedPod(blocked, allowed) === true ? { pods: true } : undefined;
  const names = traffic
    .selected()
    .filter((workload) => (!allowed || traffic.reachesDns(workload, allowed, 'lower')) && !traffic.reachesDns(workload, blocked, 'upper'))
    .map((workload) => traffic.workloadName(workload));
  return names.length > 0 ? { workloads: [...new Set(names)].sort() } : undefined;
}

/** "frontend, cart and 3 more" or "the pods this policy selects". */
export function verdictSubject(verdict: NonNullable<DnsVerdict>): string {
  return 'workloads' in verdict ? namesPhrase(verdict.workloads) : 'Pods this policy selects';
}

export function dnsHint(dns: DnsTarget): string {
  return `Allow DNS with an egress rule to ${dnsDescription(dns)} on UDP and TCP port 53`;
}
