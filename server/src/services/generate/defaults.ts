import type { WorkloadObject } from '../../model/objects';
import type { PolicyPort } from '../../model/templates/options';
import type { WorkspaceView } from '../../model/workspaceView';
import type { AnalysisSettings } from '../settings';
import { parseCidrs } from './options';

/** A workload the wizard offers, with the option text it stands for. */
export interface WorkloadChoice {
  /** `Deployment/web`, the text of a `workload` option. */
  readonly value: string;
  readonly namespace: string;
  /** Option text by parameter id: its pod labels and ports. */
  readonly fills: Readonly<Record<string, string>>;
}

export function labelsText(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

export function portsText(ports: readonly PolicyPort[]): string {
  const seen = new Set<string>();
  for (const { protocol, port, endPort } of ports) {
    const range = endPort === undefined ? String(port) : `${port}-${endPort}`;
    seen.add(protocol === 'TCP' ? range : `${protocol}/${range}`);
  }
  return [...seen].join(', ');
}

/**
 * The ports a workload's pods receive traffic on: the target ports of the Services that
 * select its pods (a policy sees the pod's port, not the Service's), else its container ports.
 */
export function workloadPorts(workload: WorkloadObject, workspace: WorkspaceView): PolicyPort[] {
  const services = workspace
    .servicesIn(workload.namespace)
    .filter(
      (service) =>
        service.selector !== undefined &&
        Object.keys(service.selector).length > 0 &&
        Object.entries(service.selector).every(([key, value]) => workload.podLabels[key] === value),
    );
  const fromServices = services.flatMap((service) =>
    service.ports.map((port) => ({ protocol: port.protocol, port: port.targetPort ?? port.port })),
  );
  if (fromServices.length) return fromServices;
  return workload.ports.map((port) => ({ protocol: port.protocol, port: port.port }));
}

export function workloadChoices(workspace: WorkspaceView): WorkloadChoice[] {
  return workspace
    .namespacesWithWorkloads()
    .flatMap((namespace) => workspace.workloadsIn(namespace))
    .filter((workload) => Object.keys(workload.podLabels).length > 0)
    .map((workload) => ({
      value: `${workload.kind}/${workload.name}`,
      namespace: workload.namespace,
      fills: { podLabels: labelsText(workload.podLabels), ports: portsText(workloadPorts(workload, workspace)) },
    }));
}

/** The most common of the namespaces given, or the default namespace when there are none. */
export function likelyNamespace(namespaces: readonly string[], settings: AnalysisSettings): string {
  const counts = new Map<string, number>();
  for (const namespace of namespaces) counts.set(namespace, (counts.get(namespace) ?? 0) + 1);
  let best = settings.cluster.defaultNamespace;
  let bestCount = 0;
  for (const [namespace, count] of counts) if (count > bestCount) [best, bestCount] = [namespace, count];
  return best;
}

/** Option defaults that come from the settings: the cluster's CIDRs (when they are usable as written). */
export function settingsDefaults(settings: AnalysisSettings): Record<string, string> {
  const out: Record<string, string> = {};
  const usable = (cidrs: readonly string[]) => (parseCidrs(cidrs.join(', ')).ok ? cidrs.join(', ') : '');
  if (settings.cluster.serviceCIDRs.length) out.serviceCidrs = usable(settings.cluster.serviceCIDRs);
  if (settings.cluster.podCIDRs.length) out.podCidrs = usable(settings.cluster.podCIDRs);
  return out;
}
