import { describe, expect, it } from 'vitest';
import { queryConnection } from '../../../../server/src/model/connectivity/query';
import type { Protocol } from '../../../../server/src/model/semantics';
import { clusterPolicy, pod, tieredModel } from './clusterWorkspace';
import { namespace, netpol } from './workspace';

/**
 * The expectations of the network-policy-api conformance suite (kubernetes-sigs/network-policy-api,
 * conformance/tests/*.go at the main branch, the ClusterNetworkPolicy tests, cited by ShortName), as data for the connectivity
 * engine: the same four houses with two pods each serving TCP 80 (named `web`) and 8080, UDP
 * 5353 and 53 (named `dns`), SCTP 9003 and 9005; the same rules in the same order; each
 * sub-test a step whose changes (a swapped rule, a new priority, a relabelled namespace, a
 * deleted NetworkPolicy) carry over to the next, as they do on the live cluster. The fixtures
 * are written here; the addresses the suite reads from running pods are synthetic
 * (10.244.<house>.<replica>).
 */

const HOUSES = ['gryffindor', 'slytherin', 'hufflepuff', 'ravenclaw'] as const;
type House = (typeof HOUSES)[number];

const ipOf = (house: House, replica: number) => `10.244.${HOUSES.indexOf(house) + 1}.${replica + 10}`;

/**
 * The pods: `gryffindor-0`, `gryffindor-1`, … in namespace `gryffindor`, labelled `house: gryffindor`
 * and, as a StatefulSet's pods are, with their own name.
 */
const PODS = HOUSES.flatMap((house) =>
  [0, 1].map((replica) =>
    pod(
      house,
      `${house}-${replica}`,
      { house, 'statefulset.kubernetes.io/pod-name': `${house}-${replica}` },
      { ports: ['web:80', '8080', '5353/UDP', 'dns:53/UDP', '9003/SCTP', '9005/SCTP'], ip: ipOf(house, replica) },
    ),
  ),
).join('---\n');

const namespaces = (relabel: Partial<Record<House, string>> = {}) =>
  HOUSES.map((house) => namespace(house, { house: relabel[house] ?? house })).join('---\n');

/**
 * A rule in flow style. `peer`: `ns:<house>` (namespace by name), `house:<house>` (pods peer by
 * labels), `net:<cidr>,<cidr>`, `houses` (every namespace with a house label), `pods:<house>` (pods
 * by label alone: the namespace selector left out, every namespace), `pod:<name>` (one pod by name, in its house). Protocols:
 * `TCP/80`, `UDP/53-5353`, `named:<name>`.
 */
function rule(name: string, action: string, peer: string, protocols: readonly string[] = [], direction: 'from' | 'to' = 'from'): string {
  const [kind, value] = peer.split(/:(.*)/) as [string, string];
  const peers: Record<string, () => string> = {
    ns: () => `{ namespaces: { matchLabels: { kubernetes.io/metadata.name: ${value} } } }`,
    house: () => `{ pods: { namespaceSelector: { matchLabels: { house: ${value} } }, podSelector: { matchLabels: { house: ${value} } } } }`,
    net: () => `{ networks: [${value}] }`,
    houses: () => `{ namespaces: { matchExpressions: [{ key: house, operator: Exists }] } }`,
    pods: () => `{ pods: { podSelector: { matchLabels: { house: ${value} } } } }`,
    pod: () =>
      `{ pods: { namespaceSelector: { matchLabels: { house: ${value.replace(/-\d+$/, '')} } }, podSelector: { matchLabels: { statefulset.kubernetes.io/pod-name: ${value} } } } }`,
  };
  const peerYaml = peers[kind ?? peer]!();
  const protocolsYaml = protocols.map((p) => {
    if (p.startsWith('named:')) return `{ destinationNamedPort: ${p.slice('named:'.length)} }`;
    const [protocol, port] = p.split('/') as [string, string];
    const [start, end] = port.split('-');
    const destination = end ? `range: { start: ${start}, end: ${end} }` : `number: ${port}`;
    return `{ ${protocol.toLowerCase()}: { destinationPort: { ${destination} } } }`;
  });
  return `{ name: ${name}, action: ${action}, ${direction}: [${peerYaml}]${protocols.length ? `, protocols: [${protocolsYaml.join(', ')}]` : ''} }`;
}

function cnp(
  name: string,
  tier: 'Admin' | 'Baseline',
  priority: number,
  subject: string,
  rules: { ingress?: string[]; egress?: string[] },
): string {
  const list = (key: string, items?: string[]) => (items ? `${key}:\n${items.map((item) => `  - ${item}`).join('\n')}\n` : '');
  return clusterPolicy(
    'ClusterNetworkPolicy',
    name,
    `tier: ${tier}\npriority: ${priority}\nsubject: ${subject}\n${list('ingress', rules.ingress)}${list('egress', rules.egress)}`,
  );
}

const SUBJECT_NS = (house: House) => `{ namespaces: { matchLabels: { kubernetes.io/metadata.name: ${house} } } }`;
const SUBJECT_PODS = (house: House) =>
  `{ pods: { namespaceSelector: { matchLabels: { house: ${house} } }, podSelector: { matchLabels: { house: ${house} } } } }`;

function swap<T>(items: readonly T[], i: number, j: number): T[] {
  const out = [...items];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** A probe: `slytherin-0 → gryffindor-0 TCP 80 denied`. */
type Probe = `${string} → ${string} ${Protocol} ${number} ${'allowed' | 'denied'}`;

interface Step {
  /** The conformance sub-test (its t.Run text). */
  readonly run: string;
  /** Every policy and namespace of the cluster at this step (besides the pods). */
  readonly files: Record<string, string>;
  readonly probes: readonly Probe[];
}

function verify(steps: readonly Step[]): void {
  for (const step of steps) {
    const model = tieredModel({ pods: PODS, ...step.files });
    const at = (name: string) => {
      const index = model.workloads.findIndex((workload) => workload.name === name);
      expect(index, name).toBeGreaterThanOrEqual(0);
      return { workload: index };
    };
    for (const probe of step.probes) {
      const [, from, to, protocol, port, verdict] = /^(\S+) → (\S+) (TCP|UDP|SCTP) (\d+) (allowed|denied)$/.exec(probe)!;
      const answer = queryConnection(model, at(from!), at(to!), Number(port), protocol as Protocol);
      expect(answer.allowed ? 'allowed' : 'denied', `${step.run}: ${probe}\n${answer.egress.reason}\n${answer.ingress.reason}`).toBe(
        verdict,
      );
    }
  }
}

describe('network-policy-api conformance expectations', () => {
  it('CNPAdminTierIngressTCP: rule order decides, Accept/Deny/Pass per port', () => {
    const rules = [
      rule('accept-ravenclaw', 'Accept', 'ns:ravenclaw'),
      rule('deny-ravenclaw', 'Deny', 'ns:ravenclaw'),
      rule('pass-ravenclaw', 'Pass', 'ns:ravenclaw'),
      rule('deny-slytherin-80', 'Deny', 'ns:slytherin', ['TCP/80']),
      rule('pass-slytherin-80', 'Pass', 'ns:slytherin', ['TCP/80']),
      rule('accept-hufflepuff-80', 'Accept', 'ns:hufflepuff', ['TCP/80']),
      rule('deny-hufflepuff', 'Deny', 'ns:hufflepuff'),
    ];
    const files = (ingress: string[]) => ({
      ns: namespaces(),
      policy: cnp('ingress-tcp', 'Admin', 3, SUBJECT_NS('gryffindor'), { ingress }),
    });
    const denyFirst = swap(rules, 0, 1);
    const passFirst = swap(denyFirst, 0, 2);
    const passSlytherinFirst = swap(passFirst, 3, 4);
    verify([
      {
        run: "Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected",
        files: files(rules),
        probes: ['ravenclaw-0 → gryffindor-0 TCP 80 allowed', 'ravenclaw-1 → gryffindor-0 TCP 8080 allowed'],
      },
      {
        run: "Should support an 'allow-ingress' policy for TCP protocol at the specified port",
        files: files(rules),
        probes: ['hufflepuff-0 → gryffindor-1 TCP 80 allowed', 'hufflepuff-1 → gryffindor-1 TCP 8080 denied'],
      },
      {
        run: "Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected",
        files: files(denyFirst),
        probes: ['ravenclaw-0 → gryffindor-1 TCP 80 denied', 'ravenclaw-1 → gryffindor-1 TCP 8080 denied'],
      },
      {
        run: "Should support a 'deny-ingress' policy for TCP protocol at the specified port",
        files: files(denyFirst),
        probes: ['slytherin-0 → gryffindor-0 TCP 80 denied', 'slytherin-1 → gryffindor-0 TCP 8080 allowed'],
      },
      {
        run: "Should support an 'pass-ingress' policy for TCP protocol; ensure rule ordering is respected",
        files: files(passFirst),
        probes: ['ravenclaw-0 → gryffindor-0 TCP 80 allowed', 'ravenclaw-1 → gryffindor-0 TCP 8080 allowed'],
      },
      {
        run: "Should support a 'pass-ingress' policy for TCP protocol at the specified port",
        files: files(passSlytherinFirst),
        probes: ['slytherin-0 → gryffindor-0 TCP 80 allowed', 'slytherin-1 → gryffindor-0 TCP 8080 allowed'],
      },
    ]);
  });

  it("CNPAdminTierIngressNamedPort: destinationNamedPort resolves to the server pod's UDP port `dns`", () => {
    const rules = (dns: string) => [
      rule('accept-ravenclaw', 'Accept', 'ns:ravenclaw'),
      rule('deny-ravenclaw', 'Deny', 'ns:ravenclaw'),
      rule('pass-ravenclaw', 'Pass', 'ns:ravenclaw'),
      rule('deny-slytherin-5353', 'Deny', 'ns:slytherin', ['UDP/5353']),
      rule('pass-slytherin-5353', 'Pass', 'ns:slytherin', ['UDP/5353']),
      rule('accept-gryffindor-53', 'Accept', 'ns:gryffindor', [dns]),
      rule('deny-gryffindor', 'Deny', 'ns:gryffindor'),
    ];
    verify([
      {
        run: "Should support an 'allow-ingress' policy for named port",
        files: { ns: namespaces(), policy: cnp('ingress-udp', 'Admin', 4, SUBJECT_NS('hufflepuff'), { ingress: rules('named:dns') }) },
        probes: [
          'gryffindor-0 → hufflepuff-1 UDP 53 allowed',
          'gryffindor-1 → hufflepuff-1 UDP 5353 denied',
          'gryffindor-1 → hufflepuff-1 TCP 80 denied',
        ],
      },
    ]);
  });

  it('CNPAdminTierEgressInlineCIDRPeers: networks cover pod-to-pod traffic; a pods rule before them still accepts', () => {
    const egress = [
      rule('accept-slytherin', 'Accept', 'house:slytherin', [], 'to'),
      rule('deny-everywhere', 'Deny', 'net:0.0.0.0/0, ::/0', [], 'to'),
    ];
    const policy = (rules: string[]) => cnp('cidr-peers', 'Admin', 85, SUBJECT_PODS('gryffindor'), { egress: rules });
    const everyProtocol = (to: string, verdict: 'allowed' | 'denied'): Probe[] => [
      `gryffindor-1 → ${to} TCP 80 ${verdict}`,
      `gryffindor-1 → ${to} UDP 53 ${verdict}`,
      `gryffindor-1 → ${to} SCTP 9003 ${verdict}`,
    ];
    const podIPs = `${ipOf('ravenclaw', 0)}/32, ${ipOf('hufflepuff', 0)}/32`;
    verify([
      {
        run: "Should support a 'deny-egress' rule policy for egress-cidr-peer",
        files: { ns: namespaces(), policy: policy(egress) },
        probes: [
          ...everyProtocol('ravenclaw-0', 'denied'),
          ...everyProtocol('hufflepuff-0', 'denied'),
          ...everyProtocol('slytherin-0', 'allowed'),
        ],
      },
      {
        run: "Should support a 'deny-egress' rule policy for egress-cidr-peer (slytherin relabelled)",
        files: { ns: namespaces({ slytherin: 'denied-namespace-label' }), policy: policy(egress) },
        probes: everyProtocol('slytherin-0', 'denied'),
      },
      {
        run: "Should support a 'deny-egress' rule policy for egress-cidr-peer (label restored)",
        files: { ns: namespaces(), policy: policy(egress) },
        probes: everyProtocol('slytherin-0', 'allowed'),
      },
      {
        run: "Should support an 'allow-egress' rule policy for egress-cidr-peer",
        files: { ns: namespaces(), policy: policy([rule('accept-pod-ips', 'Accept', `net:${podIPs}`, [], 'to'), ...egress]) },
        probes: [
          ...everyProtocol('ravenclaw-0', 'allowed'),
          ...everyProtocol('hufflepuff-0', 'allowed'),
          ...everyProtocol('ravenclaw-1', 'denied'),
          ...everyProtocol('hufflepuff-1', 'denied'),
        ],
      },
    ]);
  });

  it('CNPAdminTierPriorityField: a lower priority number goes first; its Pass reaches the Baseline tier', () => {
    const both = (action: string, name: string) => ({
      ingress: [rule(`${name}-in`, action, 'house:slytherin')],
      egress: [rule(`${name}-out`, action, 'house:slytherin', [], 'to')],
    });
    const files = (passPriority: number) => ({
      ns: namespaces(),
      deny: cnp('deny-50', 'Admin', 50, SUBJECT_PODS('gryffindor'), both('Deny', 'deny')),
      pass: cnp('pass-moves', 'Admin', passPriority, SUBJECT_PODS('gryffindor'), both('Pass', 'pass')),
      baseline: cnp('default', 'Baseline', 10, SUBJECT_PODS('gryffindor'), both('Accept', 'accept')),
    });
    verify([
      {
        run: 'Should Deny traffic from slytherin to gryffindor respecting admin CNP',
        files: files(60),
        probes: ['slytherin-0 → gryffindor-0 TCP 80 denied', 'slytherin-1 → gryffindor-0 TCP 8080 denied'],
      },
      {
        run: 'Should Deny traffic to slytherin from gryffindor respecting admin CNP',
        files: files(60),
        probes: ['gryffindor-0 → slytherin-0 TCP 80 denied', 'gryffindor-1 → slytherin-0 TCP 8080 denied'],
      },
      {
        run: 'Should respect admin CNP priority field; thus passing both ingress and egress traffic over to baseline CNP',
        files: files(40),
        probes: [
          'slytherin-0 → gryffindor-0 TCP 80 allowed',
          'slytherin-1 → gryffindor-0 TCP 8080 allowed',
          'gryffindor-0 → slytherin-0 TCP 80 allowed',
          'gryffindor-1 → slytherin-0 TCP 8080 allowed',
        ],
      },
    ]);
  });

  it('CNPAdminTierIntegration: Admin Deny, then Pass to a NetworkPolicy that allows, then to a Baseline Deny', () => {
    const admin = (ingress: string, egress: string) =>
      cnp('pass-example', 'Admin', 10, `{ namespaces: { matchLabels: { house: gryffindor } } }`, {
        ingress: [rule('slytherin-in', ingress, 'ns:slytherin')],
        egress: [rule('slytherin-out', egress, 'ns:slytherin', [], 'to')],
      });
    const networkPolicy = netpol(
      'gryffindor',
      'slytherin-both-ways',
      'podSelector: {}\npolicyTypes: [Ingress, Egress]\ningress: [{ from: [{ namespaceSelector: { matchLabels: { house: slytherin } } }] }]\negress: [{ to: [{ namespaceSelector: { matchLabels: { house: slytherin } } }] }]',
    );
    const baseline = cnp('default', 'Baseline', 10, `{ namespaces: { matchLabels: { house: gryffindor } } }`, {
      ingress: [rule('slytherin-in', 'Deny', 'ns:slytherin')],
      egress: [rule('slytherin-out', 'Deny', 'ns:slytherin', [], 'to')],
    });
    const files = (ingress: string, egress: string, withNetworkPolicy = true) => ({
      ns: namespaces(),
      admin: admin(ingress, egress),
      baseline,
      ...(withNetworkPolicy ? { networkPolicy } : {}),
    });
    verify([
      {
        run: 'Should Deny traffic from slytherin to gryffindor respecting admin CNP',
        files: files('Deny', 'Deny'),
        probes: ['slytherin-0 → gryffindor-0 TCP 80 denied', 'slytherin-1 → gryffindor-0 TCP 8080 denied'],
      },
      {
        run: 'Should Deny traffic to slytherin from gryffindor respecting admin CNP',
        files: files('Deny', 'Deny'),
        probes: ['gryffindor-0 → slytherin-0 TCP 80 denied', 'gryffindor-1 → slytherin-0 TCP 8080 denied'],
      },
      {
        run: "Should support a 'pass-ingress' policy for admin CNP and respect the match for network policy",
        files: files('Pass', 'Deny'),
        probes: ['slytherin-0 → gryffindor-0 TCP 80 allowed', 'slytherin-1 → gryffindor-0 TCP 8080 allowed'],
      },
      {
        run: "Should support a 'pass-egress' policy for admin CNP and respect the match for network policy",
        files: files('Pass', 'Pass'),
        probes: ['gryffindor-0 → slytherin-0 TCP 80 allowed', 'gryffindor-1 → slytherin-0 TCP 8080 allowed'],
      },
      {
        run: "Should support a 'pass-ingress' policy for admin CNP and respect the match for baseline cluster network policy",
        files: files('Pass', 'Pass', false),
        probes: ['slytherin-0 → gryffindor-0 TCP 80 denied', 'slytherin-1 → gryffindor-0 TCP 8080 denied'],
      },
      {
        run: "Should support a 'pass-egress' policy for admin CNP and respect the match for baseline cluster network policy",
        files: files('Pass', 'Pass', false),
        probes: ['gryffindor-0 → slytherin-0 TCP 80 denied', 'gryffindor-1 → slytherin-0 TCP 8080 denied'],
      },
    ]);
  });

  it('CNPBaselineTierGress: Baseline rules in order, per protocol and port, both directions', () => {
    const egress = [
      rule('accept-ravenclaw', 'Accept', 'ns:ravenclaw', [], 'to'),
      rule('deny-ravenclaw', 'Deny', 'ns:ravenclaw', [], 'to'),
      rule('deny-slytherin-some', 'Deny', 'ns:slytherin', ['TCP/80', 'UDP/53', 'SCTP/9003'], 'to'),
      rule('accept-hufflepuff-some', 'Accept', 'ns:hufflepuff', ['TCP/8080', 'UDP/5353', 'SCTP/9003'], 'to'),
      rule('deny-hufflepuff', 'Deny', 'ns:hufflepuff', [], 'to'),
    ];
    const ingress = [
      rule('accept-ravenclaw', 'Accept', 'ns:ravenclaw'),
      rule('deny-ravenclaw', 'Deny', 'ns:ravenclaw'),
      rule('deny-slytherin-some', 'Deny', 'ns:slytherin', ['TCP/80', 'UDP/53', 'SCTP/9003']),
      rule('accept-hufflepuff-some', 'Accept', 'ns:hufflepuff', ['TCP/80', 'UDP/5353', 'SCTP/9003']),
      rule('deny-hufflepuff', 'Deny', 'ns:hufflepuff'),
    ];
    const files = (out: string[], into: string[]) => ({
      ns: namespaces(),
      policy: cnp('default', 'Baseline', 10, SUBJECT_NS('gryffindor'), { egress: out, ingress: into }),
    });
    verify([
      {
        run: "Should support an 'allow-gress' policy across different protocols",
        files: files(egress, ingress),
        probes: [
          'gryffindor-0 → ravenclaw-0 TCP 80 allowed',
          'gryffindor-1 → ravenclaw-0 UDP 53 allowed',
          'gryffindor-0 → ravenclaw-0 SCTP 9003 allowed',
          'ravenclaw-0 → gryffindor-0 TCP 80 allowed',
          'ravenclaw-1 → gryffindor-0 UDP 53 allowed',
          'ravenclaw-1 → gryffindor-0 SCTP 9003 allowed',
        ],
      },
      {
        run: "Should support an 'allow-gress' policy across different protocols at the specified ports",
        files: files(egress, ingress),
        probes: [
          'gryffindor-0 → hufflepuff-1 TCP 8080 allowed',
          'gryffindor-1 → hufflepuff-1 TCP 80 denied',
          'gryffindor-0 → hufflepuff-1 UDP 5353 allowed',
          'gryffindor-1 → hufflepuff-1 UDP 53 denied',
          'gryffindor-0 → hufflepuff-1 SCTP 9003 allowed',
          'gryffindor-1 → hufflepuff-1 SCTP 9005 denied',
          'hufflepuff-0 → gryffindor-1 TCP 80 allowed',
          'hufflepuff-1 → gryffindor-1 TCP 8080 denied',
          'hufflepuff-0 → gryffindor-1 UDP 5353 allowed',
          'hufflepuff-1 → gryffindor-1 UDP 53 denied',
          'hufflepuff-0 → gryffindor-1 SCTP 9003 allowed',
          'hufflepuff-1 → gryffindor-1 SCTP 9005 denied',
        ],
      },
      {
        run: "Should support an 'deny-gress' policy across different protocols",
        files: files(swap(egress, 0, 1), swap(ingress, 0, 1)),
        probes: [
          'gryffindor-0 → ravenclaw-1 TCP 80 denied',
          'gryffindor-1 → ravenclaw-1 UDP 53 denied',
          'gryffindor-0 → ravenclaw-1 SCTP 9003 denied',
          'ravenclaw-0 → gryffindor-1 TCP 80 denied',
          'ravenclaw-1 → gryffindor-1 UDP 53 denied',
          'ravenclaw-1 → gryffindor-1 SCTP 9003 denied',
        ],
      },
      {
        run: "Should support a 'deny-gress' policy across different protocols at the specified ports",
        files: files(swap(egress, 0, 1), swap(ingress, 0, 1)),
        probes: [
          'gryffindor-0 → slytherin-0 TCP 80 denied',
          'gryffindor-1 → slytherin-0 TCP 8080 allowed',
          'gryffindor-0 → slytherin-0 UDP 53 denied',
          'gryffindor-1 → slytherin-0 UDP 5353 allowed',
          'gryffindor-0 → slytherin-0 SCTP 9003 denied',
          'gryffindor-1 → slytherin-0 SCTP 9005 allowed',
        ],
      },
    ]);
  });
  it('CNPAdminTierPortRange: destinationPort ranges of each protocol, the rest caught by a Deny of every house', () => {
    const rules = (direction: 'from' | 'to') => [
      rule('ravenclaw-tcp-range', 'Accept', 'ns:ravenclaw', ['TCP/80-8080'], direction),
      rule('hufflepuff-udp-range', 'Accept', 'ns:hufflepuff', ['UDP/53-5353'], direction),
      rule('slytherin-sctp-range', 'Accept', 'ns:slytherin', ['SCTP/9003-9005'], direction),
      rule('deny-all', 'Deny', 'houses', [], direction),
    ];
    const files = {
      ns: namespaces(),
      policy: cnp('port-range-rules', 'Admin', 9, SUBJECT_NS('gryffindor'), { egress: rules('to'), ingress: rules('from') }),
    };
    verify([
      {
        run: 'Should support egress port range rules across different protocols',
        files,
        probes: [
          'gryffindor-0 → ravenclaw-0 TCP 80 allowed',
          'gryffindor-0 → ravenclaw-0 TCP 8080 allowed',
          'gryffindor-1 → ravenclaw-0 UDP 53 denied',
          'gryffindor-0 → hufflepuff-0 UDP 53 allowed',
          'gryffindor-0 → hufflepuff-0 UDP 5353 allowed',
          'gryffindor-1 → hufflepuff-0 TCP 80 denied',
          'gryffindor-0 → slytherin-0 SCTP 9003 allowed',
          'gryffindor-0 → slytherin-0 SCTP 9005 allowed',
          'gryffindor-1 → slytherin-0 TCP 80 denied',
        ],
      },
      {
        run: 'Should support ingress port range rules across different protocols',
        files,
        probes: [
          'ravenclaw-0 → gryffindor-0 TCP 80 allowed',
          'ravenclaw-0 → gryffindor-0 TCP 8080 allowed',
          'ravenclaw-1 → gryffindor-0 UDP 53 denied',
          'hufflepuff-0 → gryffindor-0 UDP 53 allowed',
          'hufflepuff-0 → gryffindor-0 UDP 5353 allowed',
          'hufflepuff-1 → gryffindor-0 TCP 80 denied',
          'slytherin-0 → gryffindor-0 SCTP 9003 allowed',
          'slytherin-0 → gryffindor-0 SCTP 9005 allowed',
          'slytherin-1 → gryffindor-0 TCP 80 denied',
        ],
      },
    ]);
  });

  it('CNPAdminTierPodSelector: pod selectors in subjects and peers, alone (every namespace) and with a namespace selector', () => {
    const files = {
      ns: namespaces(),
      bySelector: cnp('pod-selector-rules', 'Admin', 20, '{ pods: { podSelector: { matchLabels: { house: gryffindor } } } }', {
        egress: [
          rule('deny-to-ravenclaw-pods', 'Deny', 'pods:ravenclaw', [], 'to'),
          rule('deny-to-hufflepuff-0', 'Deny', 'pod:hufflepuff-0', [], 'to'),
        ],
        ingress: [rule('deny-from-slytherin-pods', 'Deny', 'pods:slytherin'), rule('deny-from-hufflepuff-0', 'Deny', 'pod:hufflepuff-0')],
      }),
      byName: cnp(
        'pod-name-subject-rules',
        'Admin',
        21,
        '{ pods: { namespaceSelector: { matchLabels: { house: ravenclaw } }, podSelector: { matchLabels: { statefulset.kubernetes.io/pod-name: ravenclaw-0 } } } }',
        { egress: [rule('deny-to-slytherin', 'Deny', 'ns:slytherin', [], 'to')] },
      ),
    };
    verify([
      {
        run: 'Should support pod selectors in egress peers',
        files,
        probes: [
          'gryffindor-0 → ravenclaw-0 TCP 80 denied',
          'gryffindor-0 → hufflepuff-0 TCP 80 denied',
          'gryffindor-0 → hufflepuff-1 TCP 80 allowed',
        ],
      },
      {
        run: 'Should support pod selectors in ingress peers',
        files,
        probes: [
          'slytherin-0 → gryffindor-0 TCP 80 denied',
          'hufflepuff-0 → gryffindor-0 TCP 80 denied',
          'hufflepuff-1 → gryffindor-0 TCP 80 allowed',
        ],
      },
      {
        run: 'Should support pod selectors in the subject',
        files,
        probes: [
          'slytherin-0 → hufflepuff-0 TCP 80 allowed',
          'ravenclaw-0 → slytherin-0 TCP 80 denied',
          'ravenclaw-1 → slytherin-0 TCP 80 allowed',
        ],
      },
    ]);
  });
});
