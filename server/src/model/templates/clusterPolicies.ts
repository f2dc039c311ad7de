import { clusterNetworkPolicy, clusterRule, dnsAcceptRule, namespacesPeer, podsPeer } from '../clusterPolicy/recipes';
import type { JsonObject } from '../json';
import { namespaceByName } from '../recipes';
import { policyName } from './shapes';
import type { PolicyTemplate, TemplateParameter } from './template';

/**
 * Templates of cluster-wide policies (ClusterNetworkPolicy, network-policy-api v1alpha2):
 * cluster-scoped, so they take no namespace but a priority (0–1000, lower first in its tier).
 */

function priority(fallback: string, tier: 'Admin' | 'Baseline'): TemplateParameter {
  return {
    id: 'priority',
    title: 'Priority',
    description: `spec.priority: 0 to 1000; lower numbers are evaluated first among the ${tier} tier policies.`,
    kind: 'priority',
    optional: false,
    default: fallback,
  };
}

const DENY_EGRESS: TemplateParameter = {
  id: 'denyEgress',
  title: 'Deny egress too',
  description:
    'Also deny egress (to every pod and every address), with DNS to the cluster DNS pods accepted first so that name lookups keep working.',
  kind: 'boolean',
  optional: false,
  default: 'false',
};

/** Every address (networks also cover pod IPs). */
const EVERY_ADDRESS: JsonObject = { networks: ['0.0.0.0/0', '::/0'] };

export const baselineDefaultDeny: PolicyTemplate = {
  id: 'baseline-default-deny',
  title: 'Baseline: default deny for every namespace',
  description:
    'A ClusterNetworkPolicy of the Baseline tier that denies ingress from every pod to every pod of every namespace. The Baseline tier applies only to pods no NetworkPolicy selects for that direction, so it flips the cluster default to deny while any NetworkPolicy of a namespace still decides for the pods it selects. Host-network pods are neither subjects nor peers, and ingress from outside the cluster is not matched (ingress peers are pods).',
  parameters: [policyName('baseline-default-deny'), priority('1000', 'Baseline'), DENY_EGRESS],
  build(values, context) {
    const denyEgress = values.value('denyEgress', 'boolean');
    const spec: JsonObject = {
      subject: { namespaces: {} },
      ingress: [clusterRule('Deny', 'from', [namespacesPeer()], [], 'deny-all-ingress')],
      ...(denyEgress
        ? { egress: [dnsAcceptRule(context.dns), clusterRule('Deny', 'to', [namespacesPeer(), EVERY_ADDRESS], [], 'deny-all-egress')] }
        : {}),
    };
    return [{ policy: clusterNetworkPolicy(values.value('name', 'name'), 'Baseline', values.value('priority', 'priority'), spec) }];
  },
};

export const adminAllowDns: PolicyTemplate = {
  id: 'admin-allow-dns',
  title: 'Admin: always allow DNS',
  description:
    'Two ClusterNetworkPolicies of the Admin tier that no NetworkPolicy can override: every pod may send DNS queries (UDP and TCP 53) to the cluster DNS pods, and the DNS pods accept them. An egress Accept still needs the ingress of the destination to allow the traffic, hence the second policy.',
  parameters: [policyName('allow-dns'), priority('10', 'Admin')],
  build(values, context) {
    const name = values.value('name', 'name');
    const rank = values.value('priority', 'priority');
    const dnsPods = podsPeer(namespaceByName(context.dns.namespace), { matchLabels: { ...context.dns.podLabels } });
    const ports = [
      { protocol: 'UDP' as const, port: 53 },
      { protocol: 'TCP' as const, port: 53 },
    ];
    return [
      { policy: clusterNetworkPolicy(name, 'Admin', rank, { subject: { namespaces: {} }, egress: [dnsAcceptRule(context.dns)] }) },
      {
        policy: clusterNetworkPolicy(`${name}-ingress`, 'Admin', rank, {
          subject: { pods: dnsPods['pods'] as JsonObject },
          ingress: [clusterRule('Accept', 'from', [namespacesPeer()], ports, 'allow-dns')],
        }),
      },
    ];
  },
};

const TENANT_KEY: TemplateParameter = {
  id: 'tenantLabel',
  title: 'Tenant label key',
  description: 'The namespace label whose value names the tenant a namespace belongs to.',
  kind: 'labelKey',
  optional: false,
  default: 'tenant',
};

const TENANTS: TemplateParameter = {
  id: 'tenants',
  title: 'Tenants',
  description: 'The values of the tenant label, one policy each (the API has no "same label value" selector).',
  kind: 'labelValues',
  optional: false,
};

export const adminIsolateTenants: PolicyTemplate = {
  id: 'admin-isolate-tenants',
  title: 'Admin: isolate namespaces by a tenant label',
  description:
    'One ClusterNetworkPolicy of the Admin tier per tenant: the pods of the namespaces of a tenant deny ingress from the namespaces labelled with another tenant, and no NetworkPolicy can override it. Traffic within a tenant, and from namespaces without the label (shared services), is left to the NetworkPolicies and the Baseline tier.',
  parameters: [policyName('isolate-tenant'), priority('50', 'Admin'), TENANT_KEY, TENANTS],
  build(values) {
    const prefix = values.value('name', 'name');
    const rank = values.value('priority', 'priority');
    const key = values.value('tenantLabel', 'labelKey');
    return values.value('tenants', 'labelValues').map((tenant) => ({
      policy: clusterNetworkPolicy(`${prefix}-${tenant.toLowerCase().replace(/[^a-z0-9.-]/g, '-')}`, 'Admin', rank, {
        subject: { namespaces: { matchLabels: { [key]: tenant } } },
        ingress: [
          clusterRule(
            'Deny',
            'from',
            [
              namespacesPeer({
                matchExpressions: [
                  { key, operator: 'NotIn', values: [tenant] },
                  { key, operator: 'Exists' },
                ],
              }),
            ],
            [],
            'deny-other-tenants',
          ),
        ],
      }),
    }));
  },
};
