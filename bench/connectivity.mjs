// The connectivity benchmark of `npm run bench`: a generated workspace of 500 workloads (25
// namespaces of 20 Deployments) and 500 NetworkPolicies (per namespace: default deny, DNS
// egress, and 18 policies with same-namespace, cross-namespace, named-port and ipBlock rules),
// then the same with 50 cluster-wide policies (ClusterNetworkPolicy in both tiers,
// AdminNetworkPolicy, BaselineAdminNetworkPolicy). Times the full map (what the traffic map
// asks for) and single queries.

const NAMESPACES = 25;
const PER_NAMESPACE = 20;
const TIERS = ['frontend', 'backend', 'data'];

/**
 * 50 cluster-wide policies: per team label an Admin Pass of its own namespaces' traffic, an
 * Accept of DNS and of monitoring on `metrics`, a Deny of a tier's pods towards another
 * tier, a Deny of private networks; Baseline denies and accepts within a tier label; one
 * AdminNetworkPolicy and the BaselineAdminNetworkPolicy.
 */
function clusterPolicies() {
  const docs = [];
  const cnp = (name, tier, priority, body) =>
    `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n  tier: ${tier}\n  priority: ${priority}\n${body}`;
  for (let t = 0; t < 5; t++) {
    const team = `{ namespaces: { matchLabels: { team: t${t} } } }`;
    docs.push(
      cnp(`team-${t}-own`, 'Admin', 10 + t, `  subject: ${team}\n  ingress:\n    - { name: own-team, action: Pass, from: [${team}] }\n`),
      cnp(
        `team-${t}-dns`,
        'Admin',
        20 + t,
        `  subject: ${team}\n  egress:\n    - name: dns\n      action: Accept\n      to: [{ pods: { namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { k8s-app: kube-dns } } } }]\n      protocols: [{ udp: { destinationPort: { number: 53 } } }, { tcp: { destinationPort: { number: 53 } } }]\n`,
      ),
      cnp(
        `team-${t}-monitoring`,
        'Admin',
        30 + t,
        `  subject: ${team}\n  ingress:\n    - { name: monitoring, action: Accept, from: [{ namespaces: { matchLabels: { team: t${(t + 1) % 5} } } }], protocols: [{ destinationNamedPort: metrics }] }\n`,
      ),
    );
    for (let k = 0; k < 5; k++) {
      const from = TIERS[(t + k) % 3];
      const to = TIERS[(t + k + 1) % 3];
      docs.push(
        cnp(
          `team-${t}-${from}-not-${to}-${k}`,
          'Admin',
          100 + t * 10 + k,
          `  subject: { pods: { namespaceSelector: { matchLabels: { team: t${t} } }, podSelector: { matchLabels: { tier: ${from} } } } }\n  egress:\n    - { action: Deny, to: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { tier: ${to}, role: worker } } } }], protocols: [{ tcp: { destinationPort: { range: { start: ${8000 + k}, end: ${8010 + k} } } } }] }\n    - { action: Deny, to: [{ networks: [10.${t}.${k}.0/24, 192.168.${t * 5 + k}.0/24] }] }\n`,
        ),
      );
    }
    docs.push(
      cnp(`team-${t}-baseline`, 'Baseline', 10 + t, `  subject: ${team}\n  ingress:\n    - { action: Deny, from: [{ namespaces: {} }] }\n`),
    );
  }
  for (const tier of TIERS) {
    const same = `{ namespaces: { matchLabels: { tier: ${tier} } } }`;
    docs.push(
      cnp(`${tier}-among-themselves`, 'Baseline', 5, `  subject: ${same}\n  ingress:\n    - { action: Accept, from: [${same}] }\n`),
    );
  }
  docs.push(
    `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: gateways\nspec:\n  priority: 5\n  subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { role: gateway } } } }\n  ingress:\n    - { action: Allow, from: [{ namespaces: { matchLabels: { tier: frontend } } }], ports: [{ portNumber: { protocol: TCP, port: 443 } }] }\n`,
    `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata:\n  name: default\nspec:\n  subject: { namespaces: {} }\n  egress:\n    - { action: Deny, to: [{ networks: [0.0.0.0/0] }] }\n`,
  );
  return docs;
}

/** name -> YAML text: one file per namespace with its Namespace, workloads and policies (and one of cluster-wide policies when asked). */
export function generateConnectivityWorkspace({ withClusterPolicies = false } = {}) {
  const files = {};
  if (withClusterPolicies) files['cluster-policies.yaml'] = clusterPolicies().join('---\n');
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `team-${n}`;
    const docs = [`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels:\n    tier: ${TIERS[n % 3]}\n    team: t${n % 5}\n`];
    for (let w = 0; w < PER_NAMESPACE; w++) {
      docs.push(
        [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          `  name: app-${w}`,
          `  namespace: ${ns}`,
          'spec:',
          '  template:',
          '    metadata:',
          '      labels:',
          `        app: app-${w}`,
          `        role: ${w % 4 === 0 ? 'gateway' : 'worker'}`,
          `        tier: ${TIERS[w % 3]}`,
          '    spec:',
          '      containers:',
          '        - name: main',
          '          image: app',
          '          ports:',
          `            - { name: http, containerPort: ${8000 + w} }`,
          '            - { name: metrics, containerPort: 9090 }',
          '',
        ].join('\n'),
      );
    }
    docs.push(
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: ${ns}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n`,
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: dns\n  namespace: ${ns}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }\n          podSelector: { matchLabels: { k8s-app: kube-dns } }\n      ports: [{ protocol: UDP, port: 53 }, { protocol: TCP, port: 53 }]\n`,
    );
    for (let p = 0; p < PER_NAMESPACE - 2; p++) {
      const next = (p + 1) % PER_NAMESPACE;
      docs.push(
        [
          'apiVersion: networking.k8s.io/v1',
          'kind: NetworkPolicy',
          'metadata:',
          `  name: app-${p}`,
          `  namespace: ${ns}`,
          'spec:',
          '  podSelector:',
          `    matchLabels: { app: app-${p} }`,
          '  policyTypes: [Ingress, Egress]',
          '  ingress:',
          '    - from:',
          `        - podSelector: { matchLabels: { app: app-${next} } }`,
          '        - namespaceSelector: { matchLabels: { tier: frontend } }',
          '          podSelector: { matchLabels: { role: gateway } }',
          '      ports: [{ port: http }, { port: 8443, endPort: 8450 }]',
          '    - from:',
          `        - namespaceSelector: { matchLabels: { team: t${(n + 1) % 5} } }`,
          '      ports: [{ port: metrics }]',
          '  egress:',
          '    - to:',
          `        - podSelector: { matchExpressions: [{ key: tier, operator: In, values: [${TIERS[(p + 1) % 3]}] }] }`,
          '      ports: [{ port: http }]',
          '    - to:',
          '        - ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16] }',
          '      ports: [{ port: 443 }]',
          '',
        ].join('\n'),
      );
    }
    files[`${ns}.yaml`] = docs.join('---\n');
  }
  return files;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

/** Full map (median of `repeat` cold computations) and query latencies, in process. */
export async function connectivityBench(engine, repeat = 5, queries = 500, { withClusterPolicies = false } = {}) {
  const settings = { ...engine.DEFAULT_SETTINGS, maxFileSize: 50 * 1024 * 1024 };
  const texts = Object.entries(generateConnectivityWorkspace({ withClusterPolicies }));
  const fill = () => {
    const index = new engine.WorkspaceIndex();
    for (const [name, text] of texts)
      index.setFile(`file:///bench/${name}`, engine.indexObjects(`file:///bench/${name}`, engine.parseFile(text), settings));
    return index;
  };
  const maps = [];
  let result;
  for (let i = 0; i < repeat; i++) {
    // A fresh index each time: nothing is cached.
    const index = fill();
    const start = performance.now();
    result = engine.workspaceConnectivity(index);
    maps.push(performance.now() - start);
  }
  // The traffic map of that map: what the extension sends (graph, matrix), then what the
  // webview does with the graph (ELK layout, SVG). The first layout also loads ELK.
  const renders = [];
  const layouts = [];
  let view;
  let svg = '';
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    view = engine.renderView(result);
    renders.push(performance.now() - start);
    const drawStart = performance.now();
    svg = engine.renderMapSvg(await engine.layoutGraph(view.graph));
    layouts.push(performance.now() - drawStart);
  }
  const index = fill();
  const workloads = result.workloads;
  // Half the questions about allowed connections (on their first port), half about arbitrary pairs.
  const allowedPairs = result.connections.filter((c) => !('cidr' in c.from) && !('cidr' in c.to) && c.ports !== 'all');
  const times = [];
  let allowed = 0;
  for (let k = 0; k < queries; k++) {
    const known = allowedPairs[(k * 7919) % allowedPairs.length];
    const params =
      k % 2 && known
        ? { from: known.from, to: known.to, port: known.ports[0].port, protocol: known.ports[0].protocol }
        : {
            from: workloads[(k * 7919) % workloads.length],
            to: workloads[(k * 104729 + 13) % workloads.length],
            port: 'http',
            protocol: 'TCP',
          };
    const start = performance.now();
    const answer = engine.queryWorkspace(index, params);
    times.push(performance.now() - start);
    if (answer.allowed) allowed++;
  }
  // Edits of the cluster-wide policies' file: the diagnostics of the edited file (validation
  // with the workspace's lints, unchanged documents reused from the pool) and its re-indexing,
  // as the server does on didChange.
  const edits = [];
  const clusterFile = texts.find(([name]) => name === 'cluster-policies.yaml');
  if (clusterFile) {
    const [name, original] = clusterFile;
    const uri = `file:///bench/${name}`;
    const pool = new engine.ChunkPool();
    engine.validateText(original, settings, pool, index);
    for (let k = 0; k < 40; k++) {
      const text = original.replace('priority: 10\n', `priority: ${11 + (k % 7)}\n`);
      const start = performance.now();
      const { file } = engine.validateText(text, settings, pool, index);
      index.setFile(uri, engine.indexObjects(uri, file, settings));
      edits.push(performance.now() - start);
    }
  }
  return {
    workloads: workloads.length,
    policies: [...index.policyEntries()].length,
    clusterPolicies: index.clusterPolicies().length,
    ...(edits.length ? { clusterEditMedianMs: median(edits), clusterEditP95Ms: percentile(edits, 95) } : {}),
    connections: result.connections.length,
    mapMs: median(maps),
    trafficMapRenderMs: median(renders),
    trafficMapLayoutMs: median(layouts),
    trafficMapFirstLayoutMs: layouts[0],
    trafficMapKB: Math.round((svg.length + view.matrix.length) / 1024),
    /** The first query after a change builds the model of the workspace. */
    queryFirstMs: times[0],
    queryMedianMs: median(times),
    queryP95Ms: percentile(times, 95),
    queriesAllowed: allowed,
    queries,
  };
}
