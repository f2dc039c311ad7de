// Generates the benchmark manifest: NetworkPolicies of realistic variety among Deployments,
// `---`-separated in one file, as an install bundle would be. Deterministic (seeded).

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TIERS = ['frontend', 'backend', 'cache', 'db', 'worker'];

function deployment(i, ns, random) {
  const tier = TIERS[i % TIERS.length];
  const env = Array.from(
    { length: 3 + Math.floor(random() * 5) },
    (_, k) => `            - name: SETTING_${k}\n              value: "value-${i}-${k}"`,
  ).join('\n');
  return `# Deployment ${i}: ${tier} service of team ${ns}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: app-${i}
    app.kubernetes.io/part-of: shop
    tier: ${tier}
  annotations:
    deployment.kubernetes.io/revision: "${1 + (i % 7)}"
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels:
      app.kubernetes.io/name: app-${i}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: app-${i}
        tier: ${tier}
        version: "v${1 + (i % 4)}"
    spec:
      serviceAccountName: app-${i}
      securityContext:
        runAsNonRoot: true
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: main
          image: registry.example.com/shop/app-${i}:1.${i % 20}.${i % 9}
          args: ["--port=8080", "--metrics-port=9090", "--log-level=info"]
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            - name: metrics
              containerPort: 9090
          env:
${env}
          readinessProbe:
            httpGet: { path: /healthz, port: http }
            periodSeconds: 10
          livenessProbe:
            httpGet: { path: /livez, port: http }
            initialDelaySeconds: 15
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: "1", memory: 512Mi }
        - name: proxy
          image: registry.example.com/proxy:2.${i % 5}
          ports:
            - { name: proxy, containerPort: 15001 }
`;
}

function policy(i, ns, random) {
  const tier = TIERS[i % TIERS.length];
  const other = TIERS[(i + 1) % TIERS.length];
  const shape = i % 8;
  // About one policy in twenty carries a mistake the API server rejects.
  const bad = random() < 0.05;
  const header = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${tier}-policy-${i}
  namespace: ${ns}
  labels: { app.kubernetes.io/part-of: shop }
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: app-${i}
`;
  switch (shape) {
    case 0:
      return `${header}  policyTypes: [Ingress, Egress]\n`;
    case 1:
      return `${header}  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ${ns}
          podSelector:
            matchLabels:
              tier: ${other}
      ports:
        - protocol: ${bad ? 'tcp' : 'TCP'}
          port: 8080
        - port: metrics
`;
    case 2:
      return `${header}  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector:
            matchLabels: { kubernetes.io/metadata.name: kube-system }
          podSelector:
            matchLabels: { k8s-app: kube-dns }
      ports:
        - { protocol: UDP, port: 53 }
        - { protocol: TCP, port: 53 }
    - to:
        - ipBlock:
            cidr: ${bad ? '10.0.0.1/8' : '10.0.0.0/8'}
            except: [10.${i % 250}.0.0/16, 10.${(i + 1) % 250}.128.0/17]
      ports:
        - { protocol: TCP, port: 5432, endPort: ${bad ? 5000 : 5439} }
`;
    case 3:
      return `${header}    matchExpressions:
      - key: tier
        operator: ${bad ? 'in' : 'In'}
        values: [${tier}, ${other}]
      - { key: canary, operator: DoesNotExist }
  ingress:
    - from:
        - podSelector:
            matchLabels: { tier: frontend }
        - ipBlock:
            cidr: 192.168.${i % 255}.0/24
      ports:
        - port: 8080
          endPort: 8090
`;
    case 4:
      return `${header}  ingress:
    - {}
  egress:
    - to:
        - podSelector: {}
  policyTypes: [Ingress, Egress]
`;
    case 5:
      return `${header}  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchExpressions:
              - key: team
                operator: NotIn
                values: [sandbox, experiments]
      ports:
        - protocol: SCTP
          port: ${bad ? 70000 : 3868}
`;
    case 6:
      return `${header}  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except:
              - 10.0.0.0/8
              - 172.16.0.0/12
              - 192.168.0.0/16
        - ipBlock:
            cidr: "2001:db8::/32"
      ports:
        - { port: 443 }
`;
    default:
      return `${header}  ingress:
    - from:
        - namespaceSelector: {}
          podSelector:
            matchLabels:
              app.kubernetes.io/name: prometheus
      ports:
        - port: metrics
    - from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: ingress-nginx
      ${bad ? 'fromm: []\n      ' : ''}ports:
        - port: http
`;
  }
}

/** `count` Deployments and `count` NetworkPolicies, alternating. */
export function generateManifest(count = 1000, seed = 42) {
  const random = rng(seed);
  const parts = [];
  for (let i = 0; i < count; i++) {
    const ns = `team-${i % 25}`;
    parts.push(deployment(i, ns, random), policy(i, ns, random));
  }
  return parts.join('---\n');
}

/**
 * A workspace of `files` manifests in folders, as a GitOps repository would hold them:
 * one Namespace file per team, Deployments/StatefulSets with their Services, and
 * NetworkPolicies that select them (some documents grouped per file). Returns
 * { relativePath: text }.
 */
export function generateWorkspace(files = 5000, seed = 7) {
  const random = rng(seed);
  const out = {};
  const teams = 50;
  for (let t = 0; t < teams; t++) {
    out[`teams/team-${t}/namespace.yaml`] = `apiVersion: v1
kind: Namespace
metadata:
  name: team-${t}
  labels:
    team: team-${t}
    environment: ${t % 3 === 0 ? 'production' : 'staging'}
`;
  }
  let i = 0;
  while (Object.keys(out).length < files) {
    const t = i % teams;
    const ns = `team-${t}`;
    if (i % 5 < 3) {
      out[`teams/${ns}/apps/app-${i}.yaml`] = `${deployment(i, ns, random)}---
apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: ${ns}
spec:
  selector:
    app.kubernetes.io/name: app-${i}
  ports:
    - { name: http, port: 80, targetPort: http }
`;
    } else {
      out[`teams/${ns}/policies/policy-${i}.yaml`] = policy(i, ns, random);
    }
    i++;
  }
  return out;
}
