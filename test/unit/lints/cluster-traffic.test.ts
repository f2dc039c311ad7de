import { describe, expect, it } from 'vitest';
import { clusterPolicy, pod } from '../model/connectivity/clusterWorkspace';
import { validateText } from '../../../server/src/services/validation';
import { indexObjects, WorkspaceIndex } from '../../../server/src/services/workspace';
import { diagnoseInWorkspace, settingsFor } from '../helpers';
import { deployment, docs, lintIn, namespace, netpol, reportedIn } from './workspace';

/**
 * The traffic lints of cluster-wide policies: each is asked of the tiered connectivity model,
 * so each is tested where the tiers make the difference (an earlier priority, a NetworkPolicy,
 * the ports of a rule).
 */

const WORKLOADS = docs(
  namespace('shop', { team: 'shop' }),
  namespace('monitoring'),
  deployment('web', 'shop', { app: 'web' }, ['http/80']),
  deployment('db', 'shop', { app: 'db' }, ['sql/5432']),
  deployment('prometheus', 'monitoring', { app: 'prometheus' }),
);

const SHOP = `namespaces: { matchLabels: { kubernetes.io/metadata.name: shop } }`;
const MONITORING = `namespaces: { matchLabels: { kubernetes.io/metadata.name: monitoring } }`;

function cnp(name: string, tier: 'Admin' | 'Baseline', priority: number, subject: string, rules: string): string {
  return clusterPolicy('ClusterNetworkPolicy', name, `tier: ${tier}\npriority: ${priority}\nsubject: { ${subject} }\n${rules}`);
}

describe('cluster-same-priority-overlap', () => {
  const ID = 'cluster-same-priority-overlap';
  const deny = (priority: number) =>
    cnp('deny-monitoring', 'Admin', priority, SHOP, `ingress:\n  - { name: deny, action: Deny, from: [{ ${MONITORING} }] }`);
  const accept = (priority: number, ports = '') =>
    cnp('accept-monitoring', 'Admin', priority, SHOP, `ingress:\n  - { name: accept, action: Accept, from: [{ ${MONITORING} }]${ports} }`);

  it('reports two Admin policies of one priority that decide the same traffic differently, on both, each naming the other', () => {
    const files = { 'w.yaml': WORKLOADS, 'a.yaml': deny(10), 'b.yaml': accept(10) };
    expect(reportedIn(files, 'a.yaml', ID)).toEqual(['spec.priority => 10']);
    expect(reportedIn(files, 'b.yaml', ID)).toEqual(['spec.priority => 10']);
    const [message] = lintIn(files, 'a.yaml', ID).map((d) => d.message);
    expect(message).toBe(
      '"deny-monitoring" and "accept-monitoring" (b.yaml:3) are Admin policies of the same priority 10, whose order the API leaves undefined, and they decide some traffic differently: for monitoring/prometheus → shop/db on all ports (ingress), rule "deny" of "deny-monitoring" says Deny, rule "accept" of "accept-monitoring" says Accept. Give one of them another priority',
    );
  });

  it('names a port the two orders decide differently, within the ports the rules share', () => {
    const files = {
      'w.yaml': WORKLOADS,
      'a.yaml': deny(10),
      'b.yaml': accept(10, ', protocols: [{ udp: { destinationPort: { number: 53 } } }]'),
    };
    expect(lintIn(files, 'a.yaml', ID)[0]?.message).toMatch(/ on UDP 53 \(ingress\)/);
  });

  it('does not report different priorities, the same decision, or subjects that do not meet', () => {
    expect(reportedIn({ 'w.yaml': WORKLOADS, 'a.yaml': deny(10), 'b.yaml': accept(11) }, 'a.yaml', ID)).toEqual([]);
    const denyToo = deny(10).replace('deny-monitoring', 'deny-again');
    expect(reportedIn({ 'w.yaml': WORKLOADS, 'a.yaml': deny(10), 'b.yaml': denyToo }, 'a.yaml', ID)).toEqual([]);
    const elsewhere = accept(10).replace(SHOP, MONITORING);
    expect(reportedIn({ 'w.yaml': WORKLOADS, 'a.yaml': deny(10), 'b.yaml': elsewhere }, 'a.yaml', ID)).toEqual([]);
  });

  it('does not take a copy of the policy (the same kind and name in another file) for a rival', () => {
    const copy = deny(10).replace('action: Deny', 'action: Pass');
    expect(reportedIn({ 'w.yaml': WORKLOADS, 'a.yaml': deny(10), 'b.yaml': copy }, 'a.yaml', ID)).toEqual([]);
  });

  it('does not report traffic that a policy of a lower priority number decides first', () => {
    const first = cnp('first', 'Admin', 5, SHOP, `ingress:\n  - { action: Pass, from: [{ ${MONITORING} }] }`);
    expect(reportedIn({ 'w.yaml': WORKLOADS, 'f.yaml': first, 'a.yaml': deny(10), 'b.yaml': accept(10) }, 'a.yaml', ID)).toEqual([]);
  });
});

describe('cluster-rule-shadowed', () => {
  const ID = 'cluster-rule-shadowed';

  it('reports a rule whose traffic earlier rules of its policy already decide, naming them', () => {
    const policy = cnp(
      'defaults',
      'Admin',
      10,
      SHOP,
      `ingress:\n  - { name: deny-all, action: Deny, from: [{ namespaces: {} }] }\n  - { name: allow-monitoring, action: Accept, from: [{ ${MONITORING} }] }`,
    );
    const files = { 'w.yaml': WORKLOADS, 'p.yaml': policy };
    expect(reportedIn(files, 'p.yaml', ID)).toEqual(['spec.ingress[1] => Accept']);
    expect(lintIn(files, 'p.yaml', ID)[0]?.message).toBe(
      'Rule "allow-monitoring" never decides any traffic of the workspace: everything it matches is already decided by rule "deny-all" of "defaults" (Deny), which come first in the Admin tier. Remove it, or move it before them',
    );
  });

  it('does not report a rule that still decides some ports', () => {
    const policy = cnp(
      'defaults',
      'Admin',
      10,
      SHOP,
      `ingress:\n  - { action: Deny, from: [{ namespaces: {} }], protocols: [{ tcp: { destinationPort: { number: 80 } } }] }\n  - { action: Accept, from: [{ ${MONITORING} }] }`,
    );
    expect(reportedIn({ 'w.yaml': WORKLOADS, 'p.yaml': policy }, 'p.yaml', ID)).toEqual([]);
  });

  it('counts the policies of lower priority numbers in the tier, not those of the same priority', () => {
    const rule = `ingress:\n  - { name: accept, action: Accept, from: [{ ${MONITORING} }] }`;
    const pass = (priority: number) =>
      cnp('pass-all', 'Admin', priority, SHOP, `ingress:\n  - { name: pass, action: Pass, from: [{ namespaces: {} }] }`);
    const files = (priority: number) => ({ 'w.yaml': WORKLOADS, 'e.yaml': pass(priority), 'p.yaml': cnp('late', 'Admin', 10, SHOP, rule) });
    expect(lintIn(files(5), 'p.yaml', ID)[0]?.message).toMatch(/already decided by rule "pass" of "pass-all" \(Pass\)/);
    expect(reportedIn(files(10), 'p.yaml', ID)).toEqual([]);
  });

  it('does not report a rule that matches no workload of the workspace', () => {
    const policy = cnp(
      'defaults',
      'Admin',
      10,
      SHOP,
      `ingress:\n  - { action: Deny, from: [{ namespaces: {} }] }\n  - { action: Accept, from: [{ namespaces: { matchLabels: { kubernetes.io/metadata.name: nowhere } } }] }`,
    );
    expect(reportedIn({ 'w.yaml': WORKLOADS, 'p.yaml': policy }, 'p.yaml', ID)).toEqual([]);
  });

  it('judges networks by the addresses outside the cluster too', () => {
    const egress = (second: string) =>
      cnp(
        'egress',
        'Admin',
        10,
        SHOP,
        `egress:\n  - { action: Deny, to: [{ namespaces: {} }] }\n  - { action: Accept, to: [{ networks: [${second}] }] }`,
      );
    expect(reportedIn({ 'w.yaml': WORKLOADS, 'p.yaml': egress('0.0.0.0/0') }, 'p.yaml', ID)).toEqual([]);
  });
});

describe('cluster-networks-deny-pods', () => {
  const ID = 'cluster-networks-deny-pods';
  const denyNetworks = (cidrs: string, before = '') =>
    cnp(
      'egress-lockdown',
      'Admin',
      10,
      SHOP,
      `egress:\n${before}  - { name: deny-internet, action: Deny, to: [{ networks: [${cidrs}] }] }`,
    );

  it('reports a Deny whose networks cover every pod address, with a pair it denies', () => {
    const files = { 'w.yaml': WORKLOADS, 'p.yaml': denyNetworks('0.0.0.0/0, ::/0') };
    expect(reportedIn(files, 'p.yaml', ID)).toEqual(['spec.egress[0] => Deny']);
    expect(lintIn(files, 'p.yaml', ID)[0]?.message).toBe(
      'The networks of Deny rule "deny-internet" cover the addresses of pods, and networks peers match traffic inside the cluster too: it denies shop/db → monitoring/prometheus on all ports; it denies traffic to 3 workloads of the workspace this way. Accept the pods in an earlier rule, or narrow the networks to addresses outside the cluster',
    );
  });

  it('does not report networks that may not hold pods, and uses netpol.cluster.podCIDRs when set', () => {
    const files = { 'w.yaml': WORKLOADS, 'p.yaml': denyNetworks('10.0.0.0/8') };
    expect(reportedIn(files, 'p.yaml', ID)).toEqual([]);
    const cluster = (podCIDRs: string[]) => ({ cluster: { defaultNamespace: 'default', podCIDRs, serviceCIDRs: [] } });
    expect(reportedIn(files, 'p.yaml', ID, cluster(['10.244.0.0/16']))).toEqual(['spec.egress[0] => Deny']);
    expect(reportedIn(files, 'p.yaml', ID, cluster(['192.168.0.0/16']))).toEqual([]);
  });

  it("reads a Pod's recorded address", () => {
    const files = { 'w.yaml': WORKLOADS, 'pod.yaml': pod('shop', 'cache', { app: 'cache' }, { ip: '10.1.2.3' }) };
    expect(reportedIn({ ...files, 'p.yaml': denyNetworks('10.1.2.0/24') }, 'p.yaml', ID)).toEqual(['spec.egress[0] => Deny']);
    expect(lintIn({ ...files, 'p.yaml': denyNetworks('10.1.2.0/24') }, 'p.yaml', ID)[0]?.message).toMatch(
      /denies shop\/cache → shop\/cache on all ports\./,
    );
    expect(reportedIn({ ...files, 'p.yaml': denyNetworks('10.1.3.0/24') }, 'p.yaml', ID)).toEqual([]);
  });

  it('does not report when an earlier rule decides all traffic to the pods', () => {
    const files = { 'w.yaml': WORKLOADS, 'p.yaml': denyNetworks('0.0.0.0/0, ::/0', '  - { action: Accept, to: [{ namespaces: {} }] }\n') };
    expect(reportedIn(files, 'p.yaml', ID)).toEqual([]);
  });

  it('does not report pods the rule also names as pods', () => {
    const policy = cnp('deny', 'Admin', 10, SHOP, `egress:\n  - { action: Deny, to: [{ namespaces: {} }, { networks: [0.0.0.0/0] }] }`);
    expect(reportedIn({ 'w.yaml': WORKLOADS, 'p.yaml': policy }, 'p.yaml', ID)).toEqual([]);
  });
});

describe('cluster-baseline-unreachable', () => {
  const ID = 'cluster-baseline-unreachable';
  const baseline = cnp('default-deny', 'Baseline', 10, 'namespaces: {}', `ingress:\n  - { action: Deny, from: [{ namespaces: {} }] }`);
  const isolate = (ns: string, types = '') => netpol(`isolate-${ns}`, ns, `podSelector: {}${types}`);

  it('reports the rules of a direction when a NetworkPolicy selects every subject workload for it', () => {
    const files = { 'w.yaml': WORKLOADS, 'np.yaml': docs(isolate('shop'), isolate('monitoring')), 'b.yaml': baseline };
    expect(reportedIn(files, 'b.yaml', ID)).toEqual(['spec.ingress => ingress']);
    expect(lintIn(files, 'b.yaml', ID)[0]?.message).toBe(
      'These ingress rules never apply in the workspace: every workload the policy selects (3 workloads: monitoring/prometheus, shop/db, shop/web) is selected for ingress by a NetworkPolicy (monitoring/prometheus by monitoring/isolate-monitoring), and the Baseline tier decides only for pods no NetworkPolicy selects. They apply to workloads added later without one',
    );
  });

  it('does not report when some subject workload has no NetworkPolicy for the direction', () => {
    expect(reportedIn({ 'w.yaml': WORKLOADS, 'np.yaml': isolate('shop'), 'b.yaml': baseline }, 'b.yaml', ID)).toEqual([]);
    const egressOnly = docs(isolate('shop', '\npolicyTypes: [Egress]'), isolate('monitoring', '\npolicyTypes: [Egress]'));
    expect(reportedIn({ 'w.yaml': WORKLOADS, 'np.yaml': egressOnly, 'b.yaml': baseline }, 'b.yaml', ID)).toEqual([]);
  });

  it('does not report an Admin policy', () => {
    const admin = baseline.replace('tier: Baseline', 'tier: Admin');
    expect(
      reportedIn({ 'w.yaml': WORKLOADS, 'np.yaml': docs(isolate('shop'), isolate('monitoring')), 'b.yaml': admin }, 'b.yaml', ID),
    ).toEqual([]);
  });
});

describe('cluster traffic lints after edits', () => {
  it('answer as a fresh analysis when the policies change and the workloads do not (the model keeps what it knew)', () => {
    const settings = settingsFor({ lints: true });
    const index = new WorkspaceIndex();
    const put = (name: string, text: string) => {
      const { file } = validateText(text, settings);
      if (file) index.setFile(`file:///ws/${name}`, indexObjects(`file:///ws/${name}`, file, settings));
    };
    const codes = (text: string) =>
      validateText(text, settings, undefined, index)
        .result.diagnostics.map((d) => `${String(d.code)}: ${typeof d.message === 'string' ? d.message : d.message.value}`)
        .filter((line) => line.startsWith('cluster-'));
    const admin = (priority: number) =>
      cnp('accept-monitoring', 'Admin', priority, SHOP, `ingress:\n  - { name: accept, action: Accept, from: [{ ${MONITORING} }] }`);
    const deny = cnp('deny-monitoring', 'Admin', 10, SHOP, `ingress:\n  - { name: deny, action: Deny, from: [{ ${MONITORING} }] }`);
    const baseline = cnp('default-deny', 'Baseline', 10, 'namespaces: {}', `ingress:\n  - { action: Deny, from: [{ namespaces: {} }] }`);
    const steps: Record<string, string>[] = [
      {
        'w.yaml': WORKLOADS,
        'd.yaml': deny,
        'a.yaml': admin(11),
        'b.yaml': baseline,
        'np.yaml': netpol('isolate', 'shop', 'podSelector: {}'),
      },
      { 'a.yaml': admin(10) },
      { 'np.yaml': docs(netpol('isolate', 'shop', 'podSelector: {}'), netpol('isolate', 'monitoring', 'podSelector: {}')) },
      { 'a.yaml': admin(12) },
    ];
    const files: Record<string, string> = {};
    for (const step of steps) {
      for (const [name, text] of Object.entries(step)) {
        files[name] = text;
        put(name, text);
      }
      for (const name of ['a.yaml', 'b.yaml', 'd.yaml']) {
        const fresh = diagnoseInWorkspace(files, name, { lints: true })
          .filter((d) => d.code.startsWith('cluster-'))
          .map((d) => `${d.code}: ${d.message}`);
        expect(codes(files[name]!)).toEqual(fresh);
      }
    }
    // The Deny of priority 10 now decides everything the Accept of priority 12 matches.
    expect(codes(files['a.yaml']!).map((line) => line.split(':')[0])).toEqual(['cluster-rule-shadowed']);
    expect(codes(files['b.yaml']!).map((line) => line.split(':')[0])).toEqual(['cluster-baseline-unreachable']);
  });
});
