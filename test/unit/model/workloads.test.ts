import { describe, expect, it } from 'vitest';
import { objectsOf, type WorkloadObject } from '../../../server/src/model/objects';
import { groupWorkloads } from '../../../server/src/model/workloads';
import { isNetworkPolicyObject } from '../../../server/src/rules/validateDocument';
import { parseFile } from '../../../server/src/yaml/file';
import { connectivityLines, deployment, netpol } from './connectivity/workspace';

/** The workload objects of a multi-document YAML text. */
function workloadsOf(text: string): WorkloadObject[] {
  return parseFile(text).chunks.flatMap((chunk) =>
    chunk.parsed.documents.flatMap((doc) =>
      objectsOf(doc.json, 'default', isNetworkPolicyObject).filter(
        (o): o is WorkloadObject => o.kind !== 'NetworkPolicy' && o.kind !== 'Namespace' && o.kind !== 'Service',
      ),
    ),
  );
}

/** A Pod as `kubectl get pods -o yaml` shows it, owned by `owner` (`Kind/name`). */
function pod(name: string, labels: Record<string, string>, owner?: string, controller = true): string {
  const [kind, ownerName] = owner?.split('/') ?? [];
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    '  namespace: shop',
    `  labels: ${JSON.stringify(labels)}`,
    ...(owner
      ? [
          '  ownerReferences:',
          `    - { apiVersion: apps/v1, kind: ${kind}, name: ${ownerName}, uid: 5f0c, controller: ${controller}, blockOwnerDeletion: true }`,
        ]
      : []),
    'spec:',
    '  containers: [{ name: main, image: app, ports: [{ containerPort: 8080, name: http }] }]',
    '',
  ].join('\n');
}

const identities = (text: string) =>
  groupWorkloads(workloadsOf(text)).map((w) => [`${w.namespace}/${w.kind}/${w.name}`, w.members.map((m) => m.name)]);

describe('workloads: the pods of one controller are one workload', () => {
  it('reads the controller from ownerReferences (only the entry with controller: true)', () => {
    const [owned] = workloadsOf(pod('db-0', { app: 'db' }, 'StatefulSet/db'));
    expect(owned!.controller).toEqual({ kind: 'StatefulSet', name: 'db' });
    const [notController] = workloadsOf(pod('db-0', { app: 'db' }, 'StatefulSet/db', false));
    expect(notController!.controller).toBeUndefined();
  });

  it('groups the pods of a Deployment through the ReplicaSet name and pod-template-hash, without the ReplicaSet', () => {
    const dump = [
      pod('web-7d4b9c8f6-x2x4z', { app: 'web', 'pod-template-hash': '7d4b9c8f6' }, 'ReplicaSet/web-7d4b9c8f6'),
      pod('web-7d4b9c8f6-qq9rt', { app: 'web', 'pod-template-hash': '7d4b9c8f6' }, 'ReplicaSet/web-7d4b9c8f6'),
      pod('db-0', { app: 'db' }, 'StatefulSet/db'),
      pod('db-1', { app: 'db' }, 'StatefulSet/db'),
      pod('debug', { run: 'debug' }),
    ].join('---\n');
    expect(identities(dump)).toEqual([
      ['shop/StatefulSet/db', ['db-0', 'db-1']],
      ['shop/Pod/debug', ['debug']],
      ['shop/Deployment/web', ['web-7d4b9c8f6-qq9rt', 'web-7d4b9c8f6-x2x4z']],
    ]);
  });

  it('follows declared owners up the chain and puts the controller’s own declaration first', () => {
    const replicaSet = [
      'apiVersion: apps/v1',
      'kind: ReplicaSet',
      'metadata:',
      '  name: web-abc',
      '  namespace: shop',
      '  ownerReferences: [{ kind: Deployment, name: web, controller: true }]',
      'spec:',
      '  template: { metadata: { labels: { app: web } } }',
      '',
    ].join('\n');
    const text = [pod('web-abc-1', { app: 'web' }, 'ReplicaSet/web-abc'), replicaSet, deployment('shop', 'web', { app: 'web' })].join(
      '---\n',
    );
    const [web] = groupWorkloads(workloadsOf(text));
    expect(`${web!.kind}/${web!.name}`).toBe('Deployment/web');
    expect(web!.members.map((m) => `${m.kind}/${m.name}`)).toEqual(['Deployment/web', 'ReplicaSet/web-abc', 'Pod/web-abc-1']);
  });

  it('keeps a ReplicaSet whose name does not end in the pod’s hash as the controller (no Deployment guessed)', () => {
    expect(identities(pod('rs-1', { app: 'x', 'pod-template-hash': 'abc' }, 'ReplicaSet/standalone'))).toEqual([
      ['shop/ReplicaSet/standalone', ['rs-1']],
    ]);
    expect(identities(pod('rs-1', { app: 'x' }, 'ReplicaSet/web-abc'))).toEqual([['shop/ReplicaSet/web-abc', ['rs-1']]]);
  });

  it('stops on an ownership cycle instead of looping', () => {
    const a = pod('a', { app: 'a' }, 'Pod/b');
    const b = pod('b', { app: 'b' }, 'Pod/a');
    expect(groupWorkloads(workloadsOf(`${a}---\n${b}`)).length).toBeGreaterThan(0);
  });

  it('answers connectivity per workload, not per pod', () => {
    const dump = [
      pod('web-7d4b9c8f6-x2x4z', { app: 'web', 'pod-template-hash': '7d4b9c8f6' }, 'ReplicaSet/web-7d4b9c8f6'),
      pod('web-7d4b9c8f6-qq9rt', { app: 'web', 'pod-template-hash': '7d4b9c8f6' }, 'ReplicaSet/web-7d4b9c8f6'),
      pod('db-0', { app: 'db' }, 'StatefulSet/db'),
      pod('db-1', { app: 'db' }, 'StatefulSet/db'),
    ].join('---\n');
    const policy = netpol(
      'shop',
      'db',
      'podSelector: { matchLabels: { app: db } }\ningress:\n  - from: [{ podSelector: { matchLabels: { app: web } } }]\n    ports: [{ port: http }]',
    );
    const lines = connectivityLines({ 'pods.yaml': dump, 'policy.yaml': policy });
    expect(lines.filter((line) => line.includes('=>') && !line.includes('/0'))).toEqual([
      'shop/db[StatefulSet] => shop/web[Deployment] : all',
      'shop/web[Deployment] => shop/db[StatefulSet] : TCP 8080',
    ]);
  });
});
