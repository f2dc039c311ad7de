import { describe, expect, it } from 'vitest';
import { codes, diagnose, offsetOf, policy, reported, yaml } from '../helpers';

const a = (n: number) => 'a'.repeat(n);
/** A policy with this metadata (YAML body) and an empty spec. */
const meta = (metadata: string) => policy('podSelector: {}', metadata);

describe('metadata-name', () => {
  it.each(['test', 'allow-web', 'allow.web', '1-a', 'a', '"0"', 'a.b.c', a(253), `${a(63)}.${a(63)}`])('accepts %s', (name) => {
    expect(codes(meta(`name: ${name}`))).toEqual([]);
  });

  it.each([a(254), 'Allow-Web', 'allow_web', '-web', 'web-', 'web.', '.web', 'a..b', '"web app"', 'wéb', '"a/b"'])(
    'rejects %s on the value',
    (name) => {
      expect(reported(meta(`name: ${name}`), 'metadata-name')).toEqual([`metadata.name => ${name}`]);
    },
  );

  it('says which rule the name breaks', () => {
    expect(diagnose(meta('name: Web'))[0]?.message).toContain(
      'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters',
    );
    expect(diagnose(meta(`name: ${a(254)}`))[0]?.message).toContain('must be no more than 253 bytes');
  });

  it('requires a name: missing points at metadata, empty at the value, `name:` at the key', () => {
    expect(reported(meta('namespace: default'), 'metadata-name')).toEqual(['metadata.name => metadata']);
    expect(diagnose(meta('namespace: default'))[0]?.message).toMatch(/^Required value: name or generateName is required/);
    expect(reported(meta('name: ""'), 'metadata-name')).toEqual(['metadata.name => ""']);
    expect(reported(meta('name:'), 'metadata-name')).toEqual(['metadata.name => name']);
    expect(reported(meta('name: null'), 'metadata-name')).toEqual(['metadata.name => null']);
  });

  it('requires metadata: without it the diagnostic points at kind', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec: {}\n';
    expect(reported(text, 'metadata-name')).toEqual(['metadata.name => kind']);
    // metadata: null is no metadata; the range falls back to the metadata key.
    expect(reported(`${text}metadata: null\n`, 'metadata-name')).toEqual(['metadata.name => metadata']);
  });

  it('a name of the wrong type is invalid-type only (not Required)', () => {
    expect(codes(meta('name: 123'))).toEqual(['invalid-type']);
    expect(codes(meta('name: [a]'))).toEqual(['invalid-type']);
    expect(codes(meta('name: true'))).toEqual(['invalid-type']);
    expect(codes(policy('podSelector: {}').replace('metadata:\n  name: test', 'metadata: x'))).toEqual(['invalid-type']);
  });

  describe('generateName (create names the object)', () => {
    it('accepts a generateName instead of a name, with or without a trailing dash', () => {
      expect(codes(meta('generateName: allow-'))).toEqual([]);
      expect(codes(meta('generateName: allow'))).toEqual([]);
      expect(codes(meta('generateName: a-'))).toEqual([]);
      expect(codes(meta(`generateName: ${a(253)}`))).toEqual([]); // cut to 58 characters
    });

    it('rejects an invalid prefix at metadata.generateName', () => {
      expect(reported(meta('generateName: Allow-'), 'metadata-name')).toEqual(['metadata.generateName => Allow-']);
      expect(reported(meta('generateName: "-"'), 'metadata-name')).toEqual(['metadata.generateName => "-"']);
      expect(reported(meta('generateName: a_'), 'metadata-name')).toEqual(['metadata.generateName => a_']);
    });

    it('rejects a prefix whose generated name is invalid, at metadata.name, pointing at generateName', () => {
      // "x.-" passes the prefix check (maskTrailingDash), but "x.-b2c4d" is not a subdomain.
      expect(reported(meta('generateName: x.-'), 'metadata-name')).toEqual(['metadata.name => x.-']);
    });

    it('validates name when both are given', () => {
      expect(codes(meta('name: web\ngenerateName: web-'))).toEqual([]);
      expect(reported(meta('name: Web\ngenerateName: web-'), 'metadata-name')).toEqual(['metadata.name => Web']);
    });
  });
});

describe('metadata-namespace', () => {
  it.each(['default', 'kube-system', 'a', '"1"', a(63), '""'])('accepts %s', (namespace) => {
    expect(codes(meta(`name: test\nnamespace: ${namespace}`))).toEqual([]);
  });

  it('accepts a missing namespace (kubectl fills it in)', () => {
    expect(codes(meta('name: test'))).toEqual([]);
  });

  it.each([
    [a(64), 'must be no more than 63 bytes'],
    ['my.namespace', 'must not contain dots'],
    ['My-Namespace', 'a lowercase RFC 1123 label must consist of'],
    ['ns_1', 'a lowercase RFC 1123 label must consist of'],
    ['-ns', 'a lowercase RFC 1123 label must consist of'],
  ])('rejects %s on the value', (namespace, detail) => {
    const text = meta(`name: test\nnamespace: ${namespace}`);
    expect(reported(text, 'metadata-namespace')).toEqual([`metadata.namespace => ${namespace}`]);
    expect(diagnose(text)[0]?.message).toContain(detail);
  });

  it('a namespace of the wrong type is invalid-type only', () => {
    expect(codes(meta('name: test\nnamespace: true'))).toEqual(['invalid-type']);
  });
});

describe('metadata-labels', () => {
  it('accepts valid labels', () => {
    expect(codes(meta(`name: test\nlabels: { app: web, app.kubernetes.io/name: x, empty: "", ${a(63)}: ${a(63)} }`))).toEqual([]);
  });

  it('rejects a bad key at metadata.labels, pointing at the key', () => {
    expect(reported(meta('name: test\nlabels: { "bad key": x }'), 'metadata-labels')).toEqual(['metadata.labels => "bad key"']);
    expect(reported(meta(`name: test\nlabels: { ${a(64)}: x }`), 'metadata-labels')).toEqual([`metadata.labels => ${a(64)}`]);
    // Unlike annotations, label keys are case-sensitive in the prefix.
    expect(reported(meta('name: test\nlabels: { Example.com/app: x }'), 'metadata-labels')).toEqual(['metadata.labels => Example.com/app']);
  });

  it('rejects a bad value at metadata.labels, pointing at the value', () => {
    expect(reported(meta('name: test\nlabels: { app: "web app" }'), 'metadata-labels')).toEqual(['metadata.labels => "web app"']);
    expect(reported(meta(`name: test\nlabels: { app: ${a(64)} }`), 'metadata-labels')).toEqual([`metadata.labels => ${a(64)}`]);
  });

  it('reports every bad entry (block style)', () => {
    const text = meta(`
name: test
labels:
  good: yes-it-is
  "bad key": ok
  other: "-bad-value"
    `);
    expect(reported(text, 'metadata-labels')).toEqual(['metadata.labels => "bad key"', 'metadata.labels => "-bad-value"']);
  });
});

describe('metadata-annotations', () => {
  it('accepts any value and keys that are qualified names once lower-cased', () => {
    const text = meta(`
name: test
annotations:
  Example.com/Owner: me
  description: "Allows web -> api on 8080/TCP; see https://example.com/x?y=z"
  kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"networking.k8s.io/v1"}'
  empty: ""
    `);
    expect(codes(text)).toEqual([]);
  });

  it.each(['"a b"', 'a/b/c', '-a', '"/a"', `${a(64)}`])('rejects the key %s at metadata.annotations, pointing at the key', (key) => {
    expect(reported(meta(`name: test\nannotations: { ${key}: x }`), 'metadata-annotations')).toEqual([`metadata.annotations => ${key}`]);
  });

  it('limits keys and values together to 256 KiB (in bytes)', () => {
    const limit = 256 * 1024;
    const ok = meta(`name: test\nannotations:\n  k: ${a(limit - 1)}`);
    expect(codes(ok)).toEqual([]);
    const tooLong = meta(`name: test\nannotations:\n  k: ${a(limit)}`);
    expect(reported(tooLong, 'metadata-annotations')).toEqual(['metadata.annotations => annotations']);
    expect(diagnose(tooLong)[0]?.message).toMatch(/^Too long: may not be more than 262144 bytes/);
    // 131072 two-byte characters: half the limit in UTF-16, over it in bytes.
    expect(codes(meta(`name: test\nannotations:\n  k: ${'é'.repeat(limit / 2)}`))).toEqual(['metadata-annotations']);
  });
});

describe('metadata-finalizers', () => {
  it.each([
    '[kubernetes]',
    '[orphan]',
    '[foregroundDeletion]',
    '[example.com/cleanup]',
    '[kubernetes.io/pv-protection, example.com/x]',
    '[]',
  ])('accepts %s', (finalizers) => {
    expect(codes(meta(`name: test\nfinalizers: ${finalizers}`))).toEqual([]);
  });

  it('rejects a name without / that is not a standard finalizer, at its index', () => {
    const text = meta('name: test\nfinalizers: [example.com/ok, cleanup]');
    expect(reported(text, 'metadata-finalizers')).toEqual(['metadata.finalizers[1] => cleanup']);
    expect(diagnose(text)[0]?.message).toContain('name is neither a standard finalizer name nor is it fully qualified');
  });

  it('rejects a finalizer that is not a qualified name', () => {
    expect(reported(meta('name: test\nfinalizers: [Example.com/x]'), 'metadata-finalizers')).toEqual([
      'metadata.finalizers[0] => Example.com/x',
    ]);
    expect(reported(meta('name: test\nfinalizers: [a/b/c]'), 'metadata-finalizers')).toEqual(['metadata.finalizers[0] => a/b/c']);
    expect(reported(meta('name: test\nfinalizers: ["Kubernetes"]'), 'metadata-finalizers')).toEqual([
      'metadata.finalizers[0] => "Kubernetes"',
    ]);
  });

  it('rejects orphan together with foregroundDeletion, at metadata.finalizers', () => {
    const text = meta('name: test\nfinalizers: [orphan, foregroundDeletion]');
    expect(reported(text, 'metadata-finalizers')).toEqual(['metadata.finalizers => finalizers']);
    expect(diagnose(text)[0]?.message).toContain('finalizer orphan and foregroundDeletion cannot be both set');
  });
});

describe('metadata.generation', () => {
  it('is not checked: the API server sets it to 1 before validating a create', () => {
    expect(codes(meta('name: test\ngeneration: -1'))).toEqual([]);
  });
  it('a generation of the wrong type is invalid-type only', () => {
    expect(codes(meta('name: test\ngeneration: "1"'))).toEqual(['invalid-type']);
    expect(codes(meta('name: test\ngeneration: 1.5'))).toEqual(['invalid-type']);
  });
});

describe('metadata-owner-references', () => {
  const owner = (fields: string) => meta(`name: test\nownerReferences:\n  - ${fields}`);

  it('accepts a complete reference (apiVersion, kind, name, uid)', () => {
    expect(
      codes(owner('{ apiVersion: apps/v1, kind: Deployment, name: web, uid: d9607e19-f88f-11e6-a518-42010a800195, controller: true }')),
    ).toEqual([]);
    expect(codes(owner('{ apiVersion: v1, kind: Namespace, name: web, uid: abc }'))).toEqual([]);
  });

  it('rejects an empty kind, name or uid at metadata.ownerReferences.<field> (no index)', () => {
    expect(reported(owner('{ apiVersion: v1, kind: "", name: web, uid: abc }'), 'metadata-owner-references')).toEqual([
      'metadata.ownerReferences.kind => ""',
    ]);
    expect(reported(owner('{ apiVersion: v1, kind: ConfigMap, name: "", uid: abc }'), 'metadata-owner-references')).toEqual([
      'metadata.ownerReferences.name => ""',
    ]);
    // Missing: the range falls back to the reference item.
    expect(reported(owner('{ apiVersion: v1, kind: ConfigMap, name: web }'), 'metadata-owner-references')).toEqual([
      'metadata.ownerReferences.uid => { apiVersion: v1, kind: ConfigMap, name: web }',
    ]);
  });

  it('rejects an apiVersion without a version', () => {
    expect(reported(owner('{ apiVersion: apps/, kind: Deployment, name: web, uid: abc }'), 'metadata-owner-references')).toEqual([
      'metadata.ownerReferences.apiVersion => apps/',
    ]);
    expect(reported(owner('{ apiVersion: a/b/c, kind: Deployment, name: web, uid: abc }'), 'metadata-owner-references')).toEqual([
      'metadata.ownerReferences.apiVersion => a/b/c',
    ]);
  });

  it('rejects v1 Event as an owner', () => {
    expect(reported(owner('{ apiVersion: v1, kind: Event, name: e, uid: abc }'), 'metadata-owner-references')).toEqual([
      'metadata.ownerReferences => { apiVersion: v1, kind: Event, name: e, uid: abc }',
    ]);
    expect(codes(owner('{ apiVersion: events.k8s.io/v1, kind: Event, name: e, uid: abc }'))).toEqual([]);
  });

  it('allows one controller, rejects the second at metadata.ownerReferences, pointing at its controller field', () => {
    const text = meta(`
name: test
ownerReferences:
  - { apiVersion: v1, kind: A, name: a, uid: "1", controller: true }
  - { apiVersion: v1, kind: B, name: b, uid: "2", controller: false }
  - { apiVersion: v1, kind: C, name: c, uid: "3", controller: true }
    `);
    const found = diagnose(text).filter((d) => d.code === 'metadata-owner-references');
    expect(found.map((d) => `${d.path} => ${d.text}`)).toEqual(['metadata.ownerReferences => true']);
    expect(found[0]?.start).toBe(offsetOf(text, 'true', 1));
    expect(found[0]?.message).toContain('A/a and C/c');
  });
});

describe('metadata.managedFields', () => {
  const entry = (fields: string) => meta(`name: test\nmanagedFields:\n  - ${fields}`);

  it('accepts what kubectl get -o yaml writes', () => {
    const text = meta(`
name: test
managedFields:
  - manager: kubectl-client-side-apply
    operation: Update
    apiVersion: networking.k8s.io/v1
    time: "2024-01-31T12:00:00Z"
    fieldsType: FieldsV1
    fieldsV1:
      f:spec:
        f:podSelector: {}
  - { manager: kubectl, operation: Apply, subresource: status }
    `);
    expect(codes(text)).toEqual([]);
  });

  it('does not check the values: the field manager replaces them before validation', () => {
    expect(codes(entry('{ manager: m, operation: Patch, fieldsType: FieldsV2 }'))).toEqual([]);
  });

  it('still decodes them strictly', () => {
    expect(codes(entry('{ operation: Apply, managr: m }'))).toEqual(['unknown-field']);
    expect(codes(entry('{ operation: Apply, time: yesterday }'))).toEqual(['invalid-type']);
  });
});

describe('metadata: several problems at once', () => {
  it('reports every metadata problem of a document', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: Bad_Name
        namespace: a.b
        labels: { "x y": z }
        annotations: { "p q": r }
        finalizers: [cleanup]
      spec: {}
    `;
    expect(codes(text)).toEqual(['metadata-name', 'metadata-namespace', 'metadata-labels', 'metadata-annotations', 'metadata-finalizers']);
  });
});
