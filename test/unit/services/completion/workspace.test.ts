import { describe, expect, it } from 'vitest';
import { policy, yaml } from '../../helpers';
import { complete, workspaceOf } from './complete';

const deployment = (name: string, namespace: string, labels: string, ports: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: ${name}, namespace: ${namespace}}
  spec:
    template:
      metadata:
        labels: ${labels}
      spec:
        containers:
          - name: main
            ports: ${ports}
`;

const workspace = workspaceOf({
  'web.yaml': deployment('web', 'shop', '{app: web, tier: frontend}', '[{name: http, containerPort: 8080}]'),
  'api.yaml': deployment('api', 'shop', '{app: api, tier: backend}', '[{name: grpc, containerPort: 9000}]'),
  'db.yaml': deployment(
    'db',
    'shop',
    '{app: db, version: "1.0"}',
    '[{name: postgres, containerPort: 5432}, {name: metrics, containerPort: 9187, protocol: UDP}]',
  ),
  'prom.yaml': deployment('prometheus', 'monitoring', '{app: prometheus, team: obs}', '[{name: web, containerPort: 9090}]'),
  'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: shop\n',
});

const inShop = (spec: string) => policy(spec, 'name: test\nnamespace: shop');

describe('completions from the workspace', () => {
  it('offers the pod label keys of the policy’s namespace, most used first', () => {
    const c = complete(inShop('podSelector:\n  matchLabels:\n    |'), workspace);
    expect(c.labels()).toEqual(['app', 'tier', 'version']);
    expect(c.item('app').detail).toBe('label of 3 workloads');
    expect(c.accept('app')).toContain('matchLabels:\n      app: ');
    expect(c.item('app').command?.command).toBe('editor.action.triggerSuggest');
  });

  it('leaves out the keys already present', () => {
    expect(complete(inShop('podSelector:\n  matchLabels: {app: web, |}'), workspace).labels()).toEqual(['tier', 'version']);
  });

  it('offers the values of the key on the same line, quoted when YAML would misread them', () => {
    const c = complete(inShop('podSelector:\n  matchLabels:\n    app: |'), workspace);
    expect(c.labels()).toEqual(['api', 'db', 'web']);
    const version = complete(inShop('podSelector:\n  matchLabels: {version: |}'), workspace);
    expect(version.labels()).toEqual(['1.0']);
    expect(version.accept('1.0')).toContain('{version: "1.0"}');
  });

  it('offers namespace labels in a namespaceSelector, the policy’s namespace first', () => {
    const c = complete(
      inShop('podSelector: {}\ningress:\n  - from:\n      - namespaceSelector:\n          matchLabels:\n            |'),
      workspace,
    );
    expect(c.labels()[0]).toBe('kubernetes.io/metadata.name');
    expect(c.labels()).toContain('team');
    expect(c.labels()).not.toContain('app');
    const names = complete(
      inShop(
        'podSelector: {}\ningress:\n  - from:\n      - namespaceSelector:\n          matchLabels:\n            kubernetes.io/metadata.name: |',
      ),
      workspace,
    );
    expect(names.labels()[0]).toBe('shop');
    expect(names.labels()).toEqual(expect.arrayContaining(['monitoring', 'kube-system', 'default']));
  });

  it('offers label keys and values in match expressions', () => {
    const keys = complete(inShop('podSelector:\n  matchExpressions:\n    - key: |'), workspace);
    expect(keys.labels()[0]).toBe('app');
    expect(keys.accept('tier')).toContain('- key: tier\n');
    const values = complete(
      inShop('podSelector:\n  matchExpressions:\n    - key: tier\n      operator: In\n      values:\n        - frontend\n        - |'),
      workspace,
    );
    expect(values.labels()).toEqual(['backend']);
  });

  it('offers the labels of the pods of the namespace a policy is in, whichever it is', () => {
    const inMonitoring = (spec: string) => policy(spec, 'name: test\nnamespace: monitoring');
    expect(complete(inMonitoring('podSelector:\n  matchLabels:\n    |'), workspace).labels()).toEqual(['app', 'team']);
    expect(complete(inMonitoring('podSelector:\n  matchLabels: {app: |}'), workspace).labels()).toEqual(['prometheus']);
    // The namespace is read from the text when the document does not parse yet.
    const halfTyped = inMonitoring('podSelector:\n  matchLabels:\n    app: |\nfoo: [');
    expect(complete(halfTyped, workspace).labels()).toEqual(['prometheus']);
  });

  it('offers well-known labels when the workspace has no workload', () => {
    const c = complete(policy('podSelector:\n  matchLabels:\n    |'));
    expect(c.labels()).toEqual(expect.arrayContaining(['app.kubernetes.io/name', 'app', 'k8s-app']));
    expect(complete(policy('podSelector:\n  matchLabels:\n    k8s-app: |')).labels()).toEqual(['kube-dns']);
  });

  it('offers namespace names for metadata.namespace', () => {
    const c = complete(policy('podSelector: {}', 'name: x\nnamespace: |'), workspace);
    expect(c.labels()[0]).toBe('shop');
    expect(c.labels()).toEqual(expect.arrayContaining(['monitoring', 'default', 'kube-system']));
  });

  it('offers the named ports of the selected pods in an ingress rule', () => {
    const c = complete(inShop('podSelector:\n  matchLabels: {app: web}\ningress:\n  - ports:\n      - port: |'), workspace);
    expect(c.labels().slice(0, 2)).toEqual(['http', '8080']);
    expect(c.item('http').detail).toBe('TCP 8080 on Deployment shop/web');
    expect(c.labels()).not.toContain('grpc');
    expect(c.labels()).toContain('443');
  });

  it('offers the named ports of the peer’s pods in an egress rule, for the protocol written', () => {
    const text = inShop(
      'podSelector:\n  matchLabels: {app: web}\negress:\n  - to:\n      - podSelector:\n          matchLabels: {app: db}\n    ports:\n      - port: |',
    );
    expect(complete(text, workspace).labels().slice(0, 2)).toEqual(['postgres', '5432']);
    const udp = text.replace('- port: |', '- protocol: UDP\n          port: |');
    expect(complete(udp, workspace).labels().slice(0, 2)).toEqual(['metrics', '9187']);
    const other = inShop(
      'podSelector: {}\negress:\n  - to:\n      - namespaceSelector:\n          matchLabels: {kubernetes.io/metadata.name: monitoring}\n    ports:\n      - port: |',
    );
    expect(complete(other, workspace).labels().slice(0, 2)).toEqual(['web', '9090']);
  });
});

describe('pod labels of a peer, from the namespaces it looks in', () => {
  const namespaced = workspaceOf({
    'web.yaml': deployment('web', 'shop', '{app: web, tier: frontend}', '[]'),
    'prom.yaml': deployment('prometheus', 'monitoring', '{app: prometheus, team: obs}', '[]'),
    'grafana.yaml': deployment('grafana', 'dashboards', '{app: grafana, team: obs}', '[]'),
    'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n  labels:\n    purpose: metrics\n',
  });
  const peer = (lines: string, direction: 'ingress' | 'egress' = 'ingress') =>
    inShop(`podSelector: {}\n${direction}:\n  - ${direction === 'ingress' ? 'from' : 'to'}:\n${lines}`);
  const labels = (text: string) => complete(text, namespaced).labels();

  it('a podSelector alone: the pods of the policy’s namespace', () => {
    expect(labels(peer('      - podSelector:\n          matchLabels:\n            |'))).toEqual(['app', 'tier']);
    expect(labels(peer('      - podSelector:\n          matchLabels:\n            app: |', 'egress'))).toEqual(['web']);
  });

  it('with a namespaceSelector: the pods of the namespaces it selects, by name or by label', () => {
    const byName =
      '      - namespaceSelector:\n          matchLabels: {kubernetes.io/metadata.name: monitoring}\n        podSelector:\n          matchLabels:\n            ';
    expect(labels(peer(`${byName}|`))).toEqual(['app', 'team']);
    expect(labels(peer(`${byName}app: |`))).toEqual(['prometheus']);
    expect(labels(peer(`${byName}app: |`, 'egress'))).toEqual(['prometheus']);
    const byLabel =
      '      - podSelector:\n          matchLabels:\n            app: |\n        namespaceSelector:\n          matchLabels: {purpose: metrics}';
    expect(labels(peer(byLabel))).toEqual(['prometheus']);
    const expressions =
      '      - namespaceSelector:\n          matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [monitoring, dashboards]}]\n        podSelector:\n          matchExpressions:\n            - key: app\n              operator: In\n              values: [|]';
    expect(labels(peer(expressions))).toEqual(['grafana', 'prometheus']);
  });

  it('in flow style', () => {
    const flow =
      '      - {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dashboards}}, podSelector: {matchLabels: {app: |}}}';
    expect(labels(peer(flow))).toEqual(['grafana']);
  });

  it('an empty namespaceSelector: the pods of every namespace, the policy’s own first', () => {
    const all = '      - namespaceSelector: {}\n        podSelector:\n          matchLabels:\n            app: |';
    expect(labels(peer(all))).toEqual(['web', 'grafana', 'prometheus']);
  });

  it('a namespaceSelector that selects no namespace with workloads: well-known labels only', () => {
    const none =
      '      - namespaceSelector:\n          matchLabels: {kubernetes.io/metadata.name: payments}\n        podSelector:\n          matchLabels:\n            |';
    expect(labels(peer(none))).toEqual(expect.arrayContaining(['app.kubernetes.io/name', 'k8s-app']));
    expect(labels(peer(none))).not.toContain('tier');
  });

  it('a namespaceSelector not readable yet: the pods of every namespace', () => {
    const unreadable =
      '      - namespaceSelector:\n          matchLabels: {purpose: [metrics]}\n        podSelector:\n          matchLabels:\n            app: |';
    expect(labels(peer(unreadable))).toEqual(['web', 'grafana', 'prometheus']);
    // A broken line elsewhere in the document changes nothing.
    expect(labels(`${peer('      - podSelector:\n          matchLabels:\n            app: |')}\nfoo: [`)).toEqual(['web']);
  });
});

describe('completions in quoted values', () => {
  it('filters by what follows the quote and replaces the whole quoted value', () => {
    const c = complete(inShop('podSelector:\n  matchLabels:\n    app: "w|"'), workspace);
    expect(c.replaced()).toBe('"w"');
    expect(c.item('web').filterText).toBe('"web');
    expect(c.accept('web')).toContain('    app: web\n');
  });
});
