import { describe, expect, it } from 'vitest';
import { CHANNELS, CLUSTER_POLICY_KINDS } from '../../../../server/src/model/clusterPolicy/api';
import { crdSchema, crdSchemaAt, type CrdSchema } from '../../../../server/src/model/clusterPolicy/crd';
import { ruleMeta } from '../../../../server/src/rules/catalog';

/** Every rule id a schema node names, with the node's path. */
function ruleIds(schema: CrdSchema, path = ''): [string, string][] {
  const own: [string, string][] = [
    ...(schema.ruleId ? [[path, schema.ruleId] as [string, string]] : []),
    ...(schema.rules ?? []).map((rule): [string, string] => [path, rule.ruleId]),
  ];
  if (schema.type === 'object')
    return [...own, ...Object.entries(schema.properties).flatMap(([key, child]) => ruleIds(child, `${path}.${key}`))];
  if (schema.type === 'array') return [...own, ...ruleIds(schema.items, `${path}[]`)];
  if (schema.type === 'map') return [...own, ...ruleIds(schema.values, `${path}{}`)];
  return own;
}

describe('the CRD schemas', () => {
  it.each(CLUSTER_POLICY_KINDS.flatMap((kind) => CHANNELS.map((channel) => [kind, channel] as const)))(
    'of %s (%s) name only rules of the catalog',
    (kind, channel) => {
      const unknown = ruleIds(crdSchema(kind, channel)).filter(([, id]) => ruleMeta(id) === undefined);
      expect(unknown).toEqual([]);
    },
  );

  it('differ between the channels only by the experimental fields and rule', () => {
    const peer = (channel: (typeof CHANNELS)[number]) =>
      crdSchemaAt(crdSchema('ClusterNetworkPolicy', channel), ['spec', 'egress', 0, 'to', 0]);
    const standard = peer('standard');
    const experimental = peer('experimental');
    expect(standard?.type === 'object' && Object.keys(standard.properties)).toEqual(['namespaces', 'pods', 'networks']);
    expect(experimental?.type === 'object' && Object.keys(experimental.properties)).toEqual([
      'namespaces',
      'pods',
      'networks',
      'nodes',
      'domainNames',
    ]);
    const rules = (channel: (typeof CHANNELS)[number]) =>
      crdSchemaAt(crdSchema('ClusterNetworkPolicy', channel), ['spec', 'egress', 0])?.rules ?? [];
    expect(rules('standard')).toEqual([]);
    expect(rules('experimental').map((r) => r.rule)).toEqual([
      '!(self.to.exists(peer, has(peer.networks) || has(peer.nodes) || has(peer.domainNames)) && has(self.protocols) && self.protocols.exists(protocol, has(protocol.destinationNamedPort)))',
    ]);
  });

  it('default a v1alpha1 port protocol to TCP', () => {
    const protocol = crdSchemaAt(crdSchema('AdminNetworkPolicy', 'standard'), ['spec', 'ingress', 0, 'ports', 0, 'portNumber', 'protocol']);
    expect(protocol?.type === 'string' && protocol.default).toBe('TCP');
  });

  it('keep the domain name pattern exactly as the CRD writes it', () => {
    const name = crdSchemaAt(crdSchema('ClusterNetworkPolicy', 'experimental'), ['spec', 'egress', 0, 'to', 0, 'domainNames', 0]);
    expect(name?.type === 'string' && name.pattern?.source).toBe(
      '^(\\*\\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.?$',
    );
  });
});
