import { describe, expect, it } from 'vitest';
import type { Json } from '../../../server/src/model/json';
import {
  NAMESPACE_NAME_LABEL,
  objectsOf,
  WORKLOAD_KINDS,
  type KubeObject,
  type NamespaceObject,
  type PolicyObject,
  type ServiceObject,
  type WorkloadObject,
} from '../../../server/src/model/objects';
import { isNetworkPolicyObject } from '../../../server/src/rules/validateDocument';
import { parseFile } from '../../../server/src/yaml/file';
import { yaml } from '../helpers';

/** The JSON kubectl would send for a one-document YAML text. */
function jsonOf(text: string): Json | undefined {
  return parseFile(text).chunks[0]?.parsed.documents[0]?.json;
}

const objects = (text: string, defaultNamespace = 'default'): KubeObject[] =>
  objectsOf(jsonOf(text), defaultNamespace, isNetworkPolicyObject);

function only<T extends KubeObject>(text: string, defaultNamespace = 'default'): T {
  const found = objects(text, defaultNamespace);
  expect(found).toHaveLength(1);
  return found[0] as T;
}

/** Plain objects, so that null-prototype label maps compare with toEqual. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/** A workload of `kind` with these pod labels, written where that kind keeps its pod template. */
function workload(kind: string, labels: string): string {
  const pod = yaml`
    metadata:
      labels: ${labels}
    spec:
      containers:
        - name: main
          image: nginx
          ports:
            - { containerPort: 8080, name: http }
  `;
  const indent = (text: string, by: number) =>
    text
      .split('\n')
      .map((line) => (line === '' ? line : ' '.repeat(by) + line))
      .join('\n');
  if (kind === 'Pod') return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\n  namespace: team\n${pod.slice('metadata:\n'.length)}`;
  const head = `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: w\n  namespace: team\n  labels: { owner-label: not-a-pod-label }\n`;
  if (kind === 'CronJob') return `${head}spec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n${indent(pod, 8)}`;
  return `${head}spec:\n  replicas: 2\n  template:\n${indent(pod, 4)}`;
}

describe('workloads', () => {
  it.each(WORKLOAD_KINDS.map((kind) => [kind]))('reads the pod labels and ports of a %s from its pod template', (kind) => {
    const found = only<WorkloadObject>(workload(kind, '{ app: web, tier: front }'));
    expect(plain(found)).toEqual({
      kind,
      name: 'w',
      namespace: 'team',
      podLabels: { app: 'web', tier: 'front' },
      podLabelsPath:
        kind === 'Pod'
          ? ['metadata', 'labels']
          : kind === 'CronJob'
            ? ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels']
            : ['spec', 'template', 'metadata', 'labels'],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      path: [],
    });
  });

  it('does not take the workload’s own labels as pod labels', () => {
    expect(plain(only<WorkloadObject>(workload('Deployment', '{}')).podLabels)).toEqual({});
  });

  it('reads a CronJob only at spec.jobTemplate.spec.template (not spec.template)', () => {
    const text = yaml`
      apiVersion: batch/v1
      kind: CronJob
      metadata: { name: c }
      spec:
        template:
          metadata: { labels: { app: wrong } }
    `;
    expect(plain(only<WorkloadObject>(text).podLabels)).toEqual({});
  });

  it('reads container ports: every container, protocol defaulted to TCP, name optional', () => {
    const text = yaml`
      kind: Pod
      metadata: { name: p }
      spec:
        containers:
          - name: a
            ports:
              - { containerPort: 80 }
              - { containerPort: 53, protocol: UDP, name: dns }
              - { containerPort: 3868, protocol: SCTP, name: diameter }
              - { containerPort: 81, protocol: null }
          - name: b
            ports:
              - { containerPort: 9090, name: metrics }
          - name: c
        initContainers:
          - name: init
            ports: [{ containerPort: 7000, name: init-port }]
    `;
    expect(only<WorkloadObject>(text).ports).toEqual([
      { port: 80, protocol: 'TCP' },
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'diameter', port: 3868, protocol: 'SCTP' },
      { port: 81, protocol: 'TCP' },
      { name: 'metrics', port: 9090, protocol: 'TCP' },
    ]);
  });

  it('defaults an empty container port protocol to TCP, as SetDefaults_ContainerPort does', () => {
    const text = yaml`
      kind: Pod
      metadata: { name: p }
      spec:
        containers:
          - ports: [{ containerPort: 80, protocol: "" }]
    `;
    expect(only<WorkloadObject>(text).ports).toEqual([{ port: 80, protocol: 'TCP' }]);
  });

  it('leaves out ports it cannot read', () => {
    const text = yaml`
      kind: Pod
      metadata: { name: p }
      spec:
        containers:
          - ports:
              - { containerPort: "80" }
              - { name: no-number }
              - { containerPort: 81, protocol: tcp }
              - { containerPort: 82, protocol: ICMP }
              - 83
              - { containerPort: 84, name: 5 }
          - ports: { containerPort: 85 }
          - 7
          - ports: [{ containerPort: 86 }]
    `;
    expect(only<WorkloadObject>(text).ports).toEqual([
      { port: 84, protocol: 'TCP' },
      { port: 86, protocol: 'TCP' },
    ]);
  });

  it('is read leniently when broken', () => {
    const cases: [string, Partial<WorkloadObject>][] = [
      ['kind: Deployment', { name: '', namespace: 'default', podLabels: {}, ports: [] }],
      ['kind: Deployment\nmetadata: []\nspec: 5', { name: '', podLabels: {}, ports: [] }],
      ['kind: Deployment\nmetadata: { name: 5, namespace: [] }', { name: '', namespace: 'default' }],
      ['kind: Deployment\nspec: { template: [] }', { podLabels: {} }],
      ['kind: Deployment\nspec: { template: { metadata: { labels: [a] } } }', { podLabels: {} }],
      ['kind: Deployment\nspec: { template: { spec: { containers: { name: a } } } }', { ports: [] }],
      // Values that are not strings are left out (the API server rejects them); the rest is kept.
      ['kind: Pod\nmetadata: { labels: { app: web, enabled: true, yes: yes, count: 1, o: {}, l: [] } }', { podLabels: { app: 'web' } }],
    ];
    for (const [text, expected] of cases) {
      expect(plain(only<WorkloadObject>(text)), text).toMatchObject(expected);
    }
  });

  it('reads a null label value as the empty string, as the API server decodes it', () => {
    // `app:` with no value is JSON null; encoding/json stores "" for it in a map[string]string.
    expect(plain(only<WorkloadObject>('kind: Pod\nmetadata:\n  labels:\n    app:\n    tier: db').podLabels)).toEqual({
      app: '',
      tier: 'db',
    });
  });

  it('gives label maps a null prototype (labels such as __proto__ or constructor are data)', () => {
    const found = only<WorkloadObject>('kind: Pod\nmetadata:\n  labels: { constructor: a, __proto__: b }');
    expect(Object.getPrototypeOf(found.podLabels)).toBeNull();
    expect(Object.keys(found.podLabels).sort()).toEqual(['__proto__', 'constructor']);
    expect(only<WorkloadObject>('kind: Pod').podLabels.constructor).toBeUndefined();
  });

  it('is case-sensitive about kinds (kubectl does not know `deployment`)', () => {
    expect(objects('kind: deployment\nmetadata: { name: d }')).toEqual([]);
  });
});

describe('namespaces', () => {
  it('places objects without a namespace in the default namespace', () => {
    expect(only<WorkloadObject>('kind: Pod\nmetadata: { name: p }', 'kube-context').namespace).toBe('kube-context');
    expect(only<WorkloadObject>('kind: Pod\nmetadata: { name: p, namespace: "" }', 'ctx').namespace).toBe('ctx');
    expect(only<WorkloadObject>('kind: Pod\nmetadata: { name: p, namespace: null }', 'ctx').namespace).toBe('ctx');
    expect(only<ServiceObject>('kind: Service\nmetadata: { name: s }', 'ctx').namespace).toBe('ctx');
    expect(only<PolicyObject>('kind: NetworkPolicy\nmetadata: { name: n }', 'ctx')).toMatchObject({
      namespace: 'ctx',
      namespaceGiven: false,
    });
    expect(only<PolicyObject>('kind: NetworkPolicy\nmetadata: { name: n, namespace: "" }', 'ctx')).toMatchObject({
      namespace: 'ctx',
      namespaceGiven: false,
    });
    expect(only<PolicyObject>('kind: NetworkPolicy\nmetadata: { name: n, namespace: x }', 'ctx')).toMatchObject({
      namespace: 'x',
      namespaceGiven: true,
    });
  });

  it('reads a Namespace with its labels and the automatic kubernetes.io/metadata.name', () => {
    const found = only<NamespaceObject>('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n  labels: { team: a, env: prod }');
    expect(plain(found)).toEqual({
      kind: 'Namespace',
      name: 'team-a',
      labels: { team: 'a', env: 'prod', [NAMESPACE_NAME_LABEL]: 'team-a' },
      path: [],
    });
    expect(NAMESPACE_NAME_LABEL).toBe('kubernetes.io/metadata.name');
  });

  it('gives a Namespace without labels just its name label', () => {
    expect(plain(only<NamespaceObject>('kind: Namespace\nmetadata: { name: plain }').labels)).toEqual({ [NAMESPACE_NAME_LABEL]: 'plain' });
  });

  it('sets the name label to the name, whatever is written (the API server overwrites it)', () => {
    const found = only<NamespaceObject>(`kind: Namespace\nmetadata:\n  name: real\n  labels: { ${NAMESPACE_NAME_LABEL}: fake }`);
    expect(found.labels[NAMESPACE_NAME_LABEL]).toBe('real');
  });

  it('has no namespace of its own (Namespaces are cluster-scoped)', () => {
    expect(only<NamespaceObject>('kind: Namespace\nmetadata: { name: a, namespace: b }')).not.toHaveProperty('namespace');
  });
});

describe('services', () => {
  it('reads the selector and ports', () => {
    const text = yaml`
      apiVersion: v1
      kind: Service
      metadata: { name: web, namespace: team }
      spec:
        selector: { app: web }
        ports:
          - { name: http, port: 80, targetPort: 8080 }
          - { name: https, port: 443, targetPort: https, protocol: TCP }
          - { port: 53, protocol: UDP }
          - { port: 9000, protocol: "" }
          - { port: "81" }
          - { port: 82, protocol: udp }
    `;
    expect(plain(only<ServiceObject>(text))).toEqual({
      kind: 'Service',
      name: 'web',
      namespace: 'team',
      selector: { app: 'web' },
      ports: [
        { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
        { name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' },
        { port: 53, protocol: 'UDP' },
        { port: 9000, protocol: 'TCP' }, // SetDefaults_Service: an empty protocol is TCP
      ],
      path: [],
    });
  });

  it('has no selector when none is written (endpoints managed elsewhere)', () => {
    for (const spec of ['spec: { ports: [{ port: 80 }] }', 'spec: { selector: null }', 'spec: { selector: [a] }', '']) {
      const found = only<ServiceObject>(`kind: Service\nmetadata: { name: s }\n${spec}`);
      expect(found, spec).not.toHaveProperty('selector');
    }
  });

  it('keeps an empty selector as written', () => {
    expect(plain(only<ServiceObject>('kind: Service\nmetadata: { name: s }\nspec: { selector: {} }').selector)).toEqual({});
  });
});

describe('network policies', () => {
  it('keeps the JSON of a Kubernetes NetworkPolicy', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: p, namespace: team }\nspec: { podSelector: {} }';
    const found = only<PolicyObject>(text);
    expect(found).toMatchObject({ kind: 'NetworkPolicy', name: 'p', namespace: 'team', namespaceGiven: true, path: [] });
    expect(found.json).toEqual(jsonOf(text));
  });

  it('recognises a misspelled kind of the Kubernetes API group (it is still meant as one)', () => {
    expect(only<PolicyObject>('apiVersion: networking.k8s.io/v1\nkind: networkpolicy\nmetadata: { name: p }').kind).toBe('NetworkPolicy');
  });

  it('leaves out the NetworkPolicy of other API groups (CRDs such as Calico)', () => {
    expect(objects('apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: { name: p }')).toEqual([]);
  });
});

describe('lists', () => {
  it('reads the items of a List, with their paths', () => {
    const text = yaml`
      apiVersion: v1
      kind: List
      items:
        - { kind: Namespace, metadata: { name: team } }
        - 5
        - { kind: Deployment, metadata: { name: d, namespace: team }, spec: { template: { metadata: { labels: { app: d } } } } }
        - { metadata: { name: no-kind } }
        - { kind: ConfigMap, metadata: { name: c } }
        - { kind: Service, metadata: { name: s } }
        - { apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: { name: p } }
    `;
    expect(objects(text, 'ctx').map((o) => [o.kind, o.name, o.path])).toEqual([
      ['Namespace', 'team', ['items', 0]],
      ['Deployment', 'd', ['items', 2]],
      ['Service', 's', ['items', 5]],
      ['NetworkPolicy', 'p', ['items', 6]],
    ]);
    expect(objects(text, 'ctx').map((o) => ('namespace' in o ? o.namespace : '-'))).toEqual(['-', 'team', 'ctx', 'ctx']);
  });

  it('reads a NetworkPolicyList whose items leave out their kind', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicyList
      items:
        - metadata: { name: a, namespace: x }
          spec: { podSelector: {} }
        - apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: b }
        - apiVersion: projectcalico.org/v3
          kind: NetworkPolicy
          metadata: { name: calico }
    `;
    const found = objects(text) as PolicyObject[];
    expect(found.map((o) => [o.kind, o.name, o.namespace, o.namespaceGiven, o.path])).toEqual([
      ['NetworkPolicy', 'a', 'x', true, ['items', 0]],
      ['NetworkPolicy', 'b', 'default', false, ['items', 1]],
    ]);
  });

  it('reads the items of other typed lists (DeploymentList, NamespaceList)', () => {
    expect(
      objects('kind: DeploymentList\nitems:\n  - metadata: { name: d }\n    spec: { template: { metadata: { labels: { a: b } } } }').map(
        (o) => [o.kind, o.name, plain((o as WorkloadObject).podLabels)],
      ),
    ).toEqual([['Deployment', 'd', { a: 'b' }]]);
    expect(objects('kind: NamespaceList\nitems:\n  - metadata: { name: ns1 }').map((o) => [o.kind, o.name, o.path])).toEqual([
      ['Namespace', 'ns1', ['items', 0]],
    ]);
  });

  it('reads nothing from a List without items, or with items that are not a list', () => {
    expect(objects('kind: List')).toEqual([]);
    expect(objects('kind: List\nitems: { kind: Pod }')).toEqual([]);
    expect(objects('kind: List\nitems: []')).toEqual([]);
  });

  it('does not read nested lists', () => {
    expect(objects('kind: List\nitems:\n  - kind: List\n    items: [{ kind: Pod, metadata: { name: p } }]')).toEqual([]);
  });
});

describe('other documents', () => {
  it.each([
    ['an empty document', ''],
    ['a scalar', 'hello'],
    ['a list', '- kind: Pod'],
    ['an object of another kind', 'kind: ConfigMap\nmetadata: { name: c }'],
    ['an object without kind', 'metadata: { name: c }'],
    ['a kind of the wrong type', 'kind: [Pod]'],
  ])('reads nothing from %s', (_name, text) => {
    expect(objects(text)).toEqual([]);
  });

  it('reads nothing from undefined or null JSON', () => {
    expect(objectsOf(undefined, 'default', isNetworkPolicyObject)).toEqual([]);
    expect(objectsOf(null, 'default', isNetworkPolicyObject)).toEqual([]);
  });
});
