import { CompletionItemKind } from 'vscode-languageserver-types';
import { RANK, type ItemSpec } from './items';

/** The fixed values of NetworkPolicy fields, each with what it means. */

function enumItems(values: readonly (readonly [string, string])[], present: ReadonlySet<string> = new Set()): ItemSpec[] {
  return values
    .filter(([value]) => !present.has(value))
    .map(([value, documentation]) => ({
      label: value,
      kind: CompletionItemKind.EnumMember,
      insert: value,
      documentation,
      rank: RANK.value,
    }));
}

export const API_VERSION = 'networking.k8s.io/v1';
export const KIND = 'NetworkPolicy';

export function apiVersionItems(): ItemSpec[] {
  return enumItems([[API_VERSION, 'The only served version of NetworkPolicy (`extensions/v1beta1` was removed in Kubernetes 1.16).']]);
}

export function kindItems(): ItemSpec[] {
  return enumItems([[KIND, 'A Kubernetes NetworkPolicy (with `apiVersion: networking.k8s.io/v1`).']]);
}

/** `policyTypes` items not listed yet. */
export function policyTypeItems(listed: ReadonlySet<string>): ItemSpec[] {
  return enumItems(
    [
      ['Ingress', 'The selected pods are isolated for ingress: only what an `ingress` rule allows may connect to them.'],
      ['Egress', 'The selected pods are isolated for egress: they may connect only where an `egress` rule allows (DNS included).'],
    ],
    listed,
  );
}

export function protocolItems(): ItemSpec[] {
  return enumItems([
    ['TCP', 'The default when `protocol` is omitted.'],
    ['UDP', 'DNS (port 53) needs UDP, and TCP for large answers.'],
    ['SCTP', 'Needs a network plugin that supports SCTP.'],
  ]);
}

export function operatorItems(): ItemSpec[] {
  return enumItems([
    ['In', 'The label is one of `values` (non-empty).'],
    ['NotIn', 'The label is absent or none of `values` (non-empty).'],
    ['Exists', 'The label is present, whatever its value (`values` must be empty).'],
    ['DoesNotExist', 'The label is absent (`values` must be empty).'],
  ]);
}

/** Well-known ports, offered after the workspace's own container ports. */
const COMMON_PORTS: readonly (readonly [number, string])[] = [
  [53, 'DNS (UDP and TCP)'],
  [80, 'HTTP'],
  [443, 'HTTPS'],
  [8080, 'HTTP alternate'],
  [8443, 'HTTPS alternate'],
  [22, 'SSH'],
  [25, 'SMTP'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [6379, 'Redis'],
  [27017, 'MongoDB'],
  [9092, 'Kafka'],
  [5672, 'AMQP (RabbitMQ)'],
  [9200, 'Elasticsearch'],
  [11211, 'Memcached'],
  [2379, 'etcd client'],
  [9090, 'Prometheus'],
  [4317, 'OpenTelemetry OTLP gRPC'],
];

export function commonPortItems(skip: ReadonlySet<string>): ItemSpec[] {
  return COMMON_PORTS.filter(([port]) => !skip.has(String(port))).map(([port, name]) => ({
    label: String(port),
    kind: CompletionItemKind.Value,
    insert: String(port),
    detail: name,
    rank: RANK.common,
  }));
}

/** `{}` for a selector: everything, which is what an empty selector means (unlike a missing one in a peer). */
export function emptySelectorItems(field: 'podSelector' | 'namespaceSelector', inPeer: boolean): ItemSpec[] {
  const documentation =
    field === 'namespaceSelector'
      ? 'Every namespace of the cluster (with `podSelector`, the matching pods in all of them).'
      : inPeer
        ? 'Every pod of the policy’s namespace (with `namespaceSelector`, every pod of the selected namespaces).'
        : 'The policy applies to every pod of its namespace.';
  return [{ label: '{}', kind: CompletionItemKind.Value, insert: '{}', documentation, rank: RANK.value }];
}
