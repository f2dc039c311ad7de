import { describe, expect, it } from 'vitest';
import { definition } from '../../../../server/src/services/definition';
import { references } from '../../../../server/src/services/references';
import { parseFile } from '../../../../server/src/yaml/file';
import { WORKLOADS, workspace } from './harness';

const POLICY = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: monitoring
spec:
  tier: Admin
  priority: 10
  #subject:
    pods:
      #namespaceSelector:
        matchLabels: {team: shop}
      podSelector: {}
  ingress:
    - action: Accept
      from:
        - #pods:
            namespaceSelector: {}
            podSelector: {matchLabels: {app: prometheus}}
`;

/** The policy with the cursor at the `n`th `#` marker. */
const cursorAt = (n: number) => {
  let i = -1;
  return POLICY.replace(/#/g, () => (++i === n ? '|' : ''));
};

function definitionsAt(n: number): string[] {
  const ws = workspace({ 'cnp.yaml': cursorAt(n), 'apps.yaml': WORKLOADS });
  const offset = cursorAt(n).indexOf('|');
  return definition(parseFile(ws.texts.get('cnp.yaml')!), offset, ws.settings, ws.index).map(
    (l) => `${l.uri.replace('file:///ws/', '')}:${l.range.start.line + 1}`,
  );
}

/** The 1-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
/** The pod-template `labels:` line of the workload whose pods carry `app: <app>`. */
const labelsOf = (app: string) => `apps.yaml:${lineOf(WORKLOADS, `        app: ${app}\n`) - 1}`;

describe('go to definition in a cluster-wide policy', () => {
  it('goes from the subject to the workloads it selects', () => {
    expect(definitionsAt(0)).toEqual([labelsOf('web'), labelsOf('api')]);
  });
  it('goes from a namespaceSelector to the Namespaces it selects', () => {
    expect(definitionsAt(1)).toEqual([`apps.yaml:${lineOf(WORKLOADS, 'name: shop')}`]);
  });
  it('goes from a pods peer to its workloads', () => {
    expect(definitionsAt(2)).toEqual([labelsOf('prometheus')]);
  });
});

describe('find references on a workload', () => {
  it('lists the subject and the peers of cluster policies that select it', () => {
    const apps = WORKLOADS.replace('name: prometheus\n', 'name: |prometheus\n');
    const ws = workspace({ 'cnp.yaml': POLICY.replace(/#/g, ''), 'apps.yaml': apps });
    const at = (text: string) => references(parseFile(ws.texts.get('apps.yaml')!), text.indexOf('|'), ws.settings, ws.index);
    const plain = POLICY.replace(/#/g, '');
    expect(at(apps).map((l) => `${l.uri.replace('file:///ws/', '')}:${l.range.start.line + 1}`)).toEqual([
      `cnp.yaml:${lineOf(plain, '- pods:')}`,
    ]);
    const web = WORKLOADS.replace('name: web\n', 'name: |web\n');
    const ws2 = workspace({ 'cnp.yaml': POLICY.replace(/#/g, ''), 'apps.yaml': web });
    expect(
      references(parseFile(ws2.texts.get('apps.yaml')!), web.indexOf('|'), ws2.settings, ws2.index).map((l) => l.range.start.line + 1),
    ).toEqual([lineOf(POLICY, 'subject:')]);
  });
  it('never finds a host-network workload', () => {
    const agent = WORKLOADS.replace('name: agent\n', 'name: |agent\n');
    const everything = POLICY.replace(/#/g, '').replace('matchLabels: {team: shop}', '{}');
    const ws = workspace({ 'cnp.yaml': everything, 'apps.yaml': agent });
    expect(references(parseFile(ws.texts.get('apps.yaml')!), agent.indexOf('|'), ws.settings, ws.index)).toEqual([]);
  });
});
