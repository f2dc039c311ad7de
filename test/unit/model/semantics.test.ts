import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJsonObject, type Json, type JsonObject } from '../../../server/src/model/json';
import { LATEST } from '../../../server/src/model/k8sVersion';
import type { NetworkPolicy } from '../../../server/src/model/networkPolicy';
import { EVERYTHING, selectorMatches, type Labels, type Requirement, type Selector } from '../../../server/src/model/selector';
import {
  buildSemanticPolicy,
  effectivePolicyTypes,
  type Peer,
  type PolicyTypes,
  type SemanticPolicy,
  type SemanticRule,
} from '../../../server/src/model/semantics';
import { decodePolicy } from '../../../server/src/rules/understood';
import { parseFile } from '../../../server/src/yaml/file';
import { policy } from '../helpers';
import { labelSet, referenceMatches, selectorJson, writtenSelector, type WrittenSelector } from './labelReference';

/** The JSON kubectl would send for a one-document YAML text. */
function jsonOf(text: string): JsonObject {
  const json = parseFile(text).chunks[0]?.parsed.documents[0]?.json;
  if (!isJsonObject(json)) throw new Error(`not an object: ${text}`);
  return json;
}

/** A policy decoded the way the API server decodes it (wrong-typed values INVALID). */
const decoded = (json: JsonObject): NetworkPolicy => decodePolicy({ path: [], json, implied: false }, LATEST).policy;

/** The meaning of a policy with this spec (YAML), in namespace `team` unless `metadata` says otherwise. */
function semanticOf(spec: string, metadata = 'name: test\nnamespace: team', defaultNamespace = 'default'): SemanticPolicy {
  return buildSemanticPolicy(decoded(jsonOf(policy(spec, metadata))), defaultNamespace);
}

const typesOf = (spec: string): PolicyTypes => effectivePolicyTypes(decoded(jsonOf(policy(spec))));

const req = (key: string, operator: Requirement['operator'], values: string[] = []): Requirement => ({ key, operator, values });
const sel = (...requirements: Requirement[]): Selector => ({ requirements });

/** The selector an unreadable one stands for: it matches nothing. */
function matchesNothing(selector: Selector): boolean {
  const samples: Labels[] = [{}, { app: 'web' }, { '': '' }, { a: 'b', c: 'd' }];
  return samples.every((labels) => !selectorMatches(selector, labels));
}

describe('effective policyTypes (F2, defaults.go)', () => {
  const ONLY_INGRESS = { ingress: true, egress: false };
  const BOTH = { ingress: true, egress: true };
  const ONLY_EGRESS = { ingress: false, egress: true };
  const NEITHER = { ingress: false, egress: false };
  // [policyTypes as written (undefined: absent), egress as written, ingress/egress, explicit]
  const table: [string | undefined, string | undefined, { ingress: boolean; egress: boolean }, boolean][] = [
    [undefined, undefined, ONLY_INGRESS, false],
    [undefined, '[]', ONLY_INGRESS, false], // `egress: []` does not add Egress
    [undefined, 'null', ONLY_INGRESS, false],
    [undefined, '[{}]', BOTH, false],
    [undefined, '[{}, {}]', BOTH, false],
    [undefined, '[{ to: [] }]', BOTH, false],
    ['[]', undefined, ONLY_INGRESS, false],
    ['[]', '[]', ONLY_INGRESS, false],
    ['[]', '[{}]', BOTH, false],
    ['null', undefined, ONLY_INGRESS, false],
    ['null', '[{}]', BOTH, false],
    ['[Ingress]', undefined, ONLY_INGRESS, true],
    ['[Ingress]', '[]', ONLY_INGRESS, true],
    ['[Ingress]', '[{}]', ONLY_INGRESS, true], // a non-empty policyTypes is never changed (egress rules ignored, W1)
    ['[Egress]', undefined, ONLY_EGRESS, true], // deny all egress
    ['[Egress]', '[]', ONLY_EGRESS, true],
    ['[Egress]', '[{}]', ONLY_EGRESS, true],
    ['[Ingress, Egress]', undefined, BOTH, true],
    ['[Ingress, Egress]', '[]', BOTH, true],
    ['[Ingress, Egress]', '[{}]', BOTH, true],
    ['[Egress, Ingress]', undefined, BOTH, true],
    ['[Egress, Ingress]', '[{}]', BOTH, true],
    ['[Ingress, Ingress]', undefined, ONLY_INGRESS, true],
    ['[Ingress, Ingress]', '[{}]', ONLY_INGRESS, true],
    ['[Egress, Egress]', undefined, ONLY_EGRESS, true],
    ['[Egress, Egress]', '[{}]', ONLY_EGRESS, true],
    ['[ingress]', '[{}]', NEITHER, true], // rejected by the API server; not read as Ingress
  ];
  it.each(table)('policyTypes %s, egress %s => %j (explicit %s)', (types, egress, expected, explicit) => {
    const spec = [
      'podSelector: {}',
      ...(types === undefined ? [] : [`policyTypes: ${types}`]),
      ...(egress === undefined ? [] : [`egress: ${egress}`]),
    ].join('\n');
    expect(typesOf(spec)).toEqual({ ...expected, explicit });
    expect(semanticOf(spec).types).toEqual({ ...expected, explicit });
  });

  it('does not depend on ingress rules', () => {
    expect(typesOf('ingress: []')).toEqual({ ingress: true, egress: false, explicit: false });
    expect(typesOf('policyTypes: [Egress]\ningress: [{}]')).toEqual({ ingress: false, egress: true, explicit: true });
  });

  it('defaults when there is no spec at all', () => {
    expect(effectivePolicyTypes({})).toEqual({ ingress: true, egress: false, explicit: false });
  });

  it('keeps the rules of a direction that policyTypes leaves out (the lints warn about them)', () => {
    const semantic = semanticOf('policyTypes: [Ingress]\negress: [{}]');
    expect(semantic.types.egress).toBe(false);
    expect(semantic.egress).toEqual([{ direction: 'egress', index: 0, peers: 'any', ports: 'all' }]);
  });
});

describe('subject (S1)', () => {
  it('is every pod when podSelector is absent or {}', () => {
    expect(semanticOf('policyTypes: [Ingress]').subject).toEqual(EVERYTHING);
    expect(semanticOf('podSelector: {}').subject).toEqual(EVERYTHING);
    expect(semanticOf('podSelector:').subject).toEqual(EVERYTHING); // null: absent
  });

  it('is the selector written', () => {
    const semantic = semanticOf(`
      podSelector:
        matchLabels: { app: web }
        matchExpressions:
          - { key: tier, operator: NotIn, values: [db] }
    `);
    expect(semantic.subject).toEqual(sel(req('app', 'In', ['web']), req('tier', 'NotIn', ['db'])));
    expect(semantic.partial).toBe(false);
  });

  it('matches nothing (and is partial) when it cannot be read', () => {
    for (const podSelector of ['{ matchExpressions: [{ key: app, operator: Equals, values: [web] }] }', '[]', '{ matchLabels: [] }']) {
      const semantic = semanticOf(`podSelector: ${podSelector}`);
      expect(semantic.partial, podSelector).toBe(true);
      expect(matchesNothing(semantic.subject), podSelector).toBe(true);
    }
  });
});

describe('namespace and name', () => {
  it('takes metadata.namespace when written', () => {
    const semantic = semanticOf('podSelector: {}', 'name: web\nnamespace: team-a', 'fallback');
    expect(semantic).toMatchObject({ name: 'web', namespace: 'team-a', namespaceGiven: true, partial: false });
  });

  it('defaults to the given namespace when absent, null or empty', () => {
    for (const metadata of ['name: web', 'name: web\nnamespace:', 'name: web\nnamespace: ""']) {
      expect(semanticOf('podSelector: {}', metadata, 'fallback'), metadata).toMatchObject({
        name: 'web',
        namespace: 'fallback',
        namespaceGiven: false,
      });
    }
  });

  it('has an empty name when there is none', () => {
    expect(buildSemanticPolicy(decoded(jsonOf('kind: NetworkPolicy\nspec: {}')), 'default')).toMatchObject({
      name: '',
      namespace: 'default',
      namespaceGiven: false,
    });
  });

  it('is partial when the namespace cannot be read (where the policy applies is unknown)', () => {
    expect(semanticOf('podSelector: {}', 'name: web\nnamespace: 5')).toMatchObject({ namespaceGiven: false, partial: true });
    expect(buildSemanticPolicy(decoded(jsonOf('kind: NetworkPolicy\nmetadata: []\nspec: {}')), 'default').partial).toBe(true);
  });
});

/** The peers of the one ingress rule of a spec `ingress: [{from: [<peers>]}]`, and of the egress twin. */
function peersOf(peers: string): { ingress: SemanticRule['peers']; egress: SemanticRule['peers']; partial: boolean } {
  const ingress = semanticOf(`ingress:\n  - from:\n${peers.replace(/^/gm, '      ')}`);
  const egress = semanticOf(`policyTypes: [Egress]\negress:\n  - to:\n${peers.replace(/^/gm, '      ')}`);
  expect(egress.egress[0]?.peers).toEqual(ingress.ingress[0]?.peers);
  expect(egress.partial).toBe(ingress.partial);
  return { ingress: ingress.ingress[0]!.peers, egress: egress.egress[0]!.peers, partial: ingress.partial };
}

describe('peers (S6, S7)', () => {
  const cases: [string, string, Peer[]][] = [
    [
      'podSelector alone: pods of the policy namespace',
      '- podSelector: { matchLabels: { app: web } }',
      [{ kind: 'pods', namespaces: 'own', pods: sel(req('app', 'In', ['web'])) }],
    ],
    [
      'podSelector: {} alone: every pod of the policy namespace',
      '- podSelector: {}',
      [{ kind: 'pods', namespaces: 'own', pods: EVERYTHING }],
    ],
    [
      'namespaceSelector alone: every pod of the matching namespaces',
      '- namespaceSelector: { matchLabels: { team: a } }',
      [{ kind: 'pods', namespaces: sel(req('team', 'In', ['a'])), pods: EVERYTHING }],
    ],
    [
      'namespaceSelector: {} alone: every pod of every namespace',
      '- namespaceSelector: {}',
      [{ kind: 'pods', namespaces: EVERYTHING, pods: EVERYTHING }],
    ],
    [
      'both in one item: AND',
      '- namespaceSelector: { matchLabels: { team: a } }\n  podSelector: { matchLabels: { app: web } }',
      [{ kind: 'pods', namespaces: sel(req('team', 'In', ['a'])), pods: sel(req('app', 'In', ['web'])) }],
    ],
    [
      'both empty in one item',
      '- { namespaceSelector: {}, podSelector: {} }',
      [{ kind: 'pods', namespaces: EVERYTHING, pods: EVERYTHING }],
    ],
    [
      'both as two items: OR',
      '- namespaceSelector: { matchLabels: { team: a } }\n- podSelector: { matchLabels: { app: web } }',
      [
        { kind: 'pods', namespaces: sel(req('team', 'In', ['a'])), pods: EVERYTHING },
        { kind: 'pods', namespaces: 'own', pods: sel(req('app', 'In', ['web'])) },
      ],
    ],
    [
      'namespace by name',
      '- namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }',
      [{ kind: 'pods', namespaces: sel(req('kubernetes.io/metadata.name', 'In', ['kube-system'])), pods: EVERYTHING }],
    ],
    ['ipBlock', '- ipBlock: { cidr: 10.0.0.0/8 }', [{ kind: 'ipBlock', cidr: '10.0.0.0/8', except: [] }]],
    [
      'ipBlock with except',
      '- ipBlock:\n    cidr: 10.0.0.0/8\n    except: [10.1.0.0/16, 10.2.0.0/16]',
      [{ kind: 'ipBlock', cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.0.0/16'] }],
    ],
    ['IPv6 ipBlock', '- ipBlock: { cidr: "::/0" }', [{ kind: 'ipBlock', cidr: '::/0', except: [] }]],
    [
      'every kind in one list, in order',
      '- ipBlock: { cidr: 0.0.0.0/0 }\n- podSelector: {}\n- namespaceSelector: {}',
      [
        { kind: 'ipBlock', cidr: '0.0.0.0/0', except: [] },
        { kind: 'pods', namespaces: 'own', pods: EVERYTHING },
        { kind: 'pods', namespaces: EVERYTHING, pods: EVERYTHING },
      ],
    ],
  ];
  it.each(cases)('%s', (_name, peers, expected) => {
    const got = peersOf(peers);
    expect(got.ingress).toEqual(expected.map((peer, index) => ({ ...peer, index })));
    expect(got.partial).toBe(false);
  });

  it('matchExpressions in a peer', () => {
    expect(
      peersOf(
        '- namespaceSelector:\n    matchExpressions:\n      - { key: env, operator: In, values: [prod, staging] }\n      - { key: x, operator: DoesNotExist }',
      ).ingress,
    ).toEqual([
      { kind: 'pods', index: 0, namespaces: sel(req('env', 'In', ['prod', 'staging']), req('x', 'DoesNotExist')), pods: EVERYTHING },
    ]);
  });

  it('keeps the written index of each peer past one the API server cannot read', () => {
    const got = peersOf('- ipBlock:\n    cidr:\n- namespaceSelector: {}');
    expect(got.partial).toBe(true);
    expect(got.ingress).toEqual([{ kind: 'pods', index: 1, namespaces: EVERYTHING, pods: EVERYTHING }]);
  });

  it.each([
    ['an empty peer', '- {}'],
    ['a peer whose selector is null', '- podSelector:'],
    ['a null peer', '- null'],
  ])('leaves out %s (rejected by the API server) and is partial: the rule then allows nothing', (_name, peers) => {
    const got = peersOf(peers);
    expect(got.ingress).toEqual([]);
    expect(got.partial).toBe(true);
  });

  it.each([
    ['an unknown operator', '- podSelector: { matchExpressions: [{ key: a, operator: Equals, values: [b] }] }'],
    ['a selector of the wrong type', '- podSelector: []'],
    ['matchLabels of the wrong type', '- namespaceSelector: { matchLabels: [a] }'],
    ['values of the wrong type', '- namespaceSelector: { matchExpressions: [{ key: a, operator: In, values: b }] }'],
  ])('makes a selector with %s match nothing, and is partial', (_name, peers) => {
    const got = peersOf(peers);
    expect(got.partial).toBe(true);
    expect(got.ingress).toHaveLength(1);
    const peer = (got.ingress as Peer[])[0]!;
    expect(peer.kind).toBe('pods');
    if (peer.kind !== 'pods') return;
    const unreadable = peers.includes('namespaceSelector') ? peer.namespaces : peer.pods;
    expect(unreadable).not.toBe('own');
    expect(matchesNothing(unreadable as Selector)).toBe(true);
  });

  it.each([
    ['an ipBlock of the wrong type', '- ipBlock: 10.0.0.0/8'],
    ['an ipBlock without cidr', '- ipBlock: { except: [10.0.0.0/24] }'],
    ['a cidr of the wrong type', '- ipBlock: { cidr: 10 }'],
  ])('leaves out %s, and is partial', (_name, peers) => {
    const got = peersOf(peers);
    expect(got.ingress).toEqual([]);
    expect(got.partial).toBe(true);
  });

  it('is partial when an except list or entry cannot be read (the block would look larger than written)', () => {
    expect(peersOf('- ipBlock: { cidr: 10.0.0.0/8, except: 10.1.0.0/16 }').partial).toBe(true);
    expect(peersOf('- ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16, 5] }').partial).toBe(true);
  });
});

describe('rules (S4, S5)', () => {
  it('has no rules for absent, null or empty lists', () => {
    for (const ingress of [undefined, 'null', '[]']) {
      const semantic = semanticOf(ingress === undefined ? 'podSelector: {}' : `ingress: ${ingress}`);
      expect(semantic.ingress).toEqual([]);
      expect(semantic.egress).toEqual([]);
      expect(semantic.partial).toBe(false);
    }
  });

  it('reads `- {}` as one rule for every peer and port (allow all)', () => {
    const semantic = semanticOf('policyTypes: [Ingress, Egress]\ningress:\n  - {}\negress:\n  - {}');
    expect(semantic.ingress).toEqual([{ direction: 'ingress', index: 0, peers: 'any', ports: 'all' }]);
    expect(semantic.egress).toEqual([{ direction: 'egress', index: 0, peers: 'any', ports: 'all' }]);
  });

  it.each([
    ['from absent, ports absent', '- ports: null'],
    ['from: [], ports: []', '- { from: [], ports: [] }'],
    ['from: null', '- from:'],
    ['a null rule (a zero rule)', '- null'],
  ])('reads %s as any peer and all ports', (_name, rules) => {
    const semantic = semanticOf(`ingress:\n${rules.replace(/^/gm, '  ')}`);
    expect(semantic.ingress).toEqual([{ direction: 'ingress', index: 0, peers: 'any', ports: 'all' }]);
    expect(semantic.partial).toBe(false);
  });

  it('reads to: [] as any destination', () => {
    expect(semanticOf('policyTypes: [Egress]\negress:\n  - to: []\n    ports: [{ port: 53, protocol: UDP }]').egress).toEqual([
      { direction: 'egress', index: 0, peers: 'any', ports: [{ protocol: 'UDP', port: 53 }] },
    ]);
  });

  it('numbers rules by their place in the list, per direction', () => {
    const semantic = semanticOf(`
      policyTypes: [Ingress, Egress]
      ingress:
        - from: [{ podSelector: {} }]
        - ports: [{ port: 80 }]
      egress:
        - to: [{ namespaceSelector: {} }]
    `);
    expect(semantic.ingress.map((r) => [r.direction, r.index])).toEqual([
      ['ingress', 0],
      ['ingress', 1],
    ]);
    expect(semantic.ingress[0]).toMatchObject({ peers: [{ kind: 'pods', namespaces: 'own' }], ports: 'all' });
    expect(semantic.ingress[1]).toMatchObject({ peers: 'any', ports: [{ protocol: 'TCP', port: 80 }] });
    expect(semantic.egress).toEqual([
      { direction: 'egress', index: 0, peers: [{ kind: 'pods', index: 0, namespaces: EVERYTHING, pods: EVERYTHING }], ports: 'all' },
    ]);
  });

  it('ignores the field of the other direction (`to` in an ingress rule is an unknown field)', () => {
    const semantic = semanticOf('ingress:\n  - to: [{ podSelector: {} }]');
    expect(semantic.ingress[0]?.peers).toBe('any');
  });

  it('leaves out a rule of the wrong type but keeps the index of the others, and is partial', () => {
    const semantic = semanticOf('ingress:\n  - 5\n  - from: [{ podSelector: {} }]');
    expect(semantic.ingress.map((r) => r.index)).toEqual([1]);
    expect(semantic.partial).toBe(true);
  });

  it.each([
    ['from of the wrong type', 'ingress:\n  - from: { podSelector: {} }'],
    ['ports of the wrong type', 'ingress:\n  - ports: { port: 80 }'],
    ['a port entry of the wrong type', 'ingress:\n  - ports: [80]'],
    ['a peer of the wrong type', 'ingress:\n  - from: [podSelector]'],
  ])('is partial with %s', (_name, spec) => {
    expect(semanticOf(spec).partial).toBe(true);
  });

  it.each([
    ['ingress written as a map', 'ingress:\n  from: [{ podSelector: {} }]'],
    ['egress written as a map', 'egress:\n  to: [{ podSelector: {} }]'],
    ['ingress of the wrong type', 'ingress: allow'],
  ])('is partial with %s (the rules cannot be read)', (_name, spec) => {
    const semantic = semanticOf(spec);
    expect(semantic.partial).toBe(true);
    expect(semantic.ingress).toEqual([]);
    expect(semantic.egress).toEqual([]);
  });

  it.each([
    ['policyTypes written as a string', 'policyTypes: Egress'],
    ['a policyTypes entry of the wrong type', 'policyTypes: [Egress, 5]'],
  ])('is partial with %s (which directions are isolated is unknown)', (_name, spec) => {
    expect(semanticOf(spec).partial).toBe(true);
  });

  it('is partial when the spec is not an object', () => {
    const semantic = buildSemanticPolicy(decoded(jsonOf('kind: NetworkPolicy\nmetadata: { name: a }\nspec: []')), 'default');
    expect(semantic).toMatchObject({ partial: true, subject: EVERYTHING, ingress: [], egress: [] });
  });

  it('is not partial for a complete, valid policy', () => {
    const semantic = semanticOf(`
      podSelector: { matchLabels: { app: db } }
      policyTypes: [Ingress, Egress]
      ingress:
        - from:
            - namespaceSelector: { matchLabels: { team: a } }
              podSelector: { matchExpressions: [{ key: app, operator: In, values: [api] }] }
            - ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] }
          ports:
            - { port: 5432 }
            - { port: metrics, protocol: TCP }
      egress:
        - to: [{ namespaceSelector: {} }]
          ports: [{ port: 53, protocol: UDP }, { port: 53 }]
    `);
    expect(semantic.partial).toBe(false);
  });
});

describe('ports (F1, S8)', () => {
  const portsOf = (ports: string) => semanticOf(`ingress:\n  - ports:\n${ports.replace(/^/gm, '      ')}`);
  // [ports as written, the semantic ports]
  const cases: [string, unknown][] = [
    ['- port: 80', [{ protocol: 'TCP', port: 80 }]],
    ['- { port: 80, protocol: null }', [{ protocol: 'TCP', port: 80 }]],
    ['- { port: 53, protocol: UDP }', [{ protocol: 'UDP', port: 53 }]],
    ['- { port: 3868, protocol: SCTP }', [{ protocol: 'SCTP', port: 3868 }]],
    ['- { protocol: UDP }', [{ protocol: 'UDP' }]], // every UDP port
    ['- {}', [{ protocol: 'TCP' }]], // every TCP port
    ['- null', [{ protocol: 'TCP' }]], // a zero NetworkPolicyPort
    ['- port: http', [{ protocol: 'TCP', port: 'http' }]], // a named container port
    ['- port: "8080"', [{ protocol: 'TCP', port: '8080' }]], // a string is a name, even all digits
    ['- { port: 8000, endPort: 9000 }', [{ protocol: 'TCP', port: 8000, endPort: 9000 }]],
    ['- { port: 8000, endPort: 9000, protocol: UDP }', [{ protocol: 'UDP', port: 8000, endPort: 9000 }]],
    [
      '- { port: 53, protocol: UDP }\n- { port: 53, protocol: TCP }',
      [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    ],
  ];
  it.each(cases)('%s', (ports, expected) => {
    const semantic = portsOf(ports);
    expect(semantic.ingress[0]?.ports).toEqual(expected);
    expect(semantic.partial).toBe(false);
  });

  it('drops an endPort that the API server rejects without a numeric port', () => {
    expect(portsOf('- { port: http, endPort: 9000 }').ingress[0]?.ports).toEqual([{ protocol: 'TCP', port: 'http' }]);
    expect(portsOf('- { endPort: 9000 }').ingress[0]?.ports).toEqual([{ protocol: 'TCP' }]);
  });

  it.each([
    ['an empty protocol (not defaulted: it is not nil)', '- { port: 80, protocol: "" }'],
    ['a lower-case protocol', '- { port: 80, protocol: tcp }'],
    ['an unknown protocol', '- { port: 80, protocol: ICMP }'],
    ['a protocol of the wrong type', '- { port: 80, protocol: 6 }'],
    ['a port of the wrong type', '- { port: 1.5 }'],
    ['a port of another wrong type', '- { port: [80] }'],
  ])('leaves out a port with %s, and is partial', (_name, ports) => {
    const semantic = portsOf(`${ports}\n- port: 443`);
    expect(semantic.ingress[0]?.ports).toEqual([{ protocol: 'TCP', port: 443 }]);
    expect(semantic.partial).toBe(true);
  });

  it('is partial when endPort cannot be read (the range would look smaller than written)', () => {
    expect(portsOf('- { port: 8000, endPort: "9000" }').partial).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------
// Property: whether a pod is selected by the peers of a rule, computed from the peers as
// written (S6) by an independent reference, equals the evaluation of the semantic peers.
// ---------------------------------------------------------------------------------------

const NAMESPACES = ['default', 'team-a', 'team-b'];
const NAME_LABEL = 'kubernetes.io/metadata.name';
const POD_KEYS = ['app', 'tier'];
const NS_KEYS = ['team', 'env'];
const VALUES = ['', 'a', 'b'];

interface WrittenPeer {
  podSelector?: WrittenSelector;
  namespaceSelector?: WrittenSelector;
}

const podSelector = writtenSelector(POD_KEYS, VALUES);
/** Namespace selectors also select by name, with the automatic label. */
const namespaceSelector = writtenSelector([...NS_KEYS, NAME_LABEL], [...VALUES, ...NAMESPACES]);
const writtenPeer: fc.Arbitrary<WrittenPeer> = fc.oneof(
  podSelector.map((p) => ({ podSelector: p })),
  namespaceSelector.map((n) => ({ namespaceSelector: n })),
  fc.tuple(podSelector, namespaceSelector).map(([p, n]) => ({ podSelector: p, namespaceSelector: n })),
);

interface World {
  /** Labels of each namespace, with its kubernetes.io/metadata.name. */
  namespaceLabels: Map<string, Map<string, string>>;
  pod: { namespace: string; labels: Map<string, string> };
}

const world: fc.Arbitrary<World> = fc
  .tuple(fc.tuple(...NAMESPACES.map(() => labelSet(NS_KEYS, VALUES, 2))), fc.constantFrom(...NAMESPACES), labelSet(POD_KEYS, VALUES, 2))
  .map(([labels, namespace, podLabels]) => ({
    namespaceLabels: new Map(NAMESPACES.map((name, i) => [name, new Map([...labels[i]!, [NAME_LABEL, name]])])),
    pod: { namespace, labels: podLabels },
  }));

/**
 * S6 from the peer as written: podSelector alone = pods of the policy's namespace;
 * namespaceSelector alone = every pod of the matching namespaces; both = AND.
 */
function referenceSelects(peer: WrittenPeer, policyNamespace: string, w: World): boolean {
  const podOk = peer.podSelector === undefined || referenceMatches(peer.podSelector, w.pod.labels);
  const namespaceOk =
    peer.namespaceSelector === undefined
      ? w.pod.namespace === policyNamespace
      : referenceMatches(peer.namespaceSelector, w.namespaceLabels.get(w.pod.namespace)!);
  return podOk && namespaceOk;
}

/** The semantic peer, evaluated. */
function semanticSelects(peer: Peer, semantic: SemanticPolicy, w: World): boolean {
  if (peer.kind !== 'pods') return false;
  const podLabels = Object.fromEntries(w.pod.labels) as Labels;
  const namespaceLabels = Object.fromEntries(w.namespaceLabels.get(w.pod.namespace)!) as Labels;
  const namespaceOk =
    peer.namespaces === 'own' ? w.pod.namespace === semantic.namespace : selectorMatches(peer.namespaces, namespaceLabels);
  return namespaceOk && selectorMatches(peer.pods, podLabels);
}

function peerJson(peer: WrittenPeer): Json {
  return {
    ...(peer.podSelector ? { podSelector: selectorJson(peer.podSelector) as Json } : {}),
    ...(peer.namespaceSelector ? { namespaceSelector: selectorJson(peer.namespaceSelector) as Json } : {}),
  };
}

describe('peer semantics property', () => {
  it('a pod is selected by the semantic peers exactly when the written peers select it', () => {
    fc.assert(
      fc.property(
        fc.array(writtenPeer, { minLength: 1, maxLength: 3 }),
        fc.option(fc.constantFrom(...NAMESPACES), { nil: undefined }),
        fc.constantFrom(...NAMESPACES),
        fc.constantFrom<'ingress' | 'egress'>('ingress', 'egress'),
        world,
        (peers, written, defaultNamespace, direction, w) => {
          const json: JsonObject = {
            apiVersion: 'networking.k8s.io/v1',
            kind: 'NetworkPolicy',
            metadata: { name: 'p', ...(written === undefined ? {} : { namespace: written }) },
            spec: {
              podSelector: {},
              policyTypes: [direction === 'ingress' ? 'Ingress' : 'Egress'],
              [direction]: [{ [direction === 'ingress' ? 'from' : 'to']: peers.map(peerJson) }],
            },
          };
          const semantic = buildSemanticPolicy(decoded(json), defaultNamespace);
          expect(semantic.partial).toBe(false);
          const policyNamespace = written ?? defaultNamespace;
          expect(semantic.namespace).toBe(policyNamespace);
          const rule = semantic[direction][0]!;
          expect(rule.peers).not.toBe('any');
          const got = (rule.peers as Peer[]).some((peer) => semanticSelects(peer, semantic, w));
          const expected = peers.some((peer) => referenceSelects(peer, policyNamespace, w));
          expect(got).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('effective policyTypes follow F2 for random policyTypes and egress lists', () => {
    fc.assert(
      fc.property(
        fc.option(fc.array(fc.constantFrom('Ingress', 'Egress'), { maxLength: 2 }), { nil: undefined }),
        fc.option(fc.array(fc.constant({}), { maxLength: 2 }), { nil: undefined }),
        (types, egress) => {
          const json: JsonObject = {
            kind: 'NetworkPolicy',
            spec: { ...(types ? { policyTypes: types } : {}), ...(egress ? { egress } : {}) },
          };
          const got = effectivePolicyTypes(decoded(json));
          if (types && types.length > 0) {
            expect(got).toEqual({ ingress: types.includes('Ingress'), egress: types.includes('Egress'), explicit: true });
          } else {
            expect(got).toEqual({ ingress: true, egress: (egress?.length ?? 0) > 0, explicit: false });
          }
        },
      ),
    );
  });
});
