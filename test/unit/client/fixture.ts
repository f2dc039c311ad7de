import type { ConnectivityResult, QueryResult } from '../../../server/src/protocol';

/** A small workspace's connectivity as the server reports it (the shape of `netpol/connectivity`). */
export const SHOP: ConnectivityResult = {
  workloads: [
    { namespace: 'shop', kind: 'Deployment', name: 'web', labels: { app: 'web' } },
    { namespace: 'shop', kind: 'Deployment', name: 'frontend', labels: { role: 'frontend' } },
    { namespace: 'data', kind: 'StatefulSet', name: 'db', labels: { app: 'db' } },
  ],
  locations: [],
  notApplied: [],
  connections: [
    {
      from: { namespace: 'shop', kind: 'Deployment', name: 'frontend' },
      to: { namespace: 'shop', kind: 'Deployment', name: 'web' },
      ports: [{ protocol: 'TCP', port: 8080 }],
    },
    {
      from: { namespace: 'shop', kind: 'Deployment', name: 'web' },
      to: { namespace: 'data', kind: 'StatefulSet', name: 'db' },
      ports: [
        { protocol: 'TCP', port: 5432 },
        { protocol: 'UDP', port: 9000, endPort: 9100 },
      ],
    },
    {
      from: { namespace: 'data', kind: 'StatefulSet', name: 'db' },
      to: { namespace: 'shop', kind: 'Deployment', name: 'web' },
      ports: 'all',
    },
    { from: { namespace: 'shop', kind: 'Deployment', name: 'web' }, to: { cidr: '0.0.0.0/5' }, ports: [{ protocol: 'TCP', port: 443 }] },
    { from: { cidr: '203.0.113.0/24' }, to: { namespace: 'shop', kind: 'Deployment', name: 'frontend' }, ports: 'all' },
  ],
};

const location = (line: number) => ({
  uri: 'file:///work/policies.yaml',
  range: { start: { line, character: 2 }, end: { line, character: 9 } },
});

/** frontend -> web on TCP 8080: web's ingress allows it by one rule, frontend's egress is not isolated. */
export const ALLOWED: QueryResult = {
  allowed: true,
  egress: { allowed: true, isolated: false, policies: [], reason: 'No policy selects shop/frontend for egress.' },
  ingress: {
    allowed: true,
    isolated: true,
    policies: [
      {
        namespace: 'shop',
        name: 'web-allow-frontend',
        location: location(24),
        rules: [{ path: 'spec.ingress[0]', location: location(33) }],
      },
      { namespace: 'shop', name: 'default-deny', location: location(50), rules: [] },
    ],
    reason: 'Rule spec.ingress[0] of shop/web-allow-frontend allows it.',
  },
  notApplied: [],
};

/** The same pair on TCP 22: isolated by both policies, no rule allows it. */
export const DENIED: QueryResult = {
  allowed: false,
  egress: { allowed: true, isolated: false, policies: [], reason: 'No policy selects shop/frontend for egress.' },
  ingress: {
    allowed: false,
    isolated: true,
    policies: [
      { namespace: 'shop', name: 'web-allow-frontend', location: location(24), rules: [] },
      { namespace: 'shop', name: 'default-deny', rules: [] },
    ],
    reason: 'No rule of the 2 policies selecting shop/web allows TCP 22 from shop/frontend.',
  },
  notApplied: [],
};

/** A policy of the workspace the cluster would refuse, as connectivity results list it. */
export const REJECTED = {
  namespace: 'shop',
  name: 'web-egress',
  location: location(70),
  reason: 'spec.egress[0].to[0].ipBlock.cidr: Required value',
};
