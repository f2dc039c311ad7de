import type { RuleMeta } from '../rule';

/**
 * What the API server rejects in a ClusterNetworkPolicy, AdminNetworkPolicy or
 * BaselineAdminNetworkPolicy, by the CRD constraint that rejects it. Unknown fields and
 * values of the wrong type are reported under the shared `unknown-field` and `invalid-type`.
 */
export const CLUSTER_POLICY_API_RULES = [
  {
    id: 'cluster-policy-version',
    title: 'Cluster policy kind and apiVersion must be served',
    category: 'api',
    severity: 'error',
    description:
      'ClusterNetworkPolicy is served as policy.networking.k8s.io/v1alpha2, AdminNetworkPolicy and BaselineAdminNetworkPolicy as v1alpha1; kinds are case-sensitive.',
  },
  {
    id: 'cluster-required-field',
    title: 'Required field of a cluster policy is missing',
    category: 'api',
    severity: 'error',
    description:
      'A field the CRD requires is missing: spec, a peer list (from/to), a pod selector, a port or range bound, a selector requirement key or operator.',
  },
  {
    id: 'cluster-tier',
    title: 'tier must be Admin or Baseline',
    category: 'api',
    severity: 'error',
    description: 'A ClusterNetworkPolicy needs spec.tier, exactly Admin or Baseline.',
  },
  {
    id: 'cluster-priority',
    title: 'priority must be 0 to 1000',
    category: 'api',
    severity: 'error',
    description: 'A ClusterNetworkPolicy or AdminNetworkPolicy needs spec.priority, an integer from 0 to 1000 (lower is evaluated first).',
  },
  {
    id: 'cluster-subject',
    title: 'subject must set exactly one of namespaces or pods',
    category: 'api',
    severity: 'error',
    description: 'spec.subject needs exactly one field: namespaces (a namespace selector) or pods (a namespace and a pod selector).',
  },
  {
    id: 'cluster-peer',
    title: 'A peer must set exactly one field',
    category: 'api',
    severity: 'error',
    description:
      'Each item of from/to sets exactly one of namespaces, pods, networks (egress), nodes or domainNames (egress, experimental).',
  },
  {
    id: 'cluster-action',
    title: 'action must be one the kind supports',
    category: 'api',
    severity: 'error',
    description:
      'Every rule needs an action: Accept, Deny or Pass in a ClusterNetworkPolicy; Allow, Deny or Pass in an AdminNetworkPolicy; Allow or Deny in a BaselineAdminNetworkPolicy.',
  },
  {
    id: 'cluster-rule-count',
    title: 'Too many or too few rules, peers or ports',
    category: 'api',
    severity: 'error',
    description:
      'ingress/egress, from/to and protocols/ports have bounds: at most 25 items in a ClusterNetworkPolicy and 100 in v1alpha1 policies, and from/to/protocols/ports at least one item when present.',
  },
  {
    id: 'cluster-protocol',
    title: 'A protocols or ports item must set exactly one field',
    category: 'api',
    severity: 'error',
    description:
      'A protocols item sets exactly one of tcp, udp, sctp or destinationNamedPort, each protocol a destinationPort with number or range; a v1alpha1 ports item exactly one of portNumber, portRange or namedPort.',
  },
  {
    id: 'cluster-port-number',
    title: 'Ports must be 1 to 65535',
    category: 'api',
    severity: 'error',
    description: 'A port number, range start or range end is an integer from 1 to 65535.',
  },
  {
    id: 'cluster-port-range',
    title: 'A port range must start below its end',
    category: 'api',
    severity: 'error',
    description: 'In a ClusterNetworkPolicy a destinationPort range needs start < end (CEL rule of the CRD).',
  },
  {
    id: 'cluster-networks',
    title: 'networks must be valid, distinct CIDRs',
    category: 'api',
    severity: 'error',
    description: 'A networks peer lists 1 to 25 distinct CIDRs of at most 43 characters, each accepted by the CEL function isCIDR.',
  },
  {
    id: 'cluster-domain-names',
    title: 'domainNames must be valid, distinct domain names',
    category: 'api',
    severity: 'error',
    description:
      "A domainNames peer lists 1 to 25 distinct names matching the CRD's pattern: labels of letters, digits, '-' and '_', an optional leading '*.'.",
  },
  {
    id: 'cluster-named-port-peers',
    title: 'Named ports only towards pods (experimental CRD)',
    category: 'api',
    severity: 'error',
    description:
      'The experimental CRDs reject an egress rule with a named port and a networks, nodes or domainNames peer: those peers have no named ports.',
  },
  {
    id: 'cluster-rule-name',
    title: 'Rule names are at most 100 characters',
    category: 'api',
    severity: 'error',
    description: 'The name of an ingress or egress rule is at most 100 characters.',
  },
  {
    id: 'banp-name-default',
    title: 'A BaselineAdminNetworkPolicy must be named default',
    category: 'api',
    severity: 'error',
    description: 'The BaselineAdminNetworkPolicy CRD accepts only one object, named "default".',
  },
  {
    id: 'cluster-rules-not-checked',
    title: 'CEL rules not checked yet',
    category: 'api',
    severity: 'info',
    description:
      "The API server runs a CRD's CEL rules only when there is no type, enum, size or required-field error; more errors may appear once those are fixed.",
  },
] as const satisfies readonly RuleMeta[];
