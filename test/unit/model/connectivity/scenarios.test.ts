import { describe, expect, it } from 'vitest';
import { dnsPeer, dnsPorts } from '../../../../server/src/model/recipes';
import { connectivityLines, deployment, namespace, netpol } from './workspace';

/**
 * The classic NetworkPolicy recipes and the examples of the Kubernetes documentation
 * (concepts/services-networking/network-policies), each with its FULL expected connectivity:
 * every allowed workload pair with its ports, and what each workload allows from and to
 * addresses outside the cluster. Lines are the CLI's text output.
 */

/** What a workload no policy isolates for ingress gets from outside the cluster. */
const openIn = (w: string) => [`0.0.0.0/0 => ${w} : all`, `::/0 => ${w} : all`];
/** What a workload no policy isolates for egress may reach outside the cluster. */
const openOut = (w: string) => [`${w} => 0.0.0.0/0 : all`, `${w} => ::/0 : all`];

const A = 'default/a[Deployment]';
const B = 'default/b[Deployment]';
const C = 'default/c[Deployment]';

interface Scenario {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly expected: readonly string[];
}

const abc = {
  'a.yaml': deployment('default', 'a', { app: 'a' }),
  'b.yaml': deployment('default', 'b', { app: 'b' }),
  'c.yaml': deployment('default', 'c', { app: 'c', role: 'client' }),
};

/** The private ranges of RFC 1918, cut out of 0.0.0.0/0: the CIDRs left, in address order. */
const PUBLIC_IPV4 = [
  '0.0.0.0/5', '8.0.0.0/7', '11.0.0.0/8', '12.0.0.0/6', '16.0.0.0/4', '32.0.0.0/3', '64.0.0.0/2', '128.0.0.0/3', '160.0.0.0/5',
  '168.0.0.0/6', '172.0.0.0/12', '172.32.0.0/11', '172.64.0.0/10', '172.128.0.0/9', '173.0.0.0/8', '174.0.0.0/7', '176.0.0.0/4',
  '192.0.0.0/9', '192.128.0.0/11', '192.160.0.0/13', '192.169.0.0/16', '192.170.0.0/15', '192.172.0.0/14', '192.176.0.0/12',
  '192.192.0.0/10', '193.0.0.0/8', '194.0.0.0/7', '196.0.0.0/6', '200.0.0.0/5', '208.0.0.0/4', '224.0.0.0/3',
]; // prettier-ignore

const dnsRule = JSON.stringify({ to: [dnsPeer()], ports: dnsPorts() });

const SCENARIOS: Scenario[] = [
  {
    name: 'no policy: every workload reaches every other on everything, and the outside both ways',
    files: { 'a.yaml': abc['a.yaml'], 'b.yaml': abc['b.yaml'] },
    expected: [`${A} => ${B} : all`, `${B} => ${A} : all`, ...openIn(A), ...openIn(B), ...openOut(A), ...openOut(B)],
  },
  {
    name: 'default deny all ingress: nothing reaches the pods; their egress stays open',
    files: { ...abc, 'p.yaml': netpol('default', 'default-deny-ingress', 'podSelector: {}\npolicyTypes: [Ingress]') },
    expected: [...openOut(A), ...openOut(B), ...openOut(C)],
  },
  {
    name: 'default deny all ingress and egress: nothing at all',
    files: { ...abc, 'p.yaml': netpol('default', 'default-deny-all', 'podSelector: {}\npolicyTypes: [Ingress, Egress]') },
    expected: [],
  },
  {
    name: 'default deny all egress: only ingress from outside remains',
    files: { ...abc, 'p.yaml': netpol('default', 'default-deny-egress', 'podSelector: {}\npolicyTypes: [Egress]') },
    expected: [...openIn(A), ...openIn(B), ...openIn(C)],
  },
  {
    name: 'allow all ingress (ingress: [{}]) beside a default deny: the union allows everything',
    files: {
      ...abc,
      'deny.yaml': netpol('default', 'deny', 'podSelector: {}\npolicyTypes: [Ingress]'),
      'allow.yaml': netpol('default', 'allow-all-ingress', 'podSelector: {}\ningress: [{}]\npolicyTypes: [Ingress]'),
    },
    expected: [
      `${A} => ${B} : all`, `${A} => ${C} : all`, `${B} => ${A} : all`, `${B} => ${C} : all`, `${C} => ${A} : all`, `${C} => ${B} : all`,
      ...openIn(A), ...openIn(B), ...openIn(C), ...openOut(A), ...openOut(B), ...openOut(C),
    ], // prettier-ignore
  },
  {
    name: 'allow only the same namespace (podSelector: {} peer): other namespaces and the outside are cut off',
    files: {
      'a.yaml': deployment('prod', 'a', { app: 'a' }),
      'b.yaml': deployment('prod', 'b', { app: 'b' }),
      'c.yaml': deployment('dev', 'c', { app: 'c' }),
      'p.yaml': netpol('prod', 'same-namespace', 'podSelector: {}\ningress:\n  - from: [{ podSelector: {} }]'),
    },
    expected: [
      'prod/a[Deployment] => prod/b[Deployment] : all',
      'prod/b[Deployment] => prod/a[Deployment] : all',
      'prod/a[Deployment] => dev/c[Deployment] : all',
      'prod/b[Deployment] => dev/c[Deployment] : all',
      ...openIn('dev/c[Deployment]'),
      ...openOut('prod/a[Deployment]'),
      ...openOut('prod/b[Deployment]'),
      ...openOut('dev/c[Deployment]'),
    ],
  },
  {
    name: 'the documentation example: ipBlock with except, namespaceSelector, podSelector; egress to 10.0.0.0/24:5978',
    files: {
      'ns.yaml': namespace('myproject', { project: 'myproject' }) + '---\n' + namespace('other'),
      'db.yaml': deployment('default', 'db', { role: 'db' }),
      'fe.yaml': deployment('default', 'frontend', { role: 'frontend' }),
      'x.yaml': deployment('myproject', 'x', { app: 'x' }),
      'y.yaml': deployment('other', 'z', { app: 'z' }),
      'p.yaml': netpol(
        'default',
        'test-network-policy',
        [
          'podSelector: { matchLabels: { role: db } }',
          'policyTypes: [Ingress, Egress]',
          'ingress:',
          '  - from:',
          '      - ipBlock: { cidr: 172.17.0.0/16, except: [172.17.1.0/24] }',
          '      - namespaceSelector: { matchLabels: { project: myproject } }',
          '      - podSelector: { matchLabels: { role: frontend } }',
          '    ports: [{ protocol: TCP, port: 6379 }]',
          'egress:',
          '  - to: [{ ipBlock: { cidr: 10.0.0.0/24 } }]',
          '    ports: [{ protocol: TCP, port: 5978 }]',
        ].join('\n'),
      ),
    },
    expected: [
      'default/frontend[Deployment] => default/db[Deployment] : TCP 6379',
      'myproject/x[Deployment] => default/db[Deployment] : TCP 6379',
      'default/frontend[Deployment] => myproject/x[Deployment] : all',
      'default/frontend[Deployment] => other/z[Deployment] : all',
      'myproject/x[Deployment] => default/frontend[Deployment] : all',
      'myproject/x[Deployment] => other/z[Deployment] : all',
      'other/z[Deployment] => default/frontend[Deployment] : all',
      'other/z[Deployment] => myproject/x[Deployment] : all',
      '172.17.0.0/24 => default/db[Deployment] : TCP 6379',
      '172.17.2.0/23 => default/db[Deployment] : TCP 6379',
      '172.17.4.0/22 => default/db[Deployment] : TCP 6379',
      '172.17.8.0/21 => default/db[Deployment] : TCP 6379',
      '172.17.16.0/20 => default/db[Deployment] : TCP 6379',
      '172.17.32.0/19 => default/db[Deployment] : TCP 6379',
      '172.17.64.0/18 => default/db[Deployment] : TCP 6379',
      '172.17.128.0/17 => default/db[Deployment] : TCP 6379',
      'default/db[Deployment] => 10.0.0.0/24 : TCP 5978',
      ...['default/frontend[Deployment]', 'myproject/x[Deployment]', 'other/z[Deployment]'].flatMap((w) => [...openIn(w), ...openOut(w)]),
    ],
  },
  {
    name: 'allow from other namespaces by label, AND-ed with a podSelector in the same peer',
    files: {
      'ns.yaml': namespace('team-a', { team: 'a' }) + '---\n' + namespace('team-b', { team: 'b' }),
      'api.yaml': deployment('shop', 'api', { app: 'api' }),
      'mon-a.yaml': deployment('team-a', 'monitor', { app: 'monitor' }),
      'web-a.yaml': deployment('team-a', 'web', { app: 'web' }),
      'mon-b.yaml': deployment('team-b', 'monitor', { app: 'monitor' }),
      'p.yaml': netpol(
        'shop',
        'from-team-a-monitors',
        'podSelector: {}\ningress:\n  - from: [{ namespaceSelector: { matchLabels: { team: a } }, podSelector: { matchLabels: { app: monitor } } }]\n    ports: [{ port: 9090 }]',
      ),
    },
    expected: [
      'team-a/monitor[Deployment] => shop/api[Deployment] : TCP 9090',
      'shop/api[Deployment] => team-a/monitor[Deployment] : all',
      'shop/api[Deployment] => team-a/web[Deployment] : all',
      'shop/api[Deployment] => team-b/monitor[Deployment] : all',
      'team-a/monitor[Deployment] => team-a/web[Deployment] : all',
      'team-a/monitor[Deployment] => team-b/monitor[Deployment] : all',
      'team-a/web[Deployment] => team-a/monitor[Deployment] : all',
      'team-a/web[Deployment] => team-b/monitor[Deployment] : all',
      'team-b/monitor[Deployment] => team-a/monitor[Deployment] : all',
      'team-b/monitor[Deployment] => team-a/web[Deployment] : all',
      ...openOut('shop/api[Deployment]'),
      ...['team-a/monitor[Deployment]', 'team-a/web[Deployment]', 'team-b/monitor[Deployment]'].flatMap((w) => [
        ...openIn(w),
        ...openOut(w),
      ]),
    ],
  },
  {
    name: 'DNS egress only (the recipe): UDP and TCP 53 to kube-dns, named ports resolved there; nothing else leaves',
    files: {
      'dns.yaml': deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, ['dns:53/UDP', 'dns-tcp:53/TCP', 'metrics:9153']),
      'other.yaml': deployment('kube-system', 'other', { app: 'other' }),
      'a.yaml': abc['a.yaml'],
      'p.yaml': netpol('default', 'dns-only', `podSelector: {}\npolicyTypes: [Egress]\negress:\n  - ${dnsRule}`),
    },
    expected: [
      'default/a[Deployment] => kube-system/coredns[Deployment] : TCP 53, UDP 53',
      'kube-system/coredns[Deployment] => default/a[Deployment] : all',
      'kube-system/coredns[Deployment] => kube-system/other[Deployment] : all',
      'kube-system/other[Deployment] => default/a[Deployment] : all',
      'kube-system/other[Deployment] => kube-system/coredns[Deployment] : all',
      ...openIn(A),
      ...['kube-system/coredns[Deployment]', 'kube-system/other[Deployment]'].flatMap((w) => [...openIn(w), ...openOut(w)]),
    ],
  },
  {
    name: 'egress to the internet except private ranges, plus DNS',
    files: {
      'dns.yaml': deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }),
      'a.yaml': abc['a.yaml'],
      'p.yaml': netpol(
        'default',
        'internet-only',
        `podSelector: {}\npolicyTypes: [Egress]\negress:\n  - ${dnsRule}\n  - to: [{ ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16] } }]`,
      ),
    },
    expected: [
      'default/a[Deployment] => kube-system/coredns[Deployment] : TCP 53, UDP 53',
      'kube-system/coredns[Deployment] => default/a[Deployment] : all',
      ...PUBLIC_IPV4.map((cidr) => `${A} => ${cidr} : all`),
      ...openIn(A),
      ...openIn('kube-system/coredns[Deployment]'),
      ...openOut('kube-system/coredns[Deployment]'),
    ],
  },
  {
    name: 'named ports resolve on each destination; a name no container declares allows nothing',
    files: {
      'web.yaml': deployment('default', 'web', { tier: 'web' }, ['http:8080', 'metrics:9100']),
      'api.yaml': deployment('default', 'api', { tier: 'web' }, ['http:3000']),
      'c.yaml': abc['c.yaml'],
      'p.yaml': netpol(
        'default',
        'web',
        'podSelector: { matchLabels: { tier: web } }\ningress:\n  - from: [{ podSelector: { matchLabels: { role: client } } }]\n    ports: [{ port: http }, { port: admin }, { port: metrics, protocol: UDP }]',
      ),
    },
    expected: [
      'default/c[Deployment] => default/web[Deployment] : TCP 8080',
      'default/c[Deployment] => default/api[Deployment] : TCP 3000',
      'default/web[Deployment] => default/c[Deployment] : all',
      'default/api[Deployment] => default/c[Deployment] : all',
      ...openIn(C),
      ...openOut('default/web[Deployment]'),
      ...openOut('default/api[Deployment]'),
      ...openOut(C),
    ],
  },
  {
    name: 'a named port in an egress rule resolves at each destination pod',
    files: {
      'db1.yaml': deployment('default', 'db1', { app: 'db' }, ['pg:5432']),
      'db2.yaml': deployment('default', 'db2', { app: 'db' }, ['pg:5433', 'pg-udp:5433/UDP']),
      'a.yaml': abc['a.yaml'],
      'p.yaml': netpol(
        'default',
        'a-to-db',
        'podSelector: { matchLabels: { app: a } }\npolicyTypes: [Egress]\negress:\n  - to: [{ podSelector: { matchLabels: { app: db } } }]\n    ports: [{ port: pg }]\n  - ports: [{ port: pg-udp, protocol: UDP }]',
      ),
    },
    expected: [
      `${A} => default/db1[Deployment] : TCP 5432`,
      `${A} => default/db2[Deployment] : TCP 5433, UDP 5433`,
      'default/db1[Deployment] => default/db2[Deployment] : all',
      'default/db2[Deployment] => default/db1[Deployment] : all',
      'default/db1[Deployment] => default/a[Deployment] : all',
      'default/db2[Deployment] => default/a[Deployment] : all',
      ...openIn(A),
      ...['default/db1[Deployment]', 'default/db2[Deployment]'].flatMap((w) => [...openIn(w), ...openOut(w)]),
    ],
  },
  {
    name: 'endPort ranges, and several ranges merged',
    files: {
      ...abc,
      'p.yaml': netpol(
        'default',
        'ranges',
        'podSelector: { matchLabels: { app: a } }\ningress:\n  - ports: [{ port: 32000, endPort: 32768 }, { port: 32769 }, { port: 30000, endPort: 30010, protocol: SCTP }]',
      ),
    },
    expected: [
      `${B} => ${A} : TCP 32000-32769, SCTP 30000-30010`,
      `${C} => ${A} : TCP 32000-32769, SCTP 30000-30010`,
      `${A} => ${B} : all`, `${A} => ${C} : all`, `${B} => ${C} : all`, `${C} => ${B} : all`,
      `0.0.0.0/0 => ${A} : TCP 32000-32769, SCTP 30000-30010`,
      `::/0 => ${A} : TCP 32000-32769, SCTP 30000-30010`,
      ...openIn(B), ...openIn(C), ...openOut(A), ...openOut(B), ...openOut(C),
    ], // prettier-ignore
  },
  {
    name: 'several policies on the same pods: their rules add up',
    files: {
      ...abc,
      'p1.yaml': netpol(
        'default',
        'p1',
        'podSelector: { matchLabels: { app: a } }\ningress:\n  - from: [{ podSelector: { matchLabels: { app: b } } }]\n    ports: [{ port: 80 }]',
      ),
      'p2.yaml': netpol(
        'default',
        'p2',
        'podSelector: {}\ningress:\n  - from: [{ podSelector: { matchLabels: { role: client } } }]\n    ports: [{ port: 443 }]',
      ),
      'p3.yaml': netpol(
        'default',
        'p3',
        'podSelector: { matchLabels: { app: a } }\ningress:\n  - from: [{ podSelector: { matchLabels: { app: b } } }]\n    ports: [{ port: 53, protocol: UDP }, { port: 80 }]',
      ),
    },
    expected: [
      `${B} => ${A} : TCP 80, UDP 53`,
      `${C} => ${A} : TCP 443`,
      `${C} => ${B} : TCP 443`,
      ...openOut(A), ...openOut(B), ...openOut(C),
    ], // prettier-ignore
  },
  {
    name: "a connection needs the source's egress and the destination's ingress: the ports both allow",
    files: {
      ...abc,
      'out.yaml': netpol(
        'default',
        'a-out',
        'podSelector: { matchLabels: { app: a } }\npolicyTypes: [Egress]\negress:\n  - to: [{ podSelector: {} }]\n    ports: [{ port: 80 }, { port: 443 }]',
      ),
      'in.yaml': netpol(
        'default',
        'b-in',
        'podSelector: { matchLabels: { app: b } }\ningress:\n  - ports: [{ port: 443 }, { port: 8080 }]',
      ),
    },
    expected: [
      `${A} => ${B} : TCP 443`,
      `${A} => ${C} : TCP 80, TCP 443`,
      `${C} => ${B} : TCP 443, TCP 8080`,
      `${B} => ${A} : all`, `${B} => ${C} : all`, `${C} => ${A} : all`,
      `0.0.0.0/0 => ${B} : TCP 443, TCP 8080`, `::/0 => ${B} : TCP 443, TCP 8080`,
      ...openIn(A), ...openIn(C), ...openOut(B), ...openOut(C),
    ], // prettier-ignore
  },
  {
    name: 'egress rules without policyTypes make the policy isolate both directions (Kubernetes defaults policyTypes)',
    files: {
      ...abc,
      'p.yaml': netpol(
        'default',
        'p',
        'podSelector: { matchLabels: { app: a } }\negress:\n  - to: [{ podSelector: { matchLabels: { app: b } } }]',
      ),
    },
    expected: [
      `${A} => ${B} : all`,
      `${B} => ${C} : all`, `${C} => ${B} : all`,
      ...openIn(B), ...openIn(C), ...openOut(B), ...openOut(C),
    ], // prettier-ignore
  },
  {
    name: 'ipBlock peers never match pods (only addresses outside the cluster); IPv6 blocks are kept apart',
    files: {
      'a.yaml': abc['a.yaml'],
      'b.yaml': abc['b.yaml'],
      'p.yaml': netpol(
        'default',
        'p',
        'podSelector: { matchLabels: { app: a } }\ningress:\n  - from: [{ ipBlock: { cidr: 0.0.0.0/0 } }, { ipBlock: { cidr: "2001:db8::/32", except: ["2001:db8:8000::/33"] } }]',
      ),
    },
    expected: [
      `${A} => ${B} : all`,
      `0.0.0.0/0 => ${A} : all`,
      `2001:db8::/33 => ${A} : all`,
      ...openIn(B), ...openOut(A), ...openOut(B),
    ], // prettier-ignore
  },
  {
    name: 'a workload without a readable name is left out (`name: y` is a YAML 1.1 boolean), as the API server rejects it',
    files: { 'a.yaml': abc['a.yaml'], 'y.yaml': deployment('default', 'y', { app: 'y' }) },
    expected: [...openIn(A), ...openOut(A)],
  },
];

describe('connectivity scenarios', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, () => {
      expect(connectivityLines(scenario.files).sort()).toEqual([...scenario.expected].sort());
    });
  }
});
