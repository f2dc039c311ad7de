import type { DnsTarget } from '../recipes';
import type { SemanticPolicy } from '../semantics';
import type { WorkspaceView } from '../workspaceView';
import { dnsEndpoints, isDnsWorkload, modelDnsWorkload, type DnsEndpoints } from './dnsEndpoints';
import { workloadKey } from '../workloads';
import { ConnectivityModel, inputFromWorkspace } from './workspaceModel';

/**
 * The cluster the traffic lints ask about: the connectivity model of the workspace (the one
 * `netpol query` answers from), with the cluster DNS in it (the declared DNS pods, else a model
 * of them) and the policies of the DNS namespace, which decide who may reach them.
 */
export interface AdviceModel {
  readonly view: WorkspaceView;
  readonly model: ConnectivityModel;
  readonly dns: DnsEndpoints;
  /** The index of the model DNS workload, when the workspace declares no DNS pods. */
  readonly modelDns?: number;
}

/** The policies of a namespace the cluster would have (not rejected, fully read). */
export function appliedPolicies(view: WorkspaceView, namespace: string): SemanticPolicy[] {
  return view
    .policiesIn(namespace)
    .flatMap((policy) => (policy.rejected === undefined && !policy.semantic.partial ? [policy.semantic] : []));
}

const cache = new WeakMap<WorkspaceView, { readonly version: number; readonly dns: string; readonly advice: AdviceModel }>();

/** Built once per workspace version: every policy linted after an edit shares it. */
export function adviceModel(view: WorkspaceView, dns: DnsTarget): AdviceModel {
  const dnsKey = JSON.stringify(dns);
  const hit = cache.get(view);
  if (hit && hit.version === view.version && hit.dns === dnsKey) return hit.advice;
  const input = inputFromWorkspace(view);
  const declared = input.workloads.some((workload) => isDnsWorkload(workload, dns));
  const workloads = declared ? input.workloads : [...input.workloads, modelDnsWorkload(dns)];
  // inputFromWorkspace has the policies of the namespaces with workloads only.
  const policies = view.namespacesWithWorkloads().includes(dns.namespace)
    ? input.policies
    : [...input.policies, ...appliedPolicies(view, dns.namespace)];
  const model = new ConnectivityModel({ ...input, workloads, policies });
  const modelDns = declared ? undefined : model.indexOf(workloadKey(modelDnsWorkload(dns)));
  const advice: AdviceModel = { view, model, dns: dnsEndpoints(model, dns), ...(modelDns === undefined ? {} : { modelDns }) };
  cache.set(view, { version: view.version, dns: dnsKey, advice });
  return advice;
}
