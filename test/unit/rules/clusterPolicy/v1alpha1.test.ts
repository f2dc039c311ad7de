import { describe, expect, it } from 'vitest';
import { codes, diagnose, reported } from '../../helpers';
import { anp, banp } from './helpers';

/**
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy v1alpha1 as the API server validates
 * them with the CRDs of network-policy-api release-0.1 (v0.1.x).
 */

const experimental = { channel: 'experimental' as const };
const adminIngress = (rule: string) => anp(`priority: 5\nsubject: {namespaces: {}}\ningress:\n${rule}`);
const adminEgress = (rule: string) => anp(`priority: 5\nsubject: {namespaces: {}}\negress:\n${rule}`);
const baselineEgress = (rule: string) => banp(`subject: {namespaces: {}}\negress:\n${rule}`);
const withoutPlaceholder = (text: string, options = {}) => diagnose(text, options).filter((d) => d.code !== 'cluster-rules-not-checked');

describe('valid v1alpha1 policies', () => {
  it('accept an AdminNetworkPolicy with every kind of port and peer', () => {
    const text = anp(`
      priority: 0
      subject:
        pods:
          namespaceSelector: {matchLabels: {team: shop}}
          podSelector: {}
      ingress:
        - name: allow-monitoring
          action: Allow
          from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]
          ports:
            - portNumber: {protocol: TCP, port: 9090}
            - portNumber: {port: 8080}
            - portRange: {protocol: UDP, start: 5000, end: 5100}
      egress:
        - action: Pass
          to: [{networks: [10.0.0.0/8]}, {pods: {namespaceSelector: {}, podSelector: {}}}]
    `);
    expect(diagnose(text)).toEqual([]);
  });
  it('accept the BaselineAdminNetworkPolicy named default', () => {
    expect(diagnose(banp('subject: {namespaces: {}}\ningress: [{action: Deny, from: [{namespaces: {}}]}]'))).toEqual([]);
  });
});

describe('cluster-priority (AdminNetworkPolicy)', () => {
  it.each(['0', '1000'])('accepts %s', (priority) => {
    expect(codes(anp(`priority: ${priority}\nsubject: {namespaces: {}}`))).toEqual([]);
  });
  it.each(['-1', '1001'])('rejects %s', (priority) => {
    expect(reported(anp(`priority: ${priority}\nsubject: {namespaces: {}}`), 'cluster-priority')).toEqual([`spec.priority => ${priority}`]);
  });
  it('is required', () => {
    expect(reported(anp('subject: {namespaces: {}}'), 'cluster-priority')).toEqual(['spec.priority => spec']);
  });
  it('does not exist in a BaselineAdminNetworkPolicy', () => {
    const [d] = withoutPlaceholder(banp('priority: 1\nsubject: {namespaces: {}}'));
    expect(d?.code).toBe('unknown-field');
    expect(d?.message).toContain('A BaselineAdminNetworkPolicy has no priority');
  });
  it('has no tier: the kind is the tier', () => {
    expect(withoutPlaceholder(anp('tier: Admin\npriority: 1\nsubject: {namespaces: {}}'))[0]?.message).toContain('its kind is its tier');
  });
});

describe('cluster-subject (v1alpha1)', () => {
  it('requires both selectors of pods', () => {
    expect(reported(anp('priority: 1\nsubject: {pods: {podSelector: {}}}'), 'cluster-subject')).toEqual([
      'spec.subject.pods.namespaceSelector => pods',
    ]);
  });
  it('rejects both namespaces and pods', () => {
    expect(reported(banp('subject: {namespaces: {}, pods: {namespaceSelector: {}, podSelector: {}}}'), 'cluster-subject')).toEqual([
      'spec.subject => {namespaces: {}, pods: {namespaceSelector: {}, podSelector: {}}}',
    ]);
  });
  it('rejects an empty subject', () => {
    expect(codes(banp('subject: {}'))).toEqual(['cluster-subject']);
  });
});

describe('cluster-action (v1alpha1)', () => {
  it.each(['Allow', 'Deny', 'Pass'])('accepts %s in an AdminNetworkPolicy', (action) => {
    expect(codes(adminIngress(`  - {action: ${action}, from: [{namespaces: {}}]}`))).toEqual([]);
  });
  it('rejects the v1alpha2 Accept, suggesting Allow', () => {
    const [d] = withoutPlaceholder(adminIngress('  - {action: Accept, from: [{namespaces: {}}]}'));
    expect(d?.message).toBe(
      'Unsupported value: "Accept": supported values: "Allow", "Deny", "Pass". In v1alpha1 the action that admits traffic is "Allow" ("Accept" is its v1alpha2 name)',
    );
  });
  it.each(['Allow', 'Deny'])('accepts %s in a BaselineAdminNetworkPolicy', (action) => {
    expect(codes(baselineEgress(`  - {action: ${action}, to: [{namespaces: {}}]}`))).toEqual([]);
  });
  it('rejects Pass in a BaselineAdminNetworkPolicy', () => {
    const [d] = withoutPlaceholder(baselineEgress('  - {action: Pass, to: [{namespaces: {}}]}'));
    expect(d?.code).toBe('cluster-action');
    expect(d?.message).toMatch(/^Unsupported value: "Pass": supported values: "Allow", "Deny"\. /);
  });
});

describe('cluster-rule-count (v1alpha1: up to 100)', () => {
  const rules = (n: number) => Array.from({ length: n }, () => '  - {action: Deny, from: [{namespaces: {}}]}').join('\n');
  it('accepts 100 rules and rejects 101', () => {
    expect(codes(adminIngress(rules(100)))).toEqual([]);
    expect(withoutPlaceholder(adminIngress(rules(101)))[0]?.message).toBe('Too many: 101: must have at most 100 items');
  });
  it('rejects an empty peer list and an empty ports list', () => {
    expect(codes(adminIngress('  - {action: Deny, from: []}'))).toEqual(['cluster-rule-count']);
    expect(codes(adminIngress('  - {action: Deny, from: [{namespaces: {}}], ports: []}'))).toEqual(['cluster-rule-count']);
  });
});

describe('cluster-protocol (v1alpha1 ports)', () => {
  const port = (entry: string) => adminIngress(`  - action: Deny\n    from: [{namespaces: {}}]\n    ports:\n      - ${entry}`);
  it('defaults the protocol to TCP, so portNumber needs only port', () => {
    expect(codes(port('{portNumber: {port: 80}}'))).toEqual([]);
    expect(codes(port('{portNumber: {port: 80, protocol: null}}'))).toEqual([]);
  });
  it('rejects two fields in one item', () => {
    expect(reported(port('{portNumber: {port: 80}, portRange: {start: 1, end: 2}}'), 'cluster-protocol')).toEqual([
      'spec.ingress[0].ports[0] => {portNumber: {port: 80}, portRange: {start: 1, end: 2}}',
    ]);
  });
  it('requires the port of portNumber and the ends of portRange', () => {
    expect(reported(port('{portNumber: {protocol: UDP}}'), 'cluster-protocol')).toEqual([
      'spec.ingress[0].ports[0].portNumber.port => portNumber',
    ]);
    expect(reported(port('{portRange: {start: 1}}'), 'cluster-protocol')).toEqual(['spec.ingress[0].ports[0].portRange.end => portRange']);
  });
  it('accepts any protocol string: the CRD has no enum for it', () => {
    expect(codes(port('{portNumber: {protocol: tcp, port: 80}}'))).toEqual([]);
  });
  it('accepts a range whose start is above its end: v1alpha1 has no CEL rule for it', () => {
    expect(codes(port('{portRange: {start: 90, end: 80}}'))).toEqual([]);
  });
  it('bounds the port numbers', () => {
    expect(reported(port('{portNumber: {port: 0}}'), 'cluster-port-number')).toEqual(['spec.ingress[0].ports[0].portNumber.port => 0']);
    expect(reported(port('{portRange: {start: 1, end: 65536}}'), 'cluster-port-number')).toEqual([
      'spec.ingress[0].ports[0].portRange.end => 65536',
    ]);
  });
  it('has namedPort only in the experimental channel', () => {
    expect(codes(port('{namedPort: web}'))).toEqual(['cluster-protocol', 'unknown-field']);
    expect(codes(port('{namedPort: web}'), experimental)).toEqual([]);
  });
});

describe('cluster-named-port-peers (v1alpha1, experimental)', () => {
  it('rejects a named port with a networks peer in an AdminNetworkPolicy, with the CRD message', () => {
    const text = adminEgress('  - {action: Allow, to: [{networks: [10.0.0.0/8]}], ports: [{namedPort: web}]}');
    const [d] = diagnose(text, experimental);
    expect(d?.code).toBe('cluster-named-port-peers');
    expect(d?.message).toMatch(/^Invalid value: networks\/nodes\/domainNames peer cannot be set with namedPorts/);
  });
  it('words it for networks and nodes in a BaselineAdminNetworkPolicy', () => {
    const [d] = diagnose(baselineEgress('  - {action: Allow, to: [{nodes: {}}], ports: [{namedPort: web}]}'), experimental);
    expect(d?.message).toMatch(
      /^Invalid value: networks\/nodes peer cannot be set with namedPorts since there are no namedPorts for networks\/nodes\./,
    );
  });
  it('has no domainNames in a BaselineAdminNetworkPolicy, even experimental', () => {
    const found = withoutPlaceholder(baselineEgress('  - {action: Allow, to: [{domainNames: [a.com]}]}'), experimental);
    expect(found.find((d) => d.code === 'unknown-field')?.message).toContain('A BaselineAdminNetworkPolicy has no domainNames peer');
  });
});

describe('banp-name-default', () => {
  it('rejects another name, at the root path, pointing at the name', () => {
    const [d] = diagnose(banp('subject: {namespaces: {}}', 'name: cluster-baseline'));
    expect(d?.code).toBe('banp-name-default');
    expect(d?.path).toBe('');
    expect(d?.text).toBe('cluster-baseline');
    expect(d?.message).toMatch(
      /^Invalid value: Only one baseline admin network policy with metadata\.name="default" can be created in the cluster\./,
    );
  });
  it('rejects a generated name (five random characters are appended)', () => {
    expect(codes(banp('subject: {namespaces: {}}', 'generateName: default'))).toEqual(['banp-name-default']);
  });
  it('is not checked while a blocking error stands', () => {
    expect(codes(banp('subject: {}\ningress: [{action: Pass, from: [{namespaces: {}}]}]', 'name: other'))).toEqual([
      'cluster-rules-not-checked',
      'cluster-subject',
      'cluster-action',
    ]);
  });
  it('printed the object type before 1.35', () => {
    expect(diagnose(banp('subject: {namespaces: {}}', 'name: x'), { k8s: '1.34' })[0]?.message).toMatch(
      /^Invalid value: "object": Only one/,
    );
  });
});

describe('cluster-policy-version (v1alpha1)', () => {
  it('rejects an AdminNetworkPolicy as v1alpha2 and points at the migration', () => {
    const text = anp('priority: 1\nsubject: {namespaces: {}}').replace('v1alpha1', 'v1alpha2');
    const [d] = diagnose(text);
    expect(d?.code).toBe('cluster-policy-version');
    expect(d?.message).toBe(
      'no matches for kind "AdminNetworkPolicy" in version "policy.networking.k8s.io/v1alpha2". AdminNetworkPolicy is served as policy.networking.k8s.io/v1alpha1 (network-policy-api v0.1.x); in v1alpha2 it became a ClusterNetworkPolicy with tier: Admin (quick fix: migrate to ClusterNetworkPolicy)',
    );
  });
});

describe('strict decoding (v1alpha1)', () => {
  it('reports the v1alpha2 protocols in a v1alpha1 rule, suggesting ports', () => {
    const [d] = withoutPlaceholder(
      adminIngress('  - {action: Deny, from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 80}}}]}'),
    );
    expect(d?.message).toContain('In v1alpha1 ports are matched by "ports"');
  });
  it('reports the old namespaces.namespaceSelector form', () => {
    const [d] = withoutPlaceholder(adminIngress('  - {action: Deny, from: [{namespaces: {namespaceSelector: {}}}]}'));
    expect(d?.path).toBe('spec.ingress[0].from[0].namespaces.namespaceSelector');
    expect(d?.message).toContain('"namespaces" is itself a label selector');
  });
});
