import { allowDnsEgress } from './allowDns';
import { allowFromInternet } from './allowFromInternet';
import { allowFromNamespace } from './allowFromNamespace';
import { allowSameNamespace } from './allowSameNamespace';
import { adminAllowDns, adminIsolateTenants, baselineDefaultDeny } from './clusterPolicies';
import { defaultDenyAll, defaultDenyEgress, defaultDenyIngress } from './defaultDeny';
import { isolateWorkload } from './isolateWorkload';
import { restrictEgressToCluster } from './restrictEgressToCluster';
import { threeTier } from './threeTier';
import type { PolicyTemplate } from './template';

/** Every template, in the order the wizard and `netpol generate --list` show them. */
export const TEMPLATES: readonly PolicyTemplate[] = [
  defaultDenyIngress,
  defaultDenyEgress,
  defaultDenyAll,
  allowDnsEgress,
  allowSameNamespace,
  allowFromNamespace,
  allowFromInternet,
  restrictEgressToCluster,
  isolateWorkload,
  threeTier,
  baselineDefaultDeny,
  adminAllowDns,
  adminIsolateTenants,
];

export function templateById(id: string): PolicyTemplate | undefined {
  return TEMPLATES.find((template) => template.id === id);
}
