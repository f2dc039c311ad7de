import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../../server/src/cli/main';
import { validateText } from '../../../server/src/services/validation';
import { WorkspaceIndex } from '../../../server/src/services/workspace';
import { indexParsed, kustomizationsFirst, settingsOfFile } from '../../../server/src/services/workspaceLoader';
import { parseFile } from '../../../server/src/yaml/file';
import { corpusDir } from '../../cli/corpus';
import { settingsFor } from '../helpers';
import { deployment, docs, namespace, netpol } from '../lints/workspace';

/** The workspace model and the diagnostics of files that kustomizations list, loaded as the server and the CLI load them. */

const settings = settingsFor({ lints: true });
const uri = (name: string) => `file:///ws/${name}`;

function load(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const name of kustomizationsFirst(Object.keys(files), uri)) indexParsed(index, uri(name), parseFile(files[name]!), settings);
  return index;
}

/** What the lints that depend on the namespace and the labels say about `target`. */
function codes(files: Record<string, string>, target: string): string[] {
  const index = load(files);
  return validateText(files[target]!, settingsOfFile(index, uri(target), settings), undefined, index)
    .result.diagnostics.map((d) => String(d.code))
    .filter((code) => ['missing-namespace', 'selector-matches-nothing', 'named-port-not-exposed'].includes(code));
}

const kustomization = (body: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}\n`;
const app = {
  'app/kustomization.yaml': kustomization('namespace: shop\ncommonLabels:\n  team: shop\nresources:\n  - web.yaml\n  - policy.yaml'),
  'app/web.yaml': deployment('web', undefined, { app: 'web' }, ['http/8080']),
  'app/policy.yaml': netpol(
    'web',
    undefined,
    'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Ingress]\ningress: [{ports: [{port: http}]}]',
  ),
};

describe('kustomize in the workspace model', () => {
  it('puts the listed objects in the kustomization’s namespace, with its commonLabels on pods and selectors', () => {
    const index = load(app);
    expect(index.workloadsIn('default')).toEqual([]);
    expect(index.workloadsIn('shop').map((w) => [w.name, w.podLabels])).toEqual([['web', { app: 'web', team: 'shop' }]]);
    const [policy] = index.policiesIn('shop');
    expect(policy?.semantic.subject.requirements.map((r) => `${r.key}=${r.values.join()}`)).toEqual(['app=web', 'team=shop']);
  });

  it('lints a listed policy in that namespace, as kustomize builds it: no missing-namespace, its selector matches', () => {
    expect(codes(app, 'app/policy.yaml')).toEqual([]);
    // Outside the kustomization the same file is in the default namespace, where nothing runs.
    const alone = { 'web.yaml': app['app/web.yaml'], 'policy.yaml': app['app/policy.yaml'] };
    expect(codes(alone, 'policy.yaml')).toEqual(['missing-namespace']);
    // commonLabels reach the matchLabels of a peer too: pods that kustomization does not build lack them.
    const peer = {
      ...app,
      'api.yaml': deployment('api', 'shop', { app: 'api' }),
      'app/policy.yaml': netpol(
        'web',
        undefined,
        'podSelector: {matchLabels: {app: web}}\ningress: [{from: [{podSelector: {matchLabels: {app: api}}}]}]',
      ),
    };
    expect(codes(peer, 'app/policy.yaml')).toEqual(['selector-matches-nothing']);
    const expressions = {
      ...peer,
      'app/policy.yaml': peer['app/policy.yaml'].replace(
        '{matchLabels: {app: api}}',
        '{matchExpressions: [{key: app, operator: In, values: [api]}]}',
      ),
    };
    expect(codes(expressions, 'app/policy.yaml')).toEqual([]);
  });

  it('the kustomization’s namespace replaces the one written in a listed file', () => {
    const files = {
      ...app,
      'app/kustomization.yaml': kustomization('namespace: shop\nresources: [web.yaml, policy.yaml, other.yaml]'),
      'app/other.yaml': deployment('api', 'elsewhere', { app: 'api' }),
    };
    expect(
      load(files)
        .workloadsIn('shop')
        .map((w) => w.name)
        .sort(),
    ).toEqual(['api', 'web']);
    expect(load(files).workloadsIn('elsewhere')).toEqual([]);
  });

  it('labels without includeSelectors reach metadata only: pod labels and selectors stay as written', () => {
    const files = {
      ...app,
      'app/kustomization.yaml': kustomization('namespace: shop\nlabels:\n  - pairs: {owner: a}\nresources: [web.yaml, policy.yaml]'),
    };
    const index = load(files);
    expect(index.workloadsIn('shop')[0]?.podLabels).toEqual({ app: 'web' });
    expect(index.policiesIn('shop')[0]?.semantic.subject.requirements.map((r) => r.key)).toEqual(['app']);
    const templates = {
      ...app,
      'app/kustomization.yaml': kustomization('labels:\n  - pairs: {owner: a}\n    includeTemplates: true\nresources: [web.yaml]'),
    };
    expect(load(templates).workloadsIn('default')[0]?.podLabels).toEqual({ app: 'web', owner: 'a' });
  });

  it('a kustomization without namespace: its files keep theirs, and missing-namespace is not reported', () => {
    const files = { ...app, 'app/kustomization.yaml': kustomization('resources: [web.yaml, policy.yaml]') };
    expect(
      load(files)
        .workloadsIn('default')
        .map((w) => w.name),
    ).toEqual(['web']);
    expect(codes(files, 'app/policy.yaml')).toEqual([]);
  });

  it('renames a listed Namespace to the kustomization’s namespace, with its labels', () => {
    const files = {
      'kustomization.yaml': kustomization('namespace: shop\ncommonLabels: {team: shop}\nresources: [ns.yaml]'),
      'ns.yaml': docs(namespace('placeholder')),
    };
    expect(
      load(files)
        .namespaces()
        .map((n) => [n.name, n.labels]),
    ).toEqual([['shop', { 'kubernetes.io/metadata.name': 'shop', team: 'shop' }]]);
  });

  it('tells which indexed files to index again when a kustomization changes, and they move', () => {
    const index = new WorkspaceIndex();
    indexParsed(index, uri('app/web.yaml'), parseFile(app['app/web.yaml']), settings);
    expect(index.workloadsIn('default').map((w) => w.name)).toEqual(['web']);
    const change = indexParsed(index, uri('app/kustomization.yaml'), parseFile(app['app/kustomization.yaml']), settings);
    expect(change.reindex).toEqual([uri('app/web.yaml')]);
    indexParsed(index, uri('app/web.yaml'), parseFile(app['app/web.yaml']), settings);
    expect(index.workloadsIn('shop').map((w) => w.name)).toEqual(['web']);
    // The same kustomization again changes nothing; without its namespace, the file moves back.
    expect(indexParsed(index, uri('app/kustomization.yaml'), parseFile(app['app/kustomization.yaml']), settings).reindex).toEqual([]);
    const back = indexParsed(index, uri('app/kustomization.yaml'), parseFile(kustomization('resources: []')), settings);
    expect(back.reindex).toEqual([uri('app/web.yaml')]);
  });
});

const corpus = corpusDir();
const demo = corpus && path.join(corpus, 'GoogleCloudPlatform__microservices-demo');

describe.skipIf(!demo)('kustomize on the real microservices-demo components', () => {
  it('its network-policies component gets no missing-namespace (kustomize or kubectl -n decides)', async () => {
    const report = await check(
      {
        command: 'check',
        format: 'json',
        flags: {},
        paths: readdirSync(demo!).map((file) => path.join(demo!, file)),
      },
      demo!,
    );
    const policies = report.files.filter((file) => file.startsWith('kustomize__components__network-policies__network-policy-'));
    expect(policies).toHaveLength(13);
    expect(report.diagnostics.filter((d) => d.code === 'missing-namespace')).toEqual([]);
  });
});
