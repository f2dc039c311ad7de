import { describe, expect, it } from 'vitest';
import type { Kustomization } from '../../../../server/src/model/kustomize/kustomization';
import { contextOf, isKustomizationFile, kustomizeContexts, kustomizeNamespace } from '../../../../server/src/model/kustomize/tree';

const k = (fields: Partial<Kustomization>): Kustomization => ({
  kind: 'Kustomization',
  resources: [],
  components: [],
  labels: [],
  ...fields,
});

/** The namespace and labels each file ends up with (undefined: no kustomization lists it). */
function outcome(kustomizations: Record<string, Kustomization>, file: string) {
  const contexts = kustomizeContexts(new Map(Object.entries(kustomizations).map(([path, value]) => [`file:///ws/${path}`, value])));
  const context = contextOf(contexts, `file:///ws/${file}`);
  if (!context) return undefined;
  return { namespace: kustomizeNamespace(context), labels: context.steps.flatMap((step) => step.labels.map((rule) => rule.pairs)) };
}

describe('kustomize contexts', () => {
  it('a kustomization’s namespace and labels apply to the files it lists, relative to its directory', () => {
    const app = {
      'app/kustomization.yaml': k({
        namespace: 'shop',
        resources: ['deploy.yaml', 'sub/policy.yaml'],
        labels: [{ pairs: { team: 'a' }, selectors: true, templates: true }],
      }),
    };
    expect(outcome(app, 'app/deploy.yaml')).toEqual({ namespace: 'shop', labels: [{ team: 'a' }] });
    expect(outcome(app, 'app/sub/policy.yaml')).toEqual({ namespace: 'shop', labels: [{ team: 'a' }] });
    expect(outcome(app, 'deploy.yaml')).toBeUndefined();
    expect(outcome(app, 'app/other.yaml')).toBeUndefined();
  });

  it('follows directories recursively; the outer namespace wins, labels accumulate inner first', () => {
    const tree = {
      'base/kustomization.yaml': k({
        namespace: 'base-ns',
        resources: ['deploy.yaml'],
        labels: [{ pairs: { inner: '1' }, selectors: false, templates: false }],
      }),
      'overlay/kustomization.yaml': k({
        namespace: 'prod',
        resources: ['../base', './extra.yaml'],
        labels: [{ pairs: { outer: '2' }, selectors: true, templates: true }],
      }),
    };
    expect(outcome(tree, 'base/deploy.yaml')).toEqual({ namespace: 'prod', labels: [{ inner: '1' }, { outer: '2' }] });
    expect(outcome(tree, 'overlay/extra.yaml')).toEqual({ namespace: 'prod', labels: [{ outer: '2' }] });
  });

  it('a file listed by a kustomization that sets no namespace is listed, without a namespace', () => {
    expect(outcome({ 'kustomization.yaml': k({ resources: ['a.yaml'] }) }, 'a.yaml')).toEqual({ namespace: undefined, labels: [] });
  });

  it('components: their own files and their parent’s are built by them, then by the parent', () => {
    const tree = {
      'app/kustomization.yaml': k({
        namespace: 'shop',
        resources: ['deploy.yaml'],
        components: ['../components/labels', '../components/policies'],
      }),
      'components/labels/kustomization.yaml': k({ kind: 'Component', labels: [{ pairs: { c1: 'x' }, selectors: true, templates: true }] }),
      'components/policies/kustomization.yaml': k({ kind: 'Component', resources: ['deny.yaml'] }),
    };
    expect(outcome(tree, 'app/deploy.yaml')).toEqual({ namespace: 'shop', labels: [{ c1: 'x' }] });
    // The labels component runs before the policies component adds its files: they do not get its labels.
    expect(outcome(tree, 'components/policies/deny.yaml')).toEqual({ namespace: 'shop', labels: [] });
  });

  it('a base of two overlays keeps only what they share: its own kustomization', () => {
    const tree = {
      'base/kustomization.yaml': k({ resources: ['deploy.yaml'], labels: [{ pairs: { app: 'web' }, selectors: true, templates: true }] }),
      'dev/kustomization.yaml': k({ namespace: 'dev', resources: ['../base'] }),
      'prod/kustomization.yaml': k({ namespace: 'prod', resources: ['../base'] }),
    };
    expect(outcome(tree, 'base/deploy.yaml')).toEqual({ namespace: undefined, labels: [{ app: 'web' }] });
  });

  it('does not follow remote bases, and survives cycles', () => {
    expect(
      outcome(
        {
          'kustomization.yaml': k({
            namespace: 'x',
            resources: ['https://github.com/org/repo//base?ref=v1', 'github.com/org/repo/base', 'git@github.com:org/repo.git'],
          }),
        },
        'base',
      ),
    ).toBeUndefined();
    const cycle = {
      'a/kustomization.yaml': k({ namespace: 'a', resources: ['../b', 'a.yaml'] }),
      'b/kustomization.yaml': k({ namespace: 'b', resources: ['../a', 'b.yaml'] }),
    };
    expect(outcome(cycle, 'a/a.yaml')?.namespace).toBeDefined();
    expect(outcome(cycle, 'b/b.yaml')?.namespace).toBeDefined();
  });

  it('reads a collection flattened with __ as its tree', () => {
    const flat = {
      'kustomize__components__network-policies__kustomization.yaml': k({ kind: 'Component', resources: ['network-policy-frontend.yaml'] }),
      'kustomize__kustomization.yaml': k({ namespace: 'demo', resources: ['base'], components: ['components/network-policies'] }),
      'kustomize__base__kustomization.yaml': k({ resources: ['frontend.yaml'] }),
    };
    expect(outcome(flat, 'kustomize__components__network-policies__network-policy-frontend.yaml')).toEqual({
      namespace: 'demo',
      labels: [],
    });
    expect(outcome(flat, 'kustomize__base__frontend.yaml')).toEqual({ namespace: 'demo', labels: [] });
    expect(outcome(flat, 'network-policy-frontend.yaml')).toBeUndefined();
  });

  it('recognizes kustomization file names, as written or flattened', () => {
    expect(
      ['kustomization.yaml', 'kustomization.yml', 'Kustomization', 'a__b__kustomization.yaml'].map((name) =>
        isKustomizationFile(`file:///ws/${name}`),
      ),
    ).toEqual([true, true, true, true]);
    expect(isKustomizationFile('file:///ws/kustomization.yaml.bak')).toBe(false);
    expect(isKustomizationFile('file:///ws/my-kustomization.yaml')).toBe(false);
  });
});
