import type { WorkloadObject } from '../../model/objects';
import type { Protocol, SemanticRule } from '../../model/semantics';
import type { PolicyLint } from '../lint';
import { knownNamespaces, peerNamespaces, workloadsMatching } from '../../model/workspaceQueries';

/** A named port that no container of the pods it is resolved on declares. */
export const namedPortNotExposed: PolicyLint<
  'named-port-not-exposed',
  { readonly port: string; readonly protocol: Protocol; readonly declared: readonly { readonly name: string; readonly protocol: string }[] }
> = {
  meta: {
    id: 'named-port-not-exposed',
    title: 'Named port not declared by the pods',
    category: 'lint',
    severity: 'warning',
    description:
      'A named port (with its protocol) that no container of the workloads it applies to declares, so the port entry matches no traffic to them.',
  },
  scope: 'workspace',
  check({ semantic, workspace, report }) {
    const check = (rule: SemanticRule, workloads: readonly WorkloadObject[], whose: string) => {
      if (rule.ports === 'all' || workloads.length === 0) return;
      rule.ports.forEach((range, j) => {
        const name = range.port;
        if (typeof name !== 'string') return;
        if (workloads.some((workload) => workload.ports.some((port) => port.name === name && port.protocol === range.protocol))) return;
        const declared = new Map<string, { name: string; protocol: string }>();
        for (const workload of workloads) {
          for (const port of workload.ports) {
            if (port.name !== undefined) declared.set(`${port.name}/${port.protocol}`, { name: port.name, protocol: port.protocol });
          }
        }
        const list = [...declared.values()].map((port) => `${JSON.stringify(port.name)} (${port.protocol})`).join(', ');
        report({
          path: ['spec', rule.direction, rule.index, 'ports', j, 'port'],
          message: `No container of ${whose} declares a ${range.protocol} port named ${JSON.stringify(name)} (${list ? `they declare ${list}` : 'they declare no named port'}): this entry allows no connection to them`,
          data: { port: name, protocol: range.protocol, declared: [...declared.values()] },
        });
      });
    };

    const subjects = workloadsMatching(workspace, semantic.namespace, semantic.subject);
    for (const rule of semantic.ingress) check(rule, subjects, 'the pods this policy selects');
    const known = knownNamespaces(workspace);
    for (const rule of semantic.egress) {
      if (rule.peers === 'any') continue;
      const destinations = new Set<WorkloadObject>();
      for (const peer of rule.peers) {
        if (peer.kind !== 'pods') continue;
        for (const namespace of peerNamespaces(peer, semantic.namespace, known))
          for (const workload of workloadsMatching(workspace, namespace, peer.pods)) destinations.add(workload);
      }
      check(rule, [...destinations], "the pods this rule's peers select");
    }
  },
};
