import { describe, expect, it } from 'vitest';
import { codes, diagnose, reported } from '../../helpers';
import { adminRules, cnp } from './helpers';

/**
 * ClusterNetworkPolicy v1alpha2 as the API server validates it with the CRDs of
 * network-policy-api v0.2.0: each bound and rule on both sides, with the API server's paths.
 */

const experimental = { channel: 'experimental' as const };

const ingress = (rule: string) => adminRules(`ingress:\n${rule}`);
const egress = (rule: string) => adminRules(`egress:\n${rule}`);

describe('a valid ClusterNetworkPolicy', () => {
  it('has no diagnostic', () => {
    const text = cnp(`
      tier: Admin
      priority: 10
      subject:
        pods:
          namespaceSelector: {matchLabels: {team: shop}}
          podSelector: {matchLabels: {app: web}}
      ingress:
        - name: allow-monitoring
          action: Accept
          from:
            - namespaces: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
          protocols:
            - tcp: {destinationPort: {number: 9090}}
            - udp: {destinationPort: {range: {start: 5000, end: 5100}}}
            - sctp: {destinationPort: {number: 9003}}
            - destinationNamedPort: metrics
      egress:
        - action: Deny
          to:
            - networks: [10.0.0.0/8, "fd00::/8", 10.1.2.3/16]
            - pods: {podSelector: {}}
    `);
    expect(diagnose(text)).toEqual([]);
  });
  it('is not a NetworkPolicy: no NetworkPolicy rule runs on it', () => {
    expect(codes(cnp('tier: Baseline\npriority: 0\nsubject: {namespaces: {}}'))).toEqual([]);
  });
});

describe('cluster-tier', () => {
  it.each(['Admin', 'Baseline'])('accepts %s', (tier) => {
    expect(codes(cnp(`tier: ${tier}\npriority: 1\nsubject: {namespaces: {}}`))).toEqual([]);
  });
  it.each([
    ['admin', 'Admin'],
    ['BASELINE', 'Baseline'],
  ])('rejects %s with the case fix', (tier, suggestion) => {
    const [d] = diagnose(cnp(`tier: ${tier}\npriority: 1\nsubject: {namespaces: {}}`)).filter((x) => x.code === 'cluster-tier');
    expect(d?.path).toBe('spec.tier');
    expect(d?.text).toBe(tier);
    expect(d?.message).toBe(
      `Unsupported value: "${tier}": supported values: "Admin", "Baseline". Tiers are case-sensitive: write "${suggestion}"`,
    );
  });
  it('rejects a tier that is no tier', () => {
    expect(reported(cnp('tier: NetworkPolicy\npriority: 1\nsubject: {namespaces: {}}'), 'cluster-tier')).toEqual([
      'spec.tier => NetworkPolicy',
    ]);
  });
  it('requires the tier, pointing at spec', () => {
    const [d] = diagnose(cnp('priority: 1\nsubject: {namespaces: {}}')).filter((x) => x.code === 'cluster-tier');
    expect(d?.path).toBe('spec.tier');
    expect(d?.text).toBe('spec');
    expect(d?.message).toMatch(/^Required value\. Add tier: Admin/);
  });
  it('reports a number both as a type error and as an unsupported value', () => {
    const found = diagnose(cnp('tier: 5\npriority: 1\nsubject: {namespaces: {}}'));
    expect(found.map((d) => `${d.code} ${d.message.split('. ')[0]!}`)).toEqual(
      expect.arrayContaining([
        'invalid-type Invalid value: "integer": spec.tier in body must be of type string: "integer"',
        'cluster-tier Unsupported value: 5: supported values: "Admin", "Baseline"',
      ]),
    );
  });
});

describe('cluster-priority', () => {
  it.each(['0', '1000', '500'])('accepts %s', (priority) => {
    expect(codes(cnp(`tier: Admin\npriority: ${priority}\nsubject: {namespaces: {}}`))).toEqual([]);
  });
  it('rejects 1001 exactly as kubectl prints it', () => {
    const [d] = diagnose(cnp('tier: Admin\npriority: 1001\nsubject: {namespaces: {}}'));
    expect(d?.code).toBe('cluster-priority');
    expect(d?.path).toBe('spec.priority');
    expect(d?.message).toBe(
      'Invalid value: 1001: spec.priority in body should be less than or equal to 1000. The priority is 0 to 1000; lower numbers are evaluated first',
    );
  });
  it('rejects -1', () => {
    const [d] = diagnose(cnp('tier: Admin\npriority: -1\nsubject: {namespaces: {}}'));
    expect(d?.message).toMatch(/^Invalid value: -1: spec\.priority in body should be greater than or equal to 0\./);
  });
  it('requires the priority', () => {
    expect(reported(cnp('tier: Admin\nsubject: {namespaces: {}}'), 'cluster-priority')).toEqual(['spec.priority => spec']);
  });
  it('rejects a quoted number as a string', () => {
    const [d] = diagnose(cnp('tier: Admin\npriority: "5"\nsubject: {namespaces: {}}')).filter((x) => x.code === 'invalid-type');
    expect(d?.message).toBe('Invalid value: "string": spec.priority in body must be of type integer: "string"');
  });
  it('rejects a fraction against the int32 format, and from 1.36 its range check too', () => {
    const text = cnp('tier: Admin\npriority: 1.5\nsubject: {namespaces: {}}');
    expect(diagnose(text).map((d) => `${d.path} ${d.message}`)).toEqual(
      expect.arrayContaining([
        'spec.priority Invalid value: "double": spec.priority in body must be of type int32: "double"',
        ' Invalid value: "": Checked value must be of type integer with format int32 in spec.priority',
      ]),
    );
    expect(diagnose(text, { k8s: '1.35' }).map((d) => d.message)).not.toContain(
      'Invalid value: "": Checked value must be of type integer with format int32 in spec.priority',
    );
  });
  it('rejects a boolean against the int32 format', () => {
    const [d] = diagnose(cnp('tier: Admin\npriority: true\nsubject: {namespaces: {}}')).filter((x) => x.code === 'invalid-type');
    expect(d?.message).toBe('Invalid value: "": spec.priority in body must be of type int32: ""');
  });
  it('reports a number beyond int32 as out of range (1.36) and above the maximum', () => {
    const found = diagnose(cnp('tier: Admin\npriority: 3000000000\nsubject: {namespaces: {}}'));
    expect(found.map((d) => d.code).sort()).toEqual(['cluster-priority', 'invalid-type']);
  });
});

describe('cluster-subject', () => {
  it.each(['{namespaces: {}}', '{pods: {podSelector: {}}}', '{pods: {namespaceSelector: {}, podSelector: {}}}'])(
    'accepts %s',
    (subject) => {
      expect(codes(cnp(`tier: Admin\npriority: 1\nsubject: ${subject}`))).toEqual([]);
    },
  );
  it('rejects an empty subject', () => {
    const [d] = diagnose(cnp('tier: Admin\npriority: 1\nsubject: {}')).filter((x) => x.code === 'cluster-subject');
    expect(d?.message).toMatch(
      /^Invalid value: 0: spec\.subject in body should have at least 1 properties\. Set exactly one of namespaces or pods/,
    );
  });
  it('rejects both namespaces and pods', () => {
    const [d] = diagnose(cnp('tier: Admin\npriority: 1\nsubject: {namespaces: {}, pods: {podSelector: {}}}')).filter(
      (x) => x.code !== 'cluster-rules-not-checked',
    );
    expect(d?.code).toBe('cluster-subject');
    expect(d?.message).toMatch(/^Too many: 2: must have at most 1 item\. /);
  });
  it('counts a null field as absent (nulls are pruned)', () => {
    expect(reported(cnp('tier: Admin\npriority: 1\nsubject: {namespaces: null}'), 'cluster-subject')).toEqual([
      'spec.subject => {namespaces: null}',
    ]);
  });
  it('requires the pod selector of pods (the namespace selector is optional in v1alpha2)', () => {
    expect(reported(cnp('tier: Admin\npriority: 1\nsubject: {pods: {namespaceSelector: {}}}'), 'cluster-subject')).toEqual([
      'spec.subject.pods.podSelector => pods',
    ]);
  });
  it('requires a subject', () => {
    expect(reported(cnp('tier: Admin\npriority: 1'), 'cluster-subject')).toEqual(['spec.subject => spec']);
  });
});

describe('cluster-action', () => {
  it.each(['Accept', 'Deny', 'Pass'])('accepts %s', (action) => {
    expect(codes(ingress(`  - {action: ${action}, from: [{namespaces: {}}]}`))).toEqual([]);
  });
  it('rejects the v1alpha1 Allow, suggesting Accept', () => {
    const [d] = diagnose(ingress('  - {action: Allow, from: [{namespaces: {}}]}')).filter((x) => x.code !== 'cluster-rules-not-checked');
    expect(d?.code).toBe('cluster-action');
    expect(d?.message).toBe(
      'Unsupported value: "Allow": supported values: "Accept", "Deny", "Pass". In v1alpha2 the action that admits traffic is "Accept" (v1alpha1 called it "Allow")',
    );
  });
  it('rejects a wrong case with its fix', () => {
    const [d] = diagnose(egress('  - {action: deny, to: [{namespaces: {}}]}')).filter((x) => x.code === 'cluster-action');
    expect(d?.path).toBe('spec.egress[0].action');
    expect(d?.message).toContain('write "Deny"');
  });
  it('requires an action', () => {
    expect(reported(ingress('  - {from: [{namespaces: {}}]}'), 'cluster-action')).toEqual([
      'spec.ingress[0].action => {from: [{namespaces: {}}]}',
    ]);
  });
});

describe('cluster-peer', () => {
  it.each(['{namespaces: {}}', '{pods: {podSelector: {}}}'])('accepts the ingress peer %s', (peer) => {
    expect(codes(ingress(`  - {action: Deny, from: [${peer}]}`))).toEqual([]);
  });
  it('accepts a networks egress peer', () => {
    expect(codes(egress('  - {action: Deny, to: [{networks: [0.0.0.0/0]}]}'))).toEqual([]);
  });
  it('rejects an empty peer', () => {
    expect(reported(ingress('  - {action: Deny, from: [{}]}'), 'cluster-peer')).toEqual(['spec.ingress[0].from[0] => {}']);
  });
  it('rejects two fields in one peer', () => {
    const found = diagnose(egress('  - {action: Deny, to: [{namespaces: {}, networks: [10.0.0.0/8]}]}'));
    expect(found.map((d) => `${d.code} ${d.path} ${d.message.split('.')[0]!}`)).toContain(
      'cluster-peer spec.egress[0].to[0] Too many: 2: must have at most 1 item',
    );
  });
  it('has no networks in ingress', () => {
    expect(codes(ingress('  - {action: Deny, from: [{networks: [10.0.0.0/8]}]}'))).toEqual(['cluster-peer', 'unknown-field']);
  });
  it('requires the pod selector of a pods peer', () => {
    expect(reported(ingress('  - {action: Deny, from: [{pods: {namespaceSelector: {}}}]}'), 'cluster-peer')).toEqual([
      'spec.ingress[0].from[0].pods.podSelector => pods',
    ]);
  });
});

describe('cluster-rule-count', () => {
  const rules = (n: number) => Array.from({ length: n }, () => '  - {action: Deny, from: [{namespaces: {}}]}').join('\n');
  it('accepts 25 ingress rules', () => {
    expect(codes(ingress(rules(25)))).toEqual([]);
  });
  it('rejects 26 ingress rules', () => {
    const [d] = diagnose(ingress(rules(26))).filter((x) => x.code === 'cluster-rule-count');
    expect(d?.path).toBe('spec.ingress');
    expect(d?.message).toBe('Too many: 26: must have at most 25 items');
  });
  it('rejects an empty from', () => {
    const [d] = diagnose(ingress('  - {action: Deny, from: []}'));
    expect(d?.code).toBe('cluster-rule-count');
    expect(d?.message).toBe(
      'Invalid value: 0: spec.ingress[0].from in body should have at least 1 items. List at least one item, or leave the field out',
    );
  });
  it('accepts 25 peers and rejects 26', () => {
    const peers = (n: number) => Array.from({ length: n }, () => '{namespaces: {}}').join(', ');
    expect(codes(ingress(`  - {action: Deny, from: [${peers(25)}]}`))).toEqual([]);
    expect(reported(ingress(`  - {action: Deny, from: [${peers(26)}]}`), 'cluster-rule-count').map((r) => r.split(' => ')[0])).toEqual([
      'spec.ingress[0].from',
    ]);
  });
  it('rejects an empty protocols list', () => {
    expect(reported(ingress('  - {action: Deny, from: [{namespaces: {}}], protocols: []}'), 'cluster-rule-count')).toEqual([
      'spec.ingress[0].protocols => []',
    ]);
  });
});

describe('cluster-protocol', () => {
  const withProtocol = (protocol: string) => ingress(`  - action: Deny\n    from: [{namespaces: {}}]\n    protocols:\n      - ${protocol}`);
  it.each([
    '{tcp: {destinationPort: {number: 80}}}',
    '{udp: {destinationPort: {range: {start: 1, end: 2}}}}',
    '{destinationNamedPort: web}',
  ])('accepts %s', (protocol) => {
    expect(codes(withProtocol(protocol))).toEqual([]);
  });
  it('rejects two protocols in one item', () => {
    const [d] = diagnose(withProtocol('{tcp: {destinationPort: {number: 80}}, udp: {destinationPort: {number: 53}}}')).filter(
      (x) => x.code !== 'cluster-rules-not-checked',
    );
    expect(d?.code).toBe('cluster-protocol');
    expect(d?.message).toBe(
      'Too many: 2: must have at most 1 item. Each protocols item sets exactly one of tcp, udp, sctp or destinationNamedPort: write one item per protocol',
    );
  });
  it('rejects a protocol without destinationPort: every port of TCP cannot be written that way', () => {
    const [d] = diagnose(withProtocol('{tcp: {}}'));
    expect(d?.path).toBe('spec.ingress[0].protocols[0].tcp');
    expect(d?.message).toContain(
      'should have at least 1 properties. Give a destinationPort; to match every TCP port write a range from 1 to 65535',
    );
  });
  it('rejects a destinationPort with both number and range, and with neither', () => {
    expect(reported(withProtocol('{tcp: {destinationPort: {number: 80, range: {start: 1, end: 2}}}}'), 'cluster-protocol')).toEqual([
      'spec.ingress[0].protocols[0].tcp.destinationPort => {number: 80, range: {start: 1, end: 2}}',
    ]);
    expect(reported(withProtocol('{tcp: {destinationPort: {}}}'), 'cluster-protocol')).toEqual([
      'spec.ingress[0].protocols[0].tcp.destinationPort => {}',
    ]);
  });
});

describe('cluster-port-number', () => {
  const port = (number: string) =>
    ingress(`  - {action: Deny, from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: ${number}}}}]}`);
  it.each(['1', '65535'])('accepts %s', (number) => {
    expect(codes(port(number))).toEqual([]);
  });
  it.each(['0', '65536'])('rejects %s', (number) => {
    expect(reported(port(number), 'cluster-port-number')).toEqual([`spec.ingress[0].protocols[0].tcp.destinationPort.number => ${number}`]);
  });
  it('bounds the range ends too', () => {
    const text = ingress(
      '  - {action: Deny, from: [{namespaces: {}}], protocols: [{udp: {destinationPort: {range: {start: 0, end: 70000}}}}]}',
    );
    expect(reported(text, 'cluster-port-number')).toEqual([
      'spec.ingress[0].protocols[0].udp.destinationPort.range.start => 0',
      'spec.ingress[0].protocols[0].udp.destinationPort.range.end => 70000',
    ]);
  });
});

describe('cluster-port-range (CEL: self.start < self.end)', () => {
  const range = (start: number, end: number) =>
    ingress(`  - {action: Deny, from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {range: {start: ${start}, end: ${end}}}}}]}`);
  it('accepts start < end', () => {
    expect(codes(range(1, 2))).toEqual([]);
  });
  it.each([
    [2, 2],
    [3, 2],
  ])('rejects start %d, end %d with the CRD message', (start, end) => {
    const [d] = diagnose(range(start, end));
    expect(d?.code).toBe('cluster-port-range');
    expect(d?.path).toBe('spec.ingress[0].protocols[0].tcp.destinationPort.range');
    expect(d?.message).toBe(
      'Invalid value: Start port must be less than End port. The range must hold at least two ports (start < end); for one port use number',
    );
  });
  it('printed the type of the object before Kubernetes 1.35', () => {
    expect(diagnose(range(3, 2), { k8s: '1.34' })[0]?.message).toMatch(/^Invalid value: "object": Start port must be less than End port/);
  });
  it('requires both ends', () => {
    expect(
      reported(
        ingress('  - {action: Deny, from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {range: {start: 1}}}}]}'),
        'cluster-port-range',
      ),
    ).toEqual(['spec.ingress[0].protocols[0].tcp.destinationPort.range.end => range']);
  });
});

describe('cluster-networks', () => {
  const networks = (...cidrs: string[]) =>
    egress(`  - {action: Deny, to: [{networks: [${cidrs.map((c) => JSON.stringify(c)).join(', ')}]}]}`);
  it.each(['10.0.0.0/8', '10.0.0.1/8', '0.0.0.0/0', '::/0', 'fd00::/8', '2001:db8::1/64', '0000:0000:0000:0000:0000:0000:0000:0000/128'])(
    'accepts %s (isCIDR allows host bits)',
    (cidr) => {
      expect(codes(networks(cidr))).toEqual([]);
    },
  );
  it.each([
    '10.0.0.0/33',
    '010.0.0.0/8',
    '10.0.0.0/08',
    '10.0.0.0',
    '::ffff:10.0.0.0/104',
    'fe80::1%eth0/64',
    '10.0.0.0/+8',
    'a.b.c.d/8',
    '',
  ])('rejects %s with the CEL message', (cidr) => {
    const [d] = diagnose(networks(cidr));
    expect(d?.code).toBe('cluster-networks');
    expect(d?.message).toMatch(/^Invalid value: ".*": Invalid CIDR format provided\./);
  });
  it('accepts 43 characters and refuses 44 (maxLength), which then blocks the CEL rules', () => {
    const cidr44 = '0000:0000:0000:0000:0000:0000:0000:0000/0128';
    const found = diagnose(networks(cidr44));
    expect(found.map((d) => d.code)).toEqual(['cluster-rules-not-checked', 'cluster-networks']);
    expect(found[1]?.message).toBe('Too long: may not be more than 43 bytes');
  });
  it('reports a duplicate once, at its second appearance', () => {
    expect(reported(networks('10.0.0.0/8', '10.0.0.0/8', '10.0.0.0/8'), 'cluster-networks')).toEqual([
      'spec.egress[0].to[0].networks[1] => "10.0.0.0/8"',
    ]);
  });
  it('accepts 25 CIDRs and rejects 26', () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `10.${i}.0.0/16`);
    expect(codes(networks(...list(25)))).toEqual([]);
    expect(diagnose(networks(...list(26))).find((d) => d.code === 'cluster-networks')?.message).toBe(
      'Too many: 26: must have at most 25 items',
    );
  });
  it('rejects an empty list', () => {
    expect(diagnose(egress('  - {action: Deny, to: [{networks: []}]}')).map((d) => d.code)).toEqual(['cluster-networks']);
  });
});

describe('cluster-domain-names (experimental)', () => {
  const names = (...list: string[]) =>
    egress(`  - {action: Accept, to: [{domainNames: [${list.map((n) => JSON.stringify(n)).join(', ')}]}]}`);
  it.each(['example.com', '*.example.com', 'example.com.', 'a_b.example.com', 'xn--bcher-kva.example', '[.com', '^a.b'])(
    'accepts %s (the pattern as the CRD writes it: [a-zA-z0-9] spans [, \\, ], ^, _ and `)',
    (name) => {
      expect(codes(names(name), experimental)).toEqual([]);
    },
  );
  it.each(['example', '*.', '*example.com', 'ex ample.com', '-a.com', 'a-.com', '*.*.com', 'a..com'])(
    'rejects %s with the pattern',
    (name) => {
      const [d] = diagnose(names(name), experimental);
      expect(d?.code).toBe('cluster-domain-names');
      expect(d?.message).toContain(
        "in body should match '^(\\*\\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.?$'",
      );
    },
  );
  it('is an unknown field in the standard channel, with the channel setting named', () => {
    const [d] = diagnose(names('example.com')).filter((x) => x.code === 'unknown-field');
    expect(d?.path).toBe('spec.egress[0].to[0].domainNames');
    expect(d?.message).toContain('netpol.networkPolicyAPI.channel');
  });
  it('rejects duplicates', () => {
    expect(reported(names('a.com', 'a.com'), 'cluster-domain-names', experimental)).toEqual([
      'spec.egress[0].to[0].domainNames[1] => "a.com"',
    ]);
  });
});

describe('cluster-named-port-peers (experimental CEL rule)', () => {
  const rule = (peer: string) => egress(`  - action: Accept\n    to: [${peer}]\n    protocols: [{destinationNamedPort: web}]`);
  it('is rejected only by the experimental CRD', () => {
    const text = rule('{networks: [10.0.0.0/8]}');
    expect(codes(text)).toEqual([]);
    const [d] = diagnose(text, experimental);
    expect(d?.code).toBe('cluster-named-port-peers');
    expect(d?.path).toBe('spec.egress[0]');
    expect(d?.message).toMatch(
      /^Invalid value: networks\/nodes\/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks\/nodes\/domainNames\./,
    );
  });
  it.each(['{nodes: {}}', '{domainNames: [a.com]}'])('covers %s', (peer) => {
    expect(codes(rule(peer), experimental)).toEqual(['cluster-named-port-peers']);
  });
  it('accepts a named port towards pods, and a numbered port towards networks', () => {
    expect(codes(rule('{pods: {podSelector: {}}}'), experimental)).toEqual([]);
    expect(
      codes(
        egress('  - {action: Accept, to: [{networks: [10.0.0.0/8]}], protocols: [{tcp: {destinationPort: {number: 443}}}]}'),
        experimental,
      ),
    ).toEqual([]);
  });
});

describe('cluster-rule-name', () => {
  it('accepts 100 characters and rejects 101', () => {
    const named = (n: number) => ingress(`  - {name: ${'r'.repeat(n)}, action: Deny, from: [{namespaces: {}}]}`);
    expect(codes(named(100))).toEqual([]);
    const found = diagnose(named(101));
    expect(found.find((d) => d.code === 'cluster-rule-name')?.message).toBe(
      'Too long: may not be more than 100 bytes. Rule names are at most 100 characters',
    );
  });
  it('counts characters, not bytes', () => {
    expect(codes(ingress(`  - {name: ${'é'.repeat(100)}, action: Deny, from: [{namespaces: {}}]}`))).toEqual([]);
  });
});

describe('blocking errors (the API server skips the CEL rules)', () => {
  it('does not report a CEL rule while an enum error stands, and says so', () => {
    const text = cnp(`
      tier: admin
      priority: 1
      subject: {namespaces: {}}
      egress:
        - {action: Deny, to: [{networks: [10.0.0.0/33]}]}
    `);
    const found = diagnose(text);
    expect(found.map((d) => d.code)).toEqual(['cluster-rules-not-checked', 'cluster-tier']);
    expect(found[0]?.message).toBe(
      'Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    );
    expect(found[0]?.severity).toBe(3);
  });
  it('runs them after a non-blocking error (a bound)', () => {
    const text = cnp(`
      tier: Admin
      priority: 1001
      subject: {namespaces: {}}
      egress:
        - {action: Deny, to: [{networks: [10.0.0.0/33]}]}
    `);
    expect(codes(text)).toEqual(['cluster-priority', 'cluster-networks']);
  });
});

describe('cluster-policy-version', () => {
  it('rejects v1alpha1 for a ClusterNetworkPolicy as kubectl does', () => {
    const text = cnp('tier: Admin\npriority: 1\nsubject: {namespaces: {}}').replace('v1alpha2', 'v1alpha1');
    const [d] = diagnose(text);
    expect(d?.code).toBe('cluster-policy-version');
    expect(d?.message).toBe(
      'no matches for kind "ClusterNetworkPolicy" in version "policy.networking.k8s.io/v1alpha1". ClusterNetworkPolicy is served as policy.networking.k8s.io/v1alpha2 (network-policy-api v0.2.0)',
    );
  });
  it('requires apiVersion', () => {
    const text = cnp('tier: Admin\npriority: 1\nsubject: {namespaces: {}}').replace('apiVersion: policy.networking.k8s.io/v1alpha2\n', '');
    expect(reported(text, 'cluster-policy-version')).toEqual(['apiVersion => kind']);
  });
  it('rejects a kind in the wrong case', () => {
    const text = cnp('tier: Admin\npriority: 1\nsubject: {namespaces: {}}').replace(
      'kind: ClusterNetworkPolicy',
      'kind: clusterNetworkPolicy',
    );
    expect(reported(text, 'cluster-policy-version')).toEqual(['kind => clusterNetworkPolicy']);
  });
  it('leaves resources of the same name in other groups alone', () => {
    const text = 'apiVersion: example.com/v1\nkind: ClusterNetworkPolicy\nmetadata: {name: x}\nspec: {anything: 1}\n';
    expect(diagnose(text)).toEqual([]);
  });
});

describe('strict decoding', () => {
  it('reports v1alpha1 ports in a v1alpha2 rule, suggesting protocols', () => {
    const [d] = diagnose(ingress('  - {action: Deny, from: [{namespaces: {}}], ports: [{portNumber: {port: 80}}]}'));
    expect(d?.code).toBe('unknown-field');
    expect(d?.path).toBe('spec.ingress[0].ports');
    expect(d?.text).toBe('ports');
    expect(d?.message).toContain('In v1alpha2 ports are matched by "protocols"');
  });
  it('reports `to` in an ingress rule, suggesting from', () => {
    const found = diagnose(ingress('  - {action: Deny, to: [{namespaces: {}}]}'));
    expect(found.map((d) => d.code)).toEqual(['cluster-rules-not-checked', 'cluster-required-field', 'unknown-field']);
    expect(found[2]?.message).toMatch(/^Unknown field "to"\. Ingress rules list their sources in "from"\./);
  });
  it('drops status on create without checking it', () => {
    expect(codes(`${cnp('tier: Admin\npriority: 1\nsubject: {namespaces: {}}')}status: {anything: [1]}\n`)).toEqual([]);
  });
  it('requires spec', () => {
    const text = 'apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: x}\n';
    expect(reported(text, 'cluster-required-field')).toEqual(['spec => kind']);
  });
});

describe('metadata', () => {
  it('validates the name as a DNS subdomain', () => {
    expect(codes(cnp('tier: Admin\npriority: 1\nsubject: {namespaces: {}}', 'name: Bad_Name'))).toEqual(['metadata-name']);
  });
  it('accepts metadata.namespace, which the API server clears on a cluster-scoped object', () => {
    expect(codes(cnp('tier: Admin\npriority: 1\nsubject: {namespaces: {}}', 'name: x\nnamespace: Not_Even_Valid'))).toEqual([]);
  });
  it('makes a missing name a blocking error', () => {
    const text = cnp(
      'tier: Admin\npriority: 1\nsubject: {namespaces: {}}\negress: [{action: Deny, to: [{networks: [1.2.3.4/40]}]}]',
      'labels: {a: b}',
    );
    expect(codes(text)).toEqual(['cluster-rules-not-checked', 'metadata-name']);
  });
});

describe('lists', () => {
  it('validates the items of a typed list, which may leave out apiVersion and kind', () => {
    const text = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicyList
items:
  - metadata: {name: a}
    spec: {tier: Admin, priority: 5000, subject: {namespaces: {}}}
`;
    expect(reported(text, 'cluster-priority')).toEqual(['items[0].spec.priority => 5000']);
  });
});
