import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../../server/src/model/json';
import type { LabelRule } from '../../../../server/src/model/kustomize/kustomization';
import { kustomizeObject } from '../../../../server/src/model/kustomize/transform';
import { parseFile } from '../../../../server/src/yaml/file';

const json = (yaml: string) => parseFile(yaml).chunks[0]!.parsed.documents[0]!.json as JsonObject;
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const common: LabelRule = { pairs: { team: 'shop' }, selectors: true, templates: true };
const metadataOnly: LabelRule = { pairs: { team: 'shop' }, selectors: false, templates: false };
const templatesOnly: LabelRule = { pairs: { team: 'shop' }, selectors: false, templates: true };

const deployment = json(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: old}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
`);

const policy = json(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: api}}
        - podSelector: {}
        - namespaceSelector: {matchLabels: {team: x}}
  egress:
    - to:
        - podSelector: {matchExpressions: [{key: app, operator: Exists}]}
`);

describe('kustomizeObject', () => {
  it('moves namespaced objects into the namespace, over the written one; renames a Namespace', () => {
    expect(plain(kustomizeObject(deployment, [{ namespace: 'shop', labels: [] }]))).toMatchObject({
      metadata: { name: 'web', namespace: 'shop' },
    });
    expect(
      plain(kustomizeObject(json('kind: Namespace\napiVersion: v1\nmetadata: {name: x}'), [{ namespace: 'shop', labels: [] }])),
    ).toEqual({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'shop' },
    });
    expect(plain(kustomizeObject(json('kind: Service\napiVersion: v1'), [{ namespace: 'shop', labels: [] }]))).toEqual({
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { namespace: 'shop' },
    });
    // Kinds outside the model are left alone.
    expect(
      plain(kustomizeObject(json('kind: ClusterRole\napiVersion: rbac.authorization.k8s.io/v1'), [{ namespace: 'shop', labels: [] }])),
    ).toEqual({
      kind: 'ClusterRole',
      apiVersion: 'rbac.authorization.k8s.io/v1',
    });
  });

  it('commonLabels: metadata, pod template and selectors', () => {
    expect(plain(kustomizeObject(deployment, [{ labels: [common] }]))).toMatchObject({
      metadata: { labels: { team: 'shop' } },
      spec: { selector: { matchLabels: { app: 'web', team: 'shop' } }, template: { metadata: { labels: { app: 'web', team: 'shop' } } } },
    });
  });

  it('labels without includeSelectors: metadata only; with includeTemplates: the pod template too', () => {
    const onlyMetadata = plain(kustomizeObject(deployment, [{ labels: [metadataOnly] }])) as { spec: unknown; metadata: unknown };
    expect(onlyMetadata.metadata).toEqual({ name: 'web', namespace: 'old', labels: { team: 'shop' } });
    expect(onlyMetadata.spec).toEqual({ selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } } } });
    expect(plain(kustomizeObject(deployment, [{ labels: [templatesOnly] }]))).toMatchObject({
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', team: 'shop' } } } },
    });
  });

  it('a NetworkPolicy’s pod selectors get commonLabels only where matchLabels is written (kustomize does not create it)', () => {
    const out = plain(kustomizeObject(policy, [{ labels: [common] }]));
    expect(out).toMatchObject({
      metadata: { labels: { team: 'shop' } },
      spec: {
        podSelector: { matchLabels: { app: 'web', team: 'shop' } },
        ingress: [
          {
            from: [
              { podSelector: { matchLabels: { app: 'api', team: 'shop' } } },
              { podSelector: {} },
              { namespaceSelector: { matchLabels: { team: 'x' } } },
            ],
          },
        ],
        egress: [{ to: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }] }],
      },
    });
    expect(plain(kustomizeObject(policy, [{ labels: [metadataOnly] }]))).toMatchObject({
      spec: { podSelector: { matchLabels: { app: 'web' } } },
    });
  });

  it('a Service’s selector is created; a Pod’s own labels are its metadata labels; a CronJob’s template is deep', () => {
    expect(
      plain(kustomizeObject(json('apiVersion: v1\nkind: Service\nspec: {ports: [{port: 80}]}'), [{ labels: [common] }])),
    ).toMatchObject({
      spec: { selector: { team: 'shop' } },
    });
    expect(plain(kustomizeObject(json('apiVersion: v1\nkind: Service\nspec: {}'), [{ labels: [metadataOnly] }]))).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      spec: {},
      metadata: { labels: { team: 'shop' } },
    });
    expect(plain(kustomizeObject(json('apiVersion: v1\nkind: Pod\nmetadata: {name: p}'), [{ labels: [metadataOnly] }]))).toMatchObject({
      metadata: { labels: { team: 'shop' } },
    });
    expect(
      plain(
        kustomizeObject(json('apiVersion: batch/v1\nkind: CronJob\nspec: {jobTemplate: {spec: {template: {}}}}'), [
          { labels: [templatesOnly] },
        ]),
      ),
    ).toMatchObject({
      spec: { jobTemplate: { metadata: { labels: { team: 'shop' } }, spec: { template: { metadata: { labels: { team: 'shop' } } } } } },
    });
    // StatefulSet fields are named for the apps group only, as in kustomize.
    expect(plain(kustomizeObject(json('apiVersion: example.com/v1\nkind: StatefulSet\nspec: {}'), [{ labels: [templatesOnly] }]))).toEqual({
      apiVersion: 'example.com/v1',
      kind: 'StatefulSet',
      spec: {},
      metadata: { labels: { team: 'shop' } },
    });
  });

  it('leaves the parse as written, and keeps odd keys as data', () => {
    const before = JSON.stringify(deployment);
    kustomizeObject(deployment, [{ namespace: 'x', labels: [common] }]);
    expect(JSON.stringify(deployment)).toBe(before);
    const odd = kustomizeObject(deployment, [
      { labels: [{ pairs: JSON.parse('{"__proto__": "v"}') as Record<string, string>, selectors: false, templates: false }] },
    ]);
    expect(Object.keys((odd.metadata as JsonObject).labels as JsonObject)).toEqual(['__proto__']);
  });
});
