import type { Protocol } from '../semantics';

/**
 * The kinds of values a template asks for, and their typed forms. Read from text (the
 * wizard, the command line) and checked by services/generate/options.ts.
 */

export type ParameterKind =
  | 'name'
  | 'namespace'
  | 'namespaces'
  | 'labels'
  | 'labelKey'
  | 'labelValues'
  | 'ports'
  | 'port'
  | 'cidrs'
  | 'boolean'
  | 'workload'
  | 'priority';

/** How each kind is written, for prompts and `--help`. */
export const KIND_SYNTAX: Readonly<Record<ParameterKind, string>> = {
  name: 'a lowercase name, e.g. shop',
  namespace: 'a namespace name, e.g. shop',
  namespaces: 'namespace names separated by commas, e.g. monitoring, ingress-nginx',
  labels: 'key=value pairs separated by commas, e.g. app=web, tier=frontend',
  labelKey: 'a label key, e.g. tenant or example.com/tenant',
  labelValues: 'label values separated by commas, e.g. blue, green',
  ports: 'ports separated by commas: 80, UDP/53, 8000-8080 or a named port such as http (TCP unless PROTOCOL/ is given)',
  port: 'a port number (1-65535) or a named port such as postgres',
  cidrs: 'CIDRs separated by commas, e.g. 203.0.113.0/24, 2001:db8::/32',
  boolean: 'true or false',
  workload: 'Kind/name of a workload, e.g. Deployment/web',
  priority: 'an integer from 0 (evaluated first) to 1000',
};

export type Labels = Readonly<Record<string, string>>;

/** A port as a NetworkPolicyPort writes it. */
export interface PolicyPort {
  readonly protocol: Protocol;
  readonly port: number | string;
  readonly endPort?: number;
}

export interface WorkloadName {
  readonly kind: string;
  readonly name: string;
}
