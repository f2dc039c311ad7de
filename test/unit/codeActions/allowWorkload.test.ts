import { describe, expect, it } from 'vitest';
import { allowWorkloadActions, allowWorkloadEdit, workloadList } from '../../../server/src/services/codeActions/allowWorkload';
import { COMMANDS, type WorkloadRef } from '../../../server/src/protocol';
import { parseFile } from '../../../server/src/yaml/file';
import { LineIndex } from '../../../server/src/yaml/lineIndex';
import { diagnoseInWorkspace, settingsFor, yaml } from '../helpers';
import { actionsFor, deployment, withoutCursor, workspaceOf } from './insertHelpers';

const files = {
  'apps.yaml': [
    deployment('web', 'shop', { app: 'web' }),
    deployment('prometheus', 'monitoring', { 'app.kubernetes.io/name': 'prometheus' }).replace('Deployment', 'StatefulSet'),
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bare\n  namespace: shop\n',
  ].join('---\n'),
};

const db = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: db
    namespace: shop
  spec:
    podSelector:
      matchLabels:
        app: db<|>
    ingress:
    - from:
      - podSelector:
          matchLabels:
            app: api
`;

/** The document after the edit that allows `workload` in `direction`, or the server's message. */
function allow(marked: string, direction: 'ingress' | 'egress', workload: WorkloadRef): string {
  const { text, at } = withoutCursor(marked);
  const settings = settingsFor({ lints: true });
  const result = allowWorkloadEdit({
    file: parseFile(text),
    offset: at,
    settings,
    workspace: workspaceOf({ ...files, 'test.yaml': text }, settings),
    direction,
    workload,
  });
  if (!result.edits) return result.message ?? '';
  const lines = new LineIndex(text);
  const placed = result.edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }));
  return placed.reverse().reduce((out, e) => out.slice(0, e.start) + e.text + out.slice(e.end), text);
}

describe('Allow traffic from/to workload', () => {
  it('offers both refactorings in a policy, running the client command', () => {
    const actions = actionsFor(allowWorkloadActions, db, { files });
    expect(actions.map((a) => a.title)).toEqual(['Allow traffic from workload…', 'Allow traffic to workload…']);
    const { text, at } = withoutCursor(db);
    const position = new LineIndex(text).positionAt(at);
    expect(actions[0]!.command).toMatchObject({
      command: COMMANDS.allowWorkload,
      arguments: ['file:///ws/test.yaml', position, 'ingress'],
    });
    expect(actionsFor(allowWorkloadActions, 'kind: ConfigMap<|>\n', { files })).toEqual([]);
  });

  it('lists the workloads by namespace and name', () => {
    const settings = settingsFor();
    expect(workloadList(workspaceOf(files, settings)).workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`)).toEqual([
      'monitoring/StatefulSet/prometheus',
      'shop/Pod/bare',
      'shop/Deployment/web',
    ]);
  });

  it('allows ingress from a workload of the same namespace with its pod labels alone', () => {
    const after = allow(db, 'ingress', { namespace: 'shop', kind: 'Deployment', name: 'web' });
    expect(after).toBe(withoutCursor(db).text + '  - from:\n    - podSelector:\n        matchLabels:\n          app: web\n');
    expect(allow(after.replace('app: db', 'app: db<|>'), 'ingress', { namespace: 'shop', kind: 'Deployment', name: 'web' })).toBe(
      'A rule of this policy allows traffic from web already.',
    );
  });

  it('allows ingress from another namespace with both selectors in one peer', () => {
    const after = allow(db, 'ingress', { namespace: 'monitoring', kind: 'StatefulSet', name: 'prometheus' });
    expect(after).toBe(
      withoutCursor(db).text +
        '  - from:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: monitoring\n      podSelector:\n        matchLabels:\n          app.kubernetes.io/name: prometheus\n',
    );
    const newPeer = diagnoseInWorkspace({ ...files, 'test.yaml': after }, 'test.yaml', { lints: true }).filter((d) =>
      d.path?.startsWith('spec.ingress[1]'),
    );
    expect(newPeer).toEqual([]);
  });

  it('allows egress to a workload, writing the policy types that enforce it', () => {
    const after = allow(db, 'egress', { namespace: 'shop', kind: 'Deployment', name: 'web' });
    expect(after).toBe(
      withoutCursor(db)
        .text.replace('      app: db\n', '      app: db\n  policyTypes:\n  - Ingress\n  - Egress\n')
        .concat('  egress:\n  - to:\n    - podSelector:\n        matchLabels:\n          app: web\n'),
    );
  });

  it('explains why it cannot', () => {
    expect(allow(db, 'ingress', { namespace: 'shop', kind: 'Pod', name: 'bare' })).toMatch(/have no labels/);
    expect(allow(db, 'ingress', { namespace: 'shop', kind: 'Deployment', name: 'gone' })).toMatch(/is not in the workspace/);
    expect(allow('kind: ConfigMap<|>\n', 'ingress', { namespace: 'shop', kind: 'Deployment', name: 'web' })).toMatch(/no NetworkPolicy/);
  });
});
