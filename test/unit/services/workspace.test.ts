import { describe, expect, it } from 'vitest';
import type { Range } from 'vscode-languageserver-types';
import type { WorkloadObject } from '../../../server/src/model/objects';
import { indexObjects, shortLocation, WorkspaceIndex, type IndexedObject } from '../../../server/src/services/workspace';
import { parseFile } from '../../../server/src/yaml/file';
import { LineIndex } from '../../../server/src/yaml/lineIndex';
import { offsetOf, settingsFor, yaml, type TestOptions } from '../helpers';

const uriOf = (name: string) => `file:///ws/${name}`;

function indexText(name: string, text: string, options: TestOptions = {}): IndexedObject[] {
  return indexObjects(uriOf(name), parseFile(text), settingsFor(options));
}

/** An index of these files (name -> YAML). */
function indexOf(files: Record<string, string>, options: TestOptions = {}): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) index.setFile(uriOf(name), indexText(name, text, options));
  return index;
}

/** The text a range covers. */
function textAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

const startOf = (text: string, range: Range) => new LineIndex(text).offsetAt(range.start);

/** Offset of the value of `name: <name>` in a text. */
const nameOffset = (text: string, name: string, nth = 0) => offsetOf(text, `name: ${name}`, nth) + 'name: '.length;

const NAMESPACES = yaml`
  apiVersion: v1
  kind: Namespace
  metadata:
    name: team-a
    labels: { team: a }
  ---
  apiVersion: v1
  kind: Namespace
  metadata:
    name: team-b
    labels: { team: b }
`;

const APPS = yaml`
  # the apps
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: team-a
    labels: { owner: platform }
    annotations: { note: first }
  spec:
    replicas: 2
    selector: { matchLabels: { app: web } }
    template:
      metadata:
        labels: { app: web, tier: front }
      spec:
        containers:
          - name: web
            image: nginx:1.27
            ports: [{ containerPort: 8080, name: http }]
  ---
  apiVersion: apps/v1
  kind: StatefulSet
  metadata:
    name: db
    namespace: team-b
  spec:
    template:
      metadata:
        labels: { app: db }
  ---
  apiVersion: v1
  kind: Pod
  metadata:
    name: debug
    labels: { app: debug }
`;

const SERVICES = yaml`
  apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: team-a
  spec:
    selector: { app: web }
    ports: [{ port: 80, targetPort: http }]
`;

const POLICIES = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: deny-all
    namespace: team-a
    labels: { purpose: baseline }
  spec:
    podSelector: {}
    policyTypes: [Ingress, Egress]
  ---
  # allow the web pods from team-b
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: allow-web
    namespace: team-a
  spec:
    podSelector:
      matchLabels: { app: web }
    ingress:
      - from:
          - namespaceSelector: { matchLabels: { team: b } }
        ports:
          - port: http
  ---
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: no-namespace
  spec:
    podSelector: {}
`;

const FILES = { 'namespaces.yaml': NAMESPACES, 'apps.yaml': APPS, 'services.yaml': SERVICES, 'policies.yaml': POLICIES };

describe('indexObjects', () => {
  it('indexes every object of every document, with the range of its name', () => {
    const entries = indexText('apps.yaml', APPS);
    expect(entries.map((e) => [e.object.kind, e.object.name, e.document, e.uri])).toEqual([
      ['Deployment', 'web', 0, uriOf('apps.yaml')],
      ['StatefulSet', 'db', 1, uriOf('apps.yaml')],
      ['Pod', 'debug', 2, uriOf('apps.yaml')],
    ]);
    for (const entry of entries) {
      expect(textAt(APPS, entry.nameRange)).toBe(entry.object.name);
    }
    expect(startOf(APPS, entries[0]!.nameRange)).toBe(nameOffset(APPS, 'web'));
    expect(startOf(APPS, entries[1]!.nameRange)).toBe(nameOffset(APPS, 'db'));
    expect(startOf(APPS, entries[2]!.nameRange)).toBe(nameOffset(APPS, 'debug'));
  });

  it('gives a workload the range of its pod labels key (the template’s, not the workload’s own)', () => {
    const [web, db, debug] = indexText('apps.yaml', APPS);
    expect(textAt(APPS, web!.labelsRange!)).toBe('labels');
    expect(startOf(APPS, web!.labelsRange!)).toBe(offsetOf(APPS, 'labels: { app: web'));
    expect(startOf(APPS, db!.labelsRange!)).toBe(offsetOf(APPS, 'labels: { app: db'));
    expect(startOf(APPS, debug!.labelsRange!)).toBe(offsetOf(APPS, 'labels: { app: debug'));
  });

  it('finds the pod labels of a CronJob under its job template', () => {
    const text = yaml`
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: backup
        labels: { app: not-this }
      spec:
        schedule: "0 * * * *"
        jobTemplate:
          spec:
            template:
              metadata:
                labels: { app: backup }
    `;
    const [entry] = indexText('cron.yaml', text);
    expect(startOf(text, entry!.labelsRange!)).toBe(offsetOf(text, 'labels: { app: backup'));
  });

  it('points at the nearest written parent when the pod labels are missing', () => {
    const text = 'kind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec: {}\n';
    const [entry] = indexText('d.yaml', text);
    expect(startOf(text, entry!.labelsRange!)).toBe(offsetOf(text, 'template'));
  });

  it('points at metadata, or else at the kind, when there is no name', () => {
    const noName = 'kind: Pod\nmetadata:\n  labels: { app: a }\n';
    expect(textAt(noName, indexText('a.yaml', noName)[0]!.nameRange)).toBe('metadata');
    const noMetadata = 'apiVersion: v1\nkind: Namespace\n';
    expect(textAt(noMetadata, indexText('a.yaml', noMetadata)[0]!.nameRange)).toBe('kind');
  });

  it('gives no labels range to Namespaces, Services and policies, and a meaning to policies only', () => {
    for (const [name, text] of Object.entries({ 'namespaces.yaml': NAMESPACES, 'services.yaml': SERVICES, 'policies.yaml': POLICIES })) {
      for (const entry of indexText(name, text)) {
        expect(entry.labelsRange).toBeUndefined();
        expect(entry.policy !== undefined).toBe(entry.object.kind === 'NetworkPolicy');
        expect(textAt(text, entry.nameRange)).toBe(entry.object.name);
      }
    }
    const [denyAll] = indexText('policies.yaml', POLICIES);
    expect(denyAll!.policy!.semantic).toMatchObject({ name: 'deny-all', namespace: 'team-a', types: { ingress: true, egress: true } });
    expect(denyAll!.policy!.decoded.metadata).toMatchObject({ name: 'deny-all' });
  });

  it('indexes the items of a List, each with its own ranges, in the one document', () => {
    const text = yaml`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: Namespace
          metadata: { name: listed-ns }
        - apiVersion: apps/v1
          kind: Deployment
          metadata: { name: listed-app, namespace: listed-ns }
          spec:
            template:
              metadata:
                labels: { app: listed }
        - apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: listed-policy, namespace: listed-ns }
          spec: { podSelector: {} }
    `;
    const entries = indexText('list.yaml', `---\n${text}`);
    const shifted = `---\n${text}`;
    expect(entries.map((e) => [e.object.kind, e.object.path, e.document])).toEqual([
      ['Namespace', ['items', 0], 0],
      ['Deployment', ['items', 1], 0],
      ['NetworkPolicy', ['items', 2], 0],
    ]);
    for (const entry of entries) expect(startOf(shifted, entry.nameRange)).toBe(nameOffset(shifted, entry.object.name));
    expect(startOf(shifted, entries[1]!.labelsRange!)).toBe(offsetOf(shifted, 'labels: { app: listed'));
  });

  it('places ranges in the file across many documents and line endings', () => {
    const documents = Array.from({ length: 12 }, (_, i) => `kind: Pod\nmetadata:\n  name: pod-${i}\n  labels: { n: "${i}" }\n`);
    for (const eol of ['\n', '\r\n']) {
      const text = `# header\n${documents.join('---\n')}`.replace(/\n/g, eol);
      const entries = indexText('many.yaml', text);
      expect(entries.map((e) => e.document)).toEqual(documents.map((_, i) => i));
      entries.forEach((entry, i) => {
        expect(startOf(text, entry.nameRange)).toBe(nameOffset(text, `pod-${i}`));
        expect(textAt(text, entry.nameRange)).toBe(`pod-${i}`);
        expect(startOf(text, entry.labelsRange!)).toBe(offsetOf(text, `labels: { n: "${i}"`));
      });
    }
  });

  it('places objects without a namespace in the default namespace of the settings', () => {
    const file = parseFile(APPS + '---\n' + POLICIES);
    const settings = (defaultNamespace: string) => settingsFor({ cluster: { ...settingsFor().cluster, defaultNamespace } });
    // The same parse twice: what is cached per chunk must follow the default namespace.
    for (const ns of ['ctx-1', 'ctx-2', 'ctx-1']) {
      const entries = indexObjects(uriOf('a.yaml'), file, settings(ns));
      const debug = entries.find((e) => e.object.name === 'debug')!;
      expect(debug.object).toMatchObject({ namespace: ns });
      const noNamespace = entries.find((e) => e.object.name === 'no-namespace')!;
      expect(noNamespace.object).toMatchObject({ namespace: ns, namespaceGiven: false });
      expect(noNamespace.policy!.semantic).toMatchObject({ namespace: ns, namespaceGiven: false });
    }
  });
});

describe('WorkspaceIndex queries', () => {
  it('knows nothing when empty', () => {
    const index = new WorkspaceIndex();
    expect(index.fileCount).toBe(0);
    expect(index.namespaces()).toEqual([]);
    expect(index.workloadsIn('default')).toEqual([]);
    expect(index.workloadEntriesIn('default')).toEqual([]);
    expect(index.namespacesWithWorkloads()).toEqual([]);
    expect(index.servicesIn('default')).toEqual([]);
    expect(index.policiesIn('default')).toEqual([]);
    expect(index.policyEntries()).toEqual([]);
    expect([...index.all()]).toEqual([]);
    expect(index.objectsOf(uriOf('x.yaml'))).toEqual([]);
    expect(index.has(uriOf('x.yaml'))).toBe(false);
  });

  it('answers by namespace across files', () => {
    const index = indexOf(FILES);
    expect(index.fileCount).toBe(4);
    expect(index.has(uriOf('apps.yaml'))).toBe(true);
    expect(index.namespaces().map((n) => n.name)).toEqual(['team-a', 'team-b']);
    expect(index.namespaces()[1]!.labels).toMatchObject({ team: 'b', 'kubernetes.io/metadata.name': 'team-b' });

    expect(index.workloadsIn('team-a').map((w) => [w.kind, w.name])).toEqual([['Deployment', 'web']]);
    expect(index.workloadsIn('team-b').map((w) => [w.kind, w.name])).toEqual([['StatefulSet', 'db']]);
    expect(index.workloadsIn('default').map((w) => [w.kind, w.name])).toEqual([['Pod', 'debug']]);
    expect(index.workloadsIn('nowhere')).toEqual([]);
    expect([...index.namespacesWithWorkloads()].sort()).toEqual(['default', 'team-a', 'team-b']);
    expect(index.workloadsIn('team-a')[0]!.podLabels).toEqual({ app: 'web', tier: 'front' });
    expect(index.workloadsIn('team-a')[0]!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);

    const [webEntry] = index.workloadEntriesIn('team-a');
    expect(webEntry).toMatchObject({ uri: uriOf('apps.yaml'), object: { name: 'web' } });
    expect(textAt(APPS, webEntry!.labelsRange!)).toBe('labels');

    expect(index.servicesIn('team-a').map((s) => [s.name, s.selector])).toEqual([['web', { app: 'web' }]]);
    expect(index.servicesIn('team-b')).toEqual([]);

    const policies = index.policiesIn('team-a');
    expect(policies.map((p) => [p.name, p.namespace])).toEqual([
      ['deny-all', 'team-a'],
      ['allow-web', 'team-a'],
    ]);
    const line = (name: string) => new LineIndex(POLICIES).positionAt(nameOffset(POLICIES, name)).line + 1;
    expect(policies.map((p) => p.where)).toEqual([`policies.yaml:${line('deny-all')}`, `policies.yaml:${line('allow-web')}`]);
    expect(policies[1]!.semantic.ingress[0]!.ports).toEqual([{ protocol: 'TCP', port: 'http' }]);
    expect(index.policiesIn('default').map((p) => p.name)).toEqual(['no-namespace']);
    expect(index.policyEntries().map((e) => e.object.name)).toEqual(['deny-all', 'allow-web', 'no-namespace']);

    expect([...index.all()]).toHaveLength(2 + 3 + 1 + 3);
    expect(index.objectsOf(uriOf('services.yaml')).map((e) => e.object.kind)).toEqual(['Service']);
  });

  it('places objects without a namespace in the default namespace of the settings', () => {
    const index = indexOf(FILES, { cluster: { ...settingsFor().cluster, defaultNamespace: 'ctx' } });
    expect(index.workloadsIn('ctx').map((w) => w.name)).toEqual(['debug']);
    expect(index.policiesIn('ctx').map((p) => p.name)).toEqual(['no-namespace']);
    expect(index.workloadsIn('default')).toEqual([]);
  });

  it('replaces what a file declares', () => {
    const index = indexOf(FILES);
    index.setFile(uriOf('apps.yaml'), indexText('apps.yaml', APPS.replace('namespace: team-b', 'namespace: team-a')));
    expect(index.workloadsIn('team-a').map((w) => w.name)).toEqual(['web', 'db']);
    expect(index.workloadsIn('team-b')).toEqual([]);
    expect(index.namespacesWithWorkloads()).not.toContain('team-b');
  });

  it('forgets a removed file', () => {
    const index = indexOf(FILES);
    const before = index.version;
    expect(index.removeFile(uriOf('policies.yaml'))).toBe(true);
    expect(index.version).not.toBe(before);
    expect(index.has(uriOf('policies.yaml'))).toBe(false);
    expect(index.fileCount).toBe(3);
    expect(index.policiesIn('team-a')).toEqual([]);
    expect(index.policyEntries()).toEqual([]);
    expect(index.objectsOf(uriOf('policies.yaml'))).toEqual([]);
    expect(index.workloadsIn('team-a').map((w) => w.name)).toEqual(['web']);

    const after = index.version;
    expect(index.removeFile(uriOf('policies.yaml'))).toBe(false);
    expect(index.removeFile(uriOf('never-there.yaml'))).toBe(false);
    expect(index.version).toBe(after);
  });

  it('gives the same name to objects of the same name in different files', () => {
    const index = indexOf({
      'a.yaml': 'kind: Pod\nmetadata: { name: p, namespace: x }',
      'b.yaml': 'kind: Pod\nmetadata: { name: p, namespace: x }',
    });
    expect(index.workloadEntriesIn('x').map((e) => e.uri)).toEqual([uriOf('a.yaml'), uriOf('b.yaml')]);
  });
});

describe('WorkspaceIndex version', () => {
  it('is distinct for every index', () => {
    expect(new WorkspaceIndex().version).not.toBe(new WorkspaceIndex().version);
  });

  it('changes when a file is added, not when it is set again unchanged', () => {
    const index = new WorkspaceIndex();
    const v0 = index.version;
    expect(index.setFile(uriOf('apps.yaml'), indexText('apps.yaml', APPS))).toBe(true);
    const v1 = index.version;
    expect(v1).not.toBe(v0);
    expect(index.setFile(uriOf('apps.yaml'), indexText('apps.yaml', APPS))).toBe(false);
    expect(index.version).toBe(v1);
  });

  /** Whether replacing `name`'s text by `edited` changes the version (and setFile says so). */
  function bumps(name: keyof typeof FILES, edited: string): boolean {
    expect(edited, 'the edit must change the text').not.toBe(FILES[name]);
    const index = indexOf(FILES);
    const before = index.version;
    const changed = index.setFile(uriOf(name), indexText(name, edited));
    expect(index.version !== before).toBe(changed);
    return changed;
  }

  it.each<[string, keyof typeof FILES, (text: string) => string]>([
    ['a comment in a policy', 'policies.yaml', (t) => t.replace('# allow the web pods from team-b', '# allow web from team b')],
    [
      'an end-of-line comment in a policy',
      'policies.yaml',
      (t) => t.replace('podSelector: {}\n  policyTypes', 'podSelector: {} # all\n  policyTypes'),
    ],
    ['a comment line that moves every object down', 'policies.yaml', (t) => `# header\n# more\n${t}`],
    ['the labels and annotations of a policy', 'policies.yaml', (t) => t.replace('purpose: baseline', 'purpose: other, extra: x')],
    [
      'a policy reformatted (flow to block style)',
      'policies.yaml',
      (t) => t.replace('policyTypes: [Ingress, Egress]', 'policyTypes:\n    - Ingress\n    - Egress'),
    ],
    ['null instead of an absent field', 'policies.yaml', (t) => t.replace('  podSelector: {}\n', '  podSelector: {}\n  ingress:\n')],
    ['a workload’s own labels', 'apps.yaml', (t) => t.replace('owner: platform', 'owner: someone-else')],
    ['a workload’s annotations', 'apps.yaml', (t) => t.replace('note: first', 'note: second')],
    ['replicas', 'apps.yaml', (t) => t.replace('replicas: 2', 'replicas: 5')],
    ['a container image', 'apps.yaml', (t) => t.replace('nginx:1.27', 'nginx:1.28')],
    [
      'the Deployment’s selector (not the pods’ labels)',
      'apps.yaml',
      (t) => t.replace('selector: { matchLabels: { app: web } }', 'selector: { matchLabels: { app: web2 } }'),
    ],
    ['the comment of an apps file', 'apps.yaml', (t) => t.replace('# the apps', '# our apps')],
    ['a trailing comment of a Service file', 'services.yaml', (t) => `${t}# trailing comment\n`],
  ])('does not change for an edit of %s', (_name, file, edit) => {
    expect(bumps(file, edit(FILES[file]))).toBe(false);
  });

  it.each<[string, keyof typeof FILES, (text: string) => string]>([
    ['a pod label value', 'apps.yaml', (t) => t.replace('labels: { app: web, tier: front }', 'labels: { app: web, tier: back }')],
    ['a pod label added', 'apps.yaml', (t) => t.replace('labels: { app: db }', 'labels: { app: db, role: primary }')],
    ['a container port', 'apps.yaml', (t) => t.replace('containerPort: 8080', 'containerPort: 8081')],
    ['a container port name', 'apps.yaml', (t) => t.replace('name: http', 'name: web')],
    ['a workload’s namespace', 'apps.yaml', (t) => t.replace('namespace: team-b', 'namespace: team-a')],
    ['a workload’s name', 'apps.yaml', (t) => t.replace('name: debug', 'name: debug2')],
    ['a workload removed', 'apps.yaml', (t) => t.slice(0, t.indexOf('---'))],
    ['a namespace label', 'namespaces.yaml', (t) => t.replace('team: b', 'team: c')],
    ['a namespace’s name', 'namespaces.yaml', (t) => t.replace('name: team-b', 'name: team-c')],
    ['a Service selector', 'services.yaml', (t) => t.replace('selector: { app: web }', 'selector: { app: api }')],
    ['a Service port', 'services.yaml', (t) => t.replace('port: 80', 'port: 81')],
    ['a policy’s podSelector', 'policies.yaml', (t) => t.replace('matchLabels: { app: web }', 'matchLabels: { app: api }')],
    ['a policy’s peers', 'policies.yaml', (t) => t.replace('matchLabels: { team: b }', 'matchLabels: { team: a }')],
    ['a policy’s ports', 'policies.yaml', (t) => t.replace('port: http', 'port: 8080')],
    ['a policy’s policyTypes', 'policies.yaml', (t) => t.replace('policyTypes: [Ingress, Egress]', 'policyTypes: [Ingress]')],
    ['a policy’s name', 'policies.yaml', (t) => t.replace('name: deny-all', 'name: deny-everything')],
    ['a policy’s namespace', 'policies.yaml', (t) => t.replace('name: no-namespace\n', 'name: no-namespace\n  namespace: team-b\n')],
    ['a policy becoming unreadable', 'policies.yaml', (t) => t.replace('policyTypes: [Ingress, Egress]', 'policyTypes: Egress')],
  ])('changes for an edit of %s', (_name, file, edit) => {
    expect(bumps(file, edit(FILES[file]))).toBe(true);
  });

  it('answers with the current ranges after an edit that moved objects without changing them', () => {
    const index = indexOf(FILES);
    // Built before the edit: the views must not keep the old entries.
    expect(index.workloadEntriesIn('team-a')).toHaveLength(1);
    expect(index.policiesIn('team-a')).toHaveLength(2);
    const version = index.version;

    const apps = `# one\n# two\n${APPS}`;
    const policies = `# one\n# two\n# three\n${POLICIES}`;
    expect(index.setFile(uriOf('apps.yaml'), indexText('apps.yaml', apps))).toBe(false);
    expect(index.setFile(uriOf('policies.yaml'), indexText('policies.yaml', policies))).toBe(false);
    expect(index.version).toBe(version);

    const [web] = index.workloadEntriesIn('team-a');
    expect(startOf(apps, web!.nameRange)).toBe(nameOffset(apps, 'web'));
    expect(startOf(apps, web!.labelsRange!)).toBe(offsetOf(apps, 'labels: { app: web'));
    const entry = index.policyEntries().find((e) => e.object.name === 'allow-web')!;
    expect(startOf(policies, entry.nameRange)).toBe(nameOffset(policies, 'allow-web'));
    const line = new LineIndex(policies).positionAt(nameOffset(policies, 'allow-web')).line + 1;
    expect(index.policiesIn('team-a')[1]!.where).toBe(`policies.yaml:${line}`);
    expect(index.objectsOf(uriOf('apps.yaml'))[0]).toBe(web);
  });

  it('follows the fingerprint of the objects, not their order in the index', () => {
    const index = new WorkspaceIndex();
    index.setFile(uriOf('a.yaml'), indexText('a.yaml', APPS));
    const version = index.version;
    // Another object in another file changes the version even when it is a copy.
    expect(index.setFile(uriOf('b.yaml'), indexText('b.yaml', APPS))).toBe(true);
    expect(index.version).not.toBe(version);
    expect(index.workloadsIn('team-a').map((w: WorkloadObject) => w.name)).toEqual(['web', 'web']);
  });
});

describe('shortLocation', () => {
  it('names the file and the one-based line', () => {
    const range = { start: { line: 11, character: 2 }, end: { line: 11, character: 5 } };
    expect(shortLocation('file:///ws/dir/policies.yaml', range)).toBe('policies.yaml:12');
    expect(shortLocation('file:///ws/with%20space.yaml', range)).toBe('with space.yaml:12');
    expect(shortLocation('untitled:Untitled-1', range)).toBe('untitled:Untitled-1:12');
  });
});
