import { describe, expect, it } from 'vitest';
import { readKustomization } from '../../../../server/src/model/kustomize/kustomization';

describe('readKustomization', () => {
  it('reads namespace, resources (with bases), components, labels and commonLabels, in kustomize’s order', () => {
    expect(
      readKustomization({
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        namespace: 'shop',
        resources: ['deployment.yaml', '../base'],
        bases: ['../legacy'],
        components: ['../components/policies'],
        commonLabels: { team: 'shop', tier: 1 },
        labels: [
          { pairs: { owner: 'a' } },
          { pairs: { part: 'b' }, includeSelectors: true },
          { pairs: { env: 'c' }, includeTemplates: true },
        ],
      }),
    ).toEqual({
      kind: 'Kustomization',
      namespace: 'shop',
      resources: ['deployment.yaml', '../base', '../legacy'],
      components: ['../components/policies'],
      labels: [
        { pairs: { owner: 'a' }, selectors: false, templates: false },
        { pairs: { part: 'b' }, selectors: true, templates: true },
        { pairs: { env: 'c' }, selectors: false, templates: true },
        { pairs: { team: 'shop', tier: '1' }, selectors: true, templates: true },
      ],
    });
  });

  it('reads a Component, and a kustomization without apiVersion and kind', () => {
    expect(readKustomization({ apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component', resources: ['a.yaml'] })).toEqual({
      kind: 'Component',
      resources: ['a.yaml'],
      components: [],
      labels: [],
    });
    expect(readKustomization({ resources: ['a.yaml'] })?.resources).toEqual(['a.yaml']);
  });

  it('is not fooled by other objects, or by wrong types', () => {
    expect(readKustomization({ apiVersion: 'apps/v1', kind: 'Deployment' })).toBeUndefined();
    expect(readKustomization({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Deployment' })).toBeUndefined();
    expect(readKustomization('resources')).toBeUndefined();
    expect(readKustomization(null)).toBeUndefined();
    expect(
      readKustomization({ namespace: 3, resources: 'a.yaml', components: [1, '', 'c'], labels: { pairs: {} }, commonLabels: ['x'] }),
    ).toEqual({ kind: 'Kustomization', resources: [], components: ['c'], labels: [] });
  });
});
