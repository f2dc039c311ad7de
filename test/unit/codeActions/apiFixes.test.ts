import { describe, expect, it } from 'vitest';
import { apiFixActions } from '../../../server/src/services/codeActions/apiFixes';
import { parseFile } from '../../../server/src/yaml/file';
import { yaml } from '../helpers';
import { actionsFor, applyTitled, codesAfter, titles, type ActionsOptions } from './insertHelpers';

/** Lints off: these are fixes of API errors, and the documents are minimal. */
const API: ActionsOptions = { lints: false };
const fix = (text: string, title: string, options: ActionsOptions = {}) => applyTitled(apiFixActions, text, title, { ...API, ...options });
const codes = (text: string, options: ActionsOptions = {}) => codesAfter(text, { ...API, ...options });
const offered = (text: string, options: ActionsOptions = {}) => titles(apiFixActions, text, { ...API, ...options });
const preferred = (text: string, options: ActionsOptions = {}) =>
  actionsFor(apiFixActions, text, { ...API, ...options })
    .filter((a) => a.isPreferred)
    .map((a) => a.title);

/** Fixing again offers nothing more for the rule, and the result parses. */
function expectSettled(after: string, code: string, options: ActionsOptions = {}): void {
  expect(codes(after, options)).not.toContain(code);
  expect(parseFile(after).chunks.every((chunk) => chunk.parsed.documents.every((doc) => doc.problems.length === 0))).toBe(true);
}

const header = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector: {}\n';

describe('case and spelling of values', () => {
  it('protocol: tcp -> TCP, keeping the comment and the quotes style', () => {
    const before = `${header}  ingress:\n  - ports:\n    - protocol: tcp # the web port\n      port: 80\n    - protocol: 'udp'\n      port: 53\n`;
    const once = fix(before, 'Change protocol to "TCP"');
    expect(once).toBe(
      `${header}  ingress:\n  - ports:\n    - protocol: TCP # the web port\n      port: 80\n    - protocol: 'udp'\n      port: 53\n`,
    );
    const twice = fix(once, 'Change protocol to "UDP"');
    expect(twice).toBe(
      `${header}  ingress:\n  - ports:\n    - protocol: TCP # the web port\n      port: 80\n    - protocol: 'UDP'\n      port: 53\n`,
    );
    expectSettled(twice, 'port-protocol');
    expect(offered(twice)).toEqual([]);
  });

  it('policyTypes: [ingress] -> [Ingress] in flow style, with CRLF line ends', () => {
    const before = `${header}  policyTypes: [ingress, "egress"]\n`.replace(/\n/g, '\r\n');
    expect(preferred(before)).toEqual(['Change policyTypes to "Ingress"', 'Change policyTypes to "Egress"']);
    const after = fix(fix(before, 'Change policyTypes to "Ingress"'), 'Change policyTypes to "Egress"');
    expect(after).toBe(`${header}  policyTypes: [Ingress, "Egress"]\n`.replace(/\n/g, '\r\n'));
    expectSettled(after, 'policy-types-value');
  });

  it('operator in -> In', () => {
    const before = `${header.replace('podSelector: {}', 'podSelector:\n    matchExpressions:\n    - {key: app, operator: in, values: [web]}')}`;
    const after = fix(before, 'Change operator to "In"');
    expect(after).toBe(
      header.replace('podSelector: {}', 'podSelector:\n    matchExpressions:\n    - {key: app, operator: In, values: [web]}'),
    );
    expectSettled(after, 'selector-operator');
  });

  it('a removed apiVersion -> networking.k8s.io/v1, and kind in the right case', () => {
    const before = `apiVersion: "extensions/v1beta1"\nkind: networkpolicy\nmetadata:\n  name: web\nspec:\n  podSelector: {}\n`;
    const after = fix(fix(before, 'Change apiVersion to "networking.k8s.io/v1"'), 'Change kind to "NetworkPolicy"');
    expect(after).toBe(header.replace('apiVersion: networking.k8s.io/v1', 'apiVersion: "networking.k8s.io/v1"'));
    expectSettled(after, 'api-version');
  });

  it('an unknown field one edit away is renamed, its value and comments untouched', () => {
    const before = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: web
      spec:
        podselector: # the pods
          matchLabels: {app: web}
        ingress:
          - from:
              - namespaceSelectors: {}
    `;
    const after = fix(fix(before, 'Rename "podselector" to "podSelector"'), 'Rename "namespaceSelectors" to "namespaceSelector"');
    expect(after).toBe(before.replace('podselector:', 'podSelector:').replace('namespaceSelectors:', 'namespaceSelector:'));
    expectSettled(after, 'unknown-field');
  });

  it('does not rename onto a key that is already there', () => {
    const before = `${header}  podselector: {}\n`;
    expect(codes(before)).toContain('unknown-field');
    expect(offered(before)).toEqual([]);
  });

  it('`to` in an ingress rule -> `from`', () => {
    const before = `${header}  ingress:\n  - to:\n    - podSelector: {}\n`;
    const after = fix(before, 'Rename "to" to "from"');
    expect(after).toBe(`${header}  ingress:\n  - from:\n    - podSelector: {}\n`);
    expectSettled(after, 'unknown-field');
  });
});

describe('CIDRs', () => {
  const strict: ActionsOptions = { k8s: '1.36' };

  it('host bits -> the network address (preferred), or the single address', () => {
    const before = `${header}  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.1.2.3/8 # office\n`;
    expect(preferred(before, strict)).toEqual(['Use the network address 10.0.0.0/8']);
    const network = fix(before, 'Use the network address', strict);
    expect(network).toBe(`${header}  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/8 # office\n`);
    expectSettled(network, 'ipblock-cidr-strict', strict);
    const single = fix(before, 'Use the single address', strict);
    expect(single).toBe(`${header}  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.1.2.3/32 # office\n`);
    expectSettled(single, 'ipblock-cidr-strict', strict);
  });

  it('an except outside cidr is removed with its comment line; the last one takes its key with it', () => {
    const before = `${header}  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/16\n        except:\n        # not ours\n        - 192.168.0.0/24\n        - 10.0.1.0/24\n`;
    expect(preferred(before)).toEqual(['Remove except 192.168.0.0/24']);
    const after = fix(before, 'Remove except');
    expect(after).toBe(before.replace('        # not ours\n        - 192.168.0.0/24\n', ''));
    expectSettled(after, 'ipblock-except-not-subset');

    const only = `${header}  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/16\n        except: [192.168.0.0/24]\n`;
    const removed = fix(only, 'Remove except');
    expect(removed).toBe(`${header}  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/16\n`);
    expectSettled(removed, 'ipblock-except-not-subset');
  });

  it('an except that covers all of cidr is offered for removal, not preferred (removing it opens traffic)', () => {
    const before = `${header}  egress:\n  - to:\n    - ipBlock: {cidr: 10.1.0.0/16, except: [10.0.0.0/8, 10.1.1.0/24]}\n`;
    expect(offered(before)).toEqual(['Remove except 10.0.0.0/8']);
    expect(preferred(before)).toEqual([]);
    expect(fix(before, 'Remove except')).toBe(`${header}  egress:\n  - to:\n    - ipBlock: {cidr: 10.1.0.0/16, except: [10.1.1.0/24]}\n`);
  });
});

describe('ports', () => {
  it('endPort below port -> swapped, as written', () => {
    const before = `${header}  ingress:\n  - ports:\n    - port: 9000\n      endPort: 8000 # range\n`;
    const after = fix(before, 'Swap port and endPort');
    expect(after).toBe(`${header}  ingress:\n  - ports:\n    - port: 8000\n      endPort: 9000 # range\n`);
    expectSettled(after, 'end-port-order');
  });

  it('endPort with a named port -> removed, block and flow, first or last entry', () => {
    const block = `${header}  ingress:\n  - ports:\n    - endPort: 8080\n      port: http\n      protocol: TCP\n`;
    const fixedBlock = fix(block, 'Remove endPort');
    expect(fixedBlock).toBe(`${header}  ingress:\n  - ports:\n    - port: http\n      protocol: TCP\n`);
    expectSettled(fixedBlock, 'end-port-requires-numeric-port');

    const last = `${header}  ingress:\n  - ports:\n    - port: http\n      endPort: 8080`;
    expect(fix(last, 'Remove endPort')).toBe(`${header}  ingress:\n  - ports:\n    - port: http`);

    const flow = `${header}  ingress:\n  - ports: [{port: http, endPort: 8080, protocol: TCP}]\n`;
    expect(fix(flow, 'Remove endPort')).toBe(`${header}  ingress:\n  - ports: [{port: http, protocol: TCP}]\n`);
  });

  it('endPort without any port is not "fixed" by removing it (the range start is missing, not the end)', () => {
    const before = `${header}  ingress:\n  - ports:\n    - endPort: 8080\n`;
    expect(codes(before)).toContain('end-port-requires-numeric-port');
    expect(offered(before)).toEqual([]);
  });
});

describe('matchExpressions values', () => {
  const selector = (expression: string) => header.replace('podSelector: {}', `podSelector:\n    matchExpressions:\n${expression}`);

  it('In without values -> a values placeholder after the operator, or Exists', () => {
    const before = selector('    - key: tier\n      operator: In\n');
    expect(preferred(before)).toEqual([]);
    const placeholder = fix(before, 'Add values: [value]');
    expect(placeholder).toBe(selector('    - key: tier\n      operator: In\n      values:\n      - value\n'));
    expectSettled(placeholder, 'selector-values');
    const exists = fix(before, 'Use Exists');
    expect(exists).toBe(selector('    - key: tier\n      operator: Exists\n'));
    expectSettled(exists, 'selector-values');
  });

  it('NotIn with values: [] in flow style', () => {
    const before = selector('    - {key: tier, operator: NotIn, values: []}\n');
    const after = fix(before, 'Add values: [value]');
    expect(after).toBe(selector('    - {key: tier, operator: NotIn, values: [value]}\n'));
    expectSettled(after, 'selector-values');
  });

  it('Exists with values -> values removed (preferred), or In', () => {
    const before = selector(
      '    - key: tier\n      operator: Exists\n      values:\n      - web # the front\n    - key: env\n      operator: In\n      values: [prod]\n',
    );
    expect(preferred(before)).toEqual(['Remove values']);
    const removed = fix(before, 'Remove values');
    expect(removed).toBe(selector('    - key: tier\n      operator: Exists\n    - key: env\n      operator: In\n      values: [prod]\n'));
    expectSettled(removed, 'selector-values');
    const asIn = fix(before, 'Use In');
    expectSettled(asIn, 'selector-values');
  });
});

describe('peers and labels', () => {
  it('an ipBlock with a selector in one peer -> two peers', () => {
    const before = `${header}  egress:\n  - to:\n    - podSelector: {matchLabels: {app: db}}\n      ipBlock:\n        cidr: 10.0.0.0/8\n    ports:\n    - port: 5432\n`;
    const after = fix(before, 'Split the ipBlock into its own peer');
    expect(after).toBe(
      `${header}  egress:\n  - to:\n    - podSelector: {matchLabels: {app: db}}\n    - ipBlock:\n        cidr: 10.0.0.0/8\n    ports:\n    - port: 5432\n`,
    );
    expectSettled(after, 'peer-ipblock-exclusive');
  });

  it('an ipBlock first in a flow peer', () => {
    const before = `${header}  egress:\n  - to: [{ipBlock: {cidr: 10.0.0.0/8}, namespaceSelector: {}}]\n`;
    const after = fix(before, 'Split the ipBlock');
    expect(after).toBe(`${header}  egress:\n  - to: [{namespaceSelector: {}}, {ipBlock: {cidr: 10.0.0.0/8}}]\n`);
    expectSettled(after, 'peer-ipblock-exclusive');
  });

  it('a numeric-looking label value is quoted exactly as written', () => {
    const before = `${header.replace('podSelector: {}', 'podSelector:\n    matchLabels:\n      version: 1.10\n      enabled: yes')}`;
    const after = fix(fix(before, 'Quote the value of "version"'), 'Quote the value of "enabled"');
    expect(after).toBe(header.replace('podSelector: {}', 'podSelector:\n    matchLabels:\n      version: "1.10"\n      enabled: "yes"'));
    expectSettled(after, 'label-value-not-string');
  });

  it('a label key with dots is found (not split as a path)', () => {
    const before = `${header.replace('name: web', 'name: web\n  labels:\n    app.kubernetes.io/version: 2')}`;
    const after = fix(before, 'Quote the value of "app.kubernetes.io/version"');
    expect(after).toBe(header.replace('name: web', 'name: web\n  labels:\n    app.kubernetes.io/version: "2"'));
    expectSettled(after, 'label-value-not-string');
  });
});

describe('multi-document files', () => {
  it('ignores a diagnostic of an older text that no longer lies in its document', () => {
    const before = `${header}  policyTypes: [egress]\n---\n${header}`;
    const moved: typeof apiFixActions = (request) =>
      apiFixActions({
        ...request,
        diagnostics: request.diagnostics.map((d) => ({
          ...d,
          range: { start: { line: 9, character: 0 }, end: { line: 9, character: 4 } },
        })),
      });
    expect(offered(before)).toEqual(['Change policyTypes to "Egress"']);
    expect(titles(moved, before, API)).toEqual([]);
  });

  it('fixes the document the diagnostic is in, not the first one', () => {
    const second = header.replace('name: web', 'name: api').replace('podSelector: {}', 'podSelector: {}\n  policyTypes: [egress]');
    const before = `${header}  policyTypes: [egress]\n---\n# the api\n${second}`;
    const fixes = actionsFor(apiFixActions, before, API);
    expect(fixes.map((a) => a.edit?.changes?.['file:///ws/test.yaml']?.[0]?.range.start.line)).toEqual([6, 15]);
    const fixedSecond = fixes[1]!;
    expect(fixedSecond.title).toBe('Change policyTypes to "Egress"');
  });
});
