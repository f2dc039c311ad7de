import { describe, expect, expectTypeOf, it } from 'vitest';
import { ALL_RULES, isRuleId, ruleMeta } from '../../../server/src/rules/catalog';
import type { RuleData, RuleId } from '../../../server/src/rules/ruleIds';
import { diagnose, diagnoseInWorkspace, policy, type codes } from '../helpers';
import { anp, banp, cnp } from './clusterPolicy/helpers';

type Options = Parameters<typeof codes>[1];

const HEAD = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: test\n';
const port = (entry: string) => policy(`ingress: [{ ports: [${entry}] }]`);
const peer = (entry: string) => policy(`ingress: [{ from: [${entry}] }]`);
const meta = (metadata: string) => policy('podSelector: {}', metadata);
const labels = (entries: string) => policy(`podSelector: { matchLabels: { ${entries} } }`);
const expression = (entry: string) => policy(`podSelector: { matchExpressions: [${entry}] }`);

/** `levels` levels of 9 aliases each, inside managedFields[].fieldsV1 (where any JSON is fine). */
function aliasBomb(levels: number): string {
  const lines = [`${HEAD}  managedFields:`, '    - operation: Apply', '      fieldsV1:', '        a: &a [x, x, x, x, x, x, x, x, x]'];
  let previous = 'a';
  for (const name of 'bcdefghij'.slice(0, levels)) {
    lines.push(`        ${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    previous = name;
  }
  return `${lines.join('\n')}\nspec: {}\n`;
}

const SMALL = meta('name: test');

const deep = (depth: number) =>
  `${HEAD}  managedFields: [{ operation: Apply, fieldsV1: ${'['.repeat(depth)}${']'.repeat(depth)} }]\nspec: {}\n`;

/** Pods of the default namespace labelled `app: web`, with a container port named `http`. */
const WORKLOAD =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n' +
  '    spec:\n      containers:\n        - name: web\n          image: web\n          ports:\n            - name: http\n              containerPort: 80\n---\n';
/** A ClusterNetworkPolicy with this tier, priority and subject (YAML flow values), and these rules. */
const admin = (rules = '', priority = '1', subject = '{namespaces: {}}') =>
  cnp(`tier: Admin\npriority: ${priority}\nsubject: ${subject}\n${rules}`);
const cnpIngress = (rule: string) => admin(`ingress: [${rule}]`);
const cnpEgress = (rule: string) => admin(`egress: [${rule}]`);
const cnpProtocol = (protocol: string) => cnpIngress(`{action: Deny, from: [{namespaces: {}}], protocols: [${protocol}]}`);
const experimental: Options = { channel: 'experimental' };
/** A rule of every source for TCP 1 to `end`. */
const tcpRule = (action: string, end: number) =>
  `{action: ${action}, from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {range: {start: 1, end: ${end}}}}}]}`;

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ops\n  labels:\n    team: ops\n---\n';

/**
 * For every rule: a clean text at the boundary, and the nearest text the rule rejects. With
 * `workspace`, the text is validated as a file of a workspace made of it and those files.
 */
const BOUNDARIES: Record<RuleId, { accepts: string; rejects: string; options?: Options; workspace?: Record<string, string> }> = {
  'yaml-syntax': { accepts: `${HEAD}spec: { podSelector: {} }\n`, rejects: `${HEAD}spec: { podSelector: {}\n` },
  'yaml-document-separator': { accepts: `---  # first\n${HEAD}spec: {}\n`, rejects: `--- # first\n${HEAD}spec: {}\n--- {}\n` },
  'yaml-duplicate-key': { accepts: labels('a: x, b: x'), rejects: labels('a: x, a: x') },
  'yaml-conversion': { accepts: labels('a: "1.0"'), rejects: labels('a: .nan') },
  'yaml-alias-limit': { accepts: aliasBomb(1), rejects: aliasBomb(9) },
  'yaml-depth-limit': { accepts: deep(400), rejects: deep(600) },
  'helm-template': {
    accepts: policy('podSelector: {}', 'name: test\nannotations: { summary: "{{ $value }} is high" }'),
    rejects: policy('podSelector: {}', 'name: "{{ .Release.Name }}"'),
  },
  'file-too-large': { accepts: SMALL, rejects: `${SMALL}\n`, options: { maxFileSize: SMALL.length } },
  'unknown-field': { accepts: policy('podSelector: {}'), rejects: policy('podselector: {}') },
  'invalid-suppression': {
    accepts: `# netpol-disable missing-namespace\n${policy('podSelector: {}')}`,
    rejects: `# netpol-disable port-protocol\n${policy('podSelector: {}')}`,
  },
  'unknown-kind': {
    accepts: policy('podSelector: {}'),
    rejects: policy('podSelector: {}').replace('kind: NetworkPolicy', 'kind: NetworkPolcy'),
  },
  'invalid-type': { accepts: port('{ port: 80, endPort: 81 }'), rejects: port('{ port: 80, endPort: "81" }') },
  'label-value-not-string': { accepts: labels('v: "1.0"'), rejects: labels('v: 1.0') },
  'api-version': {
    accepts: policy('podSelector: {}'),
    rejects: policy('podSelector: {}').replace('networking.k8s.io/v1', 'extensions/v1beta1'),
  },
  'metadata-name': { accepts: meta(`name: ${'a'.repeat(253)}`), rejects: meta(`name: ${'a'.repeat(254)}`) },
  'metadata-namespace': {
    accepts: meta(`name: test\nnamespace: ${'a'.repeat(63)}`),
    rejects: meta(`name: test\nnamespace: ${'a'.repeat(64)}`),
  },
  'metadata-labels': {
    accepts: meta(`name: test\nlabels: { a: ${'v'.repeat(63)} }`),
    rejects: meta(`name: test\nlabels: { a: ${'v'.repeat(64)} }`),
  },
  'metadata-annotations': {
    accepts: meta('name: test\nannotations: { Example.com/A: x }'),
    rejects: meta('name: test\nannotations: { "Example.com/A B": x }'),
  },
  'metadata-owner-references': {
    accepts: meta('name: test\nownerReferences: [{ apiVersion: v1, kind: K, name: k, uid: u }]'),
    rejects: meta('name: test\nownerReferences: [{ apiVersion: v1, kind: K, name: k, uid: "" }]'),
  },
  'metadata-finalizers': { accepts: meta('name: test\nfinalizers: [example.com/x]'), rejects: meta('name: test\nfinalizers: [x]') },

  'label-key': { accepts: labels(`${'k'.repeat(63)}: v`), rejects: labels(`${'k'.repeat(64)}: v`) },
  'label-value': { accepts: labels(`k: ${'v'.repeat(63)}`), rejects: labels(`k: ${'v'.repeat(64)}`) },
  'selector-operator': { accepts: expression('{ key: k, operator: Exists }'), rejects: expression('{ key: k, operator: exists }') },
  'selector-values': {
    accepts: expression('{ key: k, operator: In, values: [v] }'),
    rejects: expression('{ key: k, operator: In, values: [] }'),
  },
  'port-protocol': { accepts: port('{ protocol: SCTP }'), rejects: port('{ protocol: sctp }') },
  'port-number': { accepts: port('{ port: 65535 }'), rejects: port('{ port: 65536 }') },
  'port-name': { accepts: port(`{ port: ${'p'.repeat(15)} }`), rejects: port(`{ port: ${'p'.repeat(16)} }`) },
  'end-port-order': { accepts: port('{ port: 80, endPort: 80 }'), rejects: port('{ port: 80, endPort: 79 }') },
  'end-port-range': { accepts: port('{ port: 80, endPort: 65535 }'), rejects: port('{ port: 80, endPort: 65536 }') },
  'end-port-requires-numeric-port': { accepts: port('{ port: 80, endPort: 90 }'), rejects: port('{ port: http, endPort: 90 }') },
  'peer-empty': { accepts: peer('{ podSelector: {} }'), rejects: peer('{}') },
  'peer-ipblock-exclusive': {
    accepts: peer('{ namespaceSelector: {}, podSelector: {} }'),
    rejects: peer('{ ipBlock: { cidr: 10.0.0.0/8 }, podSelector: {} }'),
  },
  'ipblock-cidr-required': { accepts: peer('{ ipBlock: { cidr: 0.0.0.0/0 } }'), rejects: peer('{ ipBlock: { cidr: "" } }') },
  'ipblock-cidr-invalid': { accepts: peer('{ ipBlock: { cidr: 10.0.0.0/32 } }'), rejects: peer('{ ipBlock: { cidr: 10.0.0.0/33 } }') },
  'ipblock-except-not-subset': {
    accepts: peer('{ ipBlock: { cidr: 10.0.0.0/8, except: [10.0.0.0/9] } }'),
    rejects: peer('{ ipBlock: { cidr: 10.0.0.0/8, except: [10.0.0.0/8] } }'),
  },
  'ipblock-cidr-strict': {
    accepts: peer('{ ipBlock: { cidr: 10.0.0.0/24 } }'),
    rejects: peer('{ ipBlock: { cidr: 10.0.0.1/24 } }'),
    options: { k8s: '1.36' },
  },
  'policy-types-count': { accepts: policy('policyTypes: [Egress, Egress]'), rejects: policy('policyTypes: [Ingress, Egress, Egress]') },
  'policy-types-value': { accepts: policy('policyTypes: [Ingress]'), rejects: policy('policyTypes: [ingress]') },
  'missing-namespace': { accepts: policy('podSelector: {}', 'name: test\nnamespace: web'), rejects: policy('podSelector: {}') },
  'peer-and-or-confusion': {
    accepts: peer('{ namespaceSelector: { matchLabels: { team: x } } }, { podSelector: {} }'),
    rejects: peer('{ namespaceSelector: { matchLabels: { team: x } } }, { podSelector: { matchLabels: { app: db } } }'),
  },
  'ports-split-from-peers': {
    accepts: policy('ingress: [{ ports: [{ port: 80 }] }, { from: [{ podSelector: {} }] }]'),
    rejects: policy('ingress: [{ from: [{ podSelector: {} }] }, { ports: [{ port: 80 }] }]'),
  },
  'allow-all-sources': { accepts: peer('{ ipBlock: { cidr: 0.0.0.0/1 } }'), rejects: peer('{ ipBlock: { cidr: 0.0.0.0/0 } }') },
  'all-namespaces-peer': {
    accepts: peer('{ namespaceSelector: { matchExpressions: [{ key: team, operator: Exists }] } }'),
    rejects: peer('{ namespaceSelector: { matchExpressions: [] } }'),
  },
  'rules-ignored-by-policy-types': {
    accepts: policy('policyTypes: [Ingress]\negress: []'),
    rejects: policy('policyTypes: [Ingress]\negress: [{}]'),
  },
  'implicit-policy-types': { accepts: policy('policyTypes: [Ingress]'), rejects: policy('policyTypes: []') },
  'deny-all-direction': { accepts: policy('policyTypes: [Egress]\negress: [{}]'), rejects: policy('policyTypes: [Egress]\negress: []') },
  'ipblock-pod-ip': { accepts: peer('{ ipBlock: { cidr: 10.0.0.0/31 } }'), rejects: peer('{ ipBlock: { cidr: 10.0.0.0/32 } }') },
  'redundant-rule': {
    accepts: policy('ingress: [{ ports: [{ port: 80, endPort: 90 }] }, { ports: [{ port: 90, endPort: 91 }] }]'),
    rejects: policy('ingress: [{ ports: [{ port: 80, endPort: 90 }] }, { ports: [{ port: 89, endPort: 90 }] }]'),
  },
  'dns-egress-blocked': {
    accepts: policy('egress: [{ ports: [{ protocol: UDP, port: 50, endPort: 53 }] }]'),
    rejects: policy('egress: [{ ports: [{ protocol: UDP, port: 50, endPort: 52 }] }]'),
    workspace: {},
  },
  'dns-tcp-missing': {
    accepts: policy('egress: [{ ports: [{ protocol: UDP, port: 53 }, { port: 1, endPort: 53 }] }]'),
    rejects: policy('egress: [{ ports: [{ protocol: UDP, port: 53 }, { port: 1, endPort: 52 }] }]'),
    workspace: {},
  },
  'selector-matches-nothing': {
    accepts: WORKLOAD + policy('podSelector: { matchLabels: { app: web } }'),
    rejects: WORKLOAD + policy('podSelector: { matchLabels: { app: wbe } }'),
    workspace: {},
  },
  'namespace-selector-matches-nothing': {
    accepts: NAMESPACE + peer('{ namespaceSelector: { matchLabels: { team: ops } } }'),
    rejects: NAMESPACE + peer('{ namespaceSelector: { matchLabels: { team: opps } } }'),
    workspace: {},
  },
  'named-port-not-exposed': {
    accepts: WORKLOAD + port('{ port: http }'),
    rejects: WORKLOAD + port('{ port: http, protocol: UDP }'),
    workspace: {},
  },
  'namespace-without-default-deny': {
    accepts: WORKLOAD + policy('podSelector: {}\ningress: []'),
    rejects: WORKLOAD + policy('podSelector: {}\ningress: [{}]'),
    workspace: {},
  },
  'duplicate-policy': {
    accepts: `${meta('name: test\nnamespace: a')}---\n${meta('name: test\nnamespace: b')}`,
    rejects: `${meta('name: test\nnamespace: a')}---\n${meta('name: test\nnamespace: a')}`,
    workspace: {},
  },

  'cluster-policy-version': { accepts: admin(), rejects: admin().replace('v1alpha2', 'v1alpha1') },
  'cluster-required-field': { accepts: cnpIngress('{action: Deny, from: [{namespaces: {}}]}'), rejects: cnpIngress('{action: Deny}') },
  'cluster-tier': { accepts: admin(), rejects: admin().replace('tier: Admin', 'tier: admin') },
  'cluster-priority': { accepts: admin('', '1000'), rejects: admin('', '1001') },
  'cluster-subject': { accepts: admin('', '1', '{namespaces: {}}'), rejects: admin('', '1', '{}') },
  'cluster-peer': { accepts: cnpIngress('{action: Deny, from: [{namespaces: {}}]}'), rejects: cnpIngress('{action: Deny, from: [{}]}') },
  'cluster-action': {
    accepts: cnpIngress('{action: Accept, from: [{namespaces: {}}]}'),
    rejects: cnpIngress('{action: Allow, from: [{namespaces: {}}]}'),
  },
  'cluster-rule-count': {
    accepts: cnpIngress(Array(25).fill('{action: Deny, from: [{namespaces: {}}]}').join(', ')),
    rejects: cnpIngress(Array(26).fill('{action: Deny, from: [{namespaces: {}}]}').join(', ')),
  },
  'cluster-protocol': { accepts: cnpProtocol('{tcp: {destinationPort: {number: 80}}}'), rejects: cnpProtocol('{tcp: {}}') },
  'cluster-port-number': {
    accepts: cnpProtocol('{tcp: {destinationPort: {number: 65535}}}'),
    rejects: cnpProtocol('{tcp: {destinationPort: {number: 65536}}}'),
  },
  'cluster-port-range': {
    accepts: cnpProtocol('{udp: {destinationPort: {range: {start: 79, end: 80}}}}'),
    rejects: cnpProtocol('{udp: {destinationPort: {range: {start: 80, end: 80}}}}'),
  },
  'cluster-networks': {
    accepts: cnpEgress('{action: Deny, to: [{networks: [10.0.0.0/32]}]}'),
    rejects: cnpEgress('{action: Deny, to: [{networks: [10.0.0.0/33]}]}'),
  },
  'cluster-domain-names': {
    accepts: cnpEgress('{action: Accept, to: [{domainNames: [a.b]}]}'),
    rejects: cnpEgress('{action: Accept, to: [{domainNames: [ab]}]}'),
    options: experimental,
  },
  'cluster-named-port-peers': {
    accepts: cnpEgress('{action: Accept, to: [{pods: {podSelector: {}}}], protocols: [{destinationNamedPort: web}]}'),
    rejects: cnpEgress('{action: Accept, to: [{networks: [10.0.0.0/8]}], protocols: [{destinationNamedPort: web}]}'),
    options: experimental,
  },
  'cluster-rule-name': {
    accepts: cnpIngress(`{name: ${'r'.repeat(100)}, action: Deny, from: [{namespaces: {}}]}`),
    rejects: cnpIngress(`{name: ${'r'.repeat(101)}, action: Deny, from: [{namespaces: {}}]}`),
  },
  'cluster-domain-names-action': {
    accepts: cnpEgress('{action: Accept, to: [{domainNames: [a.b]}]}'),
    rejects: cnpEgress('{action: Pass, to: [{domainNames: [a.b]}]}'),
    options: experimental,
  },
  'cluster-same-priority-overlap': {
    accepts: `${WORKLOAD}${admin('ingress: [{action: Deny, from: [{namespaces: {}}]}]')}---\n${cnp('tier: Admin\npriority: 2\nsubject: {namespaces: {}}\ningress: [{action: Accept, from: [{namespaces: {}}]}]', 'name: other')}`,
    rejects: `${WORKLOAD}${admin('ingress: [{action: Deny, from: [{namespaces: {}}]}]')}---\n${cnp('tier: Admin\npriority: 1\nsubject: {namespaces: {}}\ningress: [{action: Accept, from: [{namespaces: {}}]}]', 'name: other')}`,
    workspace: {},
  },
  'cluster-rule-shadowed': {
    accepts: WORKLOAD + cnpIngress(`${tcpRule('Deny', 65534)}, ${tcpRule('Accept', 65535)}`),
    rejects: WORKLOAD + cnpIngress(`${tcpRule('Deny', 65535)}, ${tcpRule('Accept', 65535)}`),
    workspace: {},
  },
  'cluster-networks-deny-pods': {
    accepts: WORKLOAD + cnpEgress('{action: Deny, to: [{networks: [0.0.0.0/1, 128.0.0.0/2]}]}'),
    rejects: WORKLOAD + cnpEgress('{action: Deny, to: [{networks: [0.0.0.0/1, 128.0.0.0/1]}]}'),
    workspace: {},
  },
  'cluster-baseline-unreachable': {
    accepts:
      WORKLOAD +
      cnp('tier: Baseline\npriority: 1\nsubject: {namespaces: {}}\ningress: [{action: Deny, from: [{namespaces: {}}]}]') +
      '---\n' +
      policy('podSelector: {}\npolicyTypes: [Egress]'),
    rejects:
      WORKLOAD +
      cnp('tier: Baseline\npriority: 1\nsubject: {namespaces: {}}\ningress: [{action: Deny, from: [{namespaces: {}}]}]') +
      '---\n' +
      policy('podSelector: {}\npolicyTypes: [Ingress]'),
    workspace: {},
  },
  'banp-name-default': { accepts: banp('subject: {namespaces: {}}'), rejects: banp('subject: {namespaces: {}}', 'name: defaults') },
  'cluster-rules-not-checked': {
    accepts: anp('priority: 1\nsubject: {namespaces: {}}'),
    rejects: anp('priority: "1"\nsubject: {namespaces: {}}'),
  },
};

describe('rule catalog', () => {
  it('has a boundary pair for every rule id, and no other', () => {
    expect(Object.keys(BOUNDARIES).sort()).toEqual(ALL_RULES.map((rule) => rule.id).sort());
  });

  it('has unique ids', () => {
    const ids = ALL_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('types rule ids and their data from the catalog (a misspelt id does not compile)', () => {
    // @ts-expect-error: not a rule of the catalog
    const misspelt: RuleId = 'dns-egress-blockd';
    expect(isRuleId(misspelt)).toBe(false);
    expect(isRuleId('dns-egress-blocked')).toBe(true);
    expect(ruleMeta('dns-egress-blocked').category).toBe('lint');
    expectTypeOf<RuleData<'end-port-order'>>().toEqualTypeOf<{ readonly port: number; readonly endPort: number }>();
    expectTypeOf<RuleData<'yaml-syntax'>>().toEqualTypeOf<undefined>();
  });

  describe.each(Object.entries(BOUNDARIES))('%s', (id, { accepts, rejects, options: given, workspace }) => {
    const run = (text: string, runOptions: Options) =>
      workspace ? diagnoseInWorkspace({ ...workspace, 'boundary.yaml': text }, 'boundary.yaml', runOptions) : diagnose(text, runOptions);
    // A lint is checked with itself on and the other lints off (as the helpers default to).
    const meta = ALL_RULES.find((rule) => rule.id === id);
    const options = meta?.category === 'lint' ? { ...given, severities: { [id]: meta.severity, ...given?.severities } } : given;
    it('accepts the text at the boundary', () => {
      expect(run(accepts, options).map((d) => d.code)).toEqual([]);
    });
    it('rejects the text just beyond it', () => {
      expect(run(rejects, options).map((d) => d.code)).toContain(id);
    });
    it('reports with the severity of the catalog, and can be turned off', () => {
      const severity = { error: 1, warning: 2, info: 3, hint: 4 }[meta!.severity];
      expect(run(rejects, options).find((d) => d.code === id)?.severity).toBe(severity);
      expect(run(rejects, { ...options, severities: { [id]: 'off' } }).map((d) => d.code)).not.toContain(id);
      expect(run(rejects, { ...options, severities: { [id]: 'warning' } }).find((d) => d.code === id)?.severity).toBe(2);
    });
  });
});
