import type { Hover, Location, MarkupContent, Range } from 'vscode-languageserver-types';
import { describe, expect, it } from 'vitest';
import { definition } from '../../../server/src/services/definition';
import { hover } from '../../../server/src/services/hover';
import { references } from '../../../server/src/services/references';
import { DEFAULT_SETTINGS } from '../../../server/src/services/settings';
import { documentSymbols } from '../../../server/src/services/symbols';
import { indexObjects, WorkspaceIndex } from '../../../server/src/services/workspace';
import { parseFile } from '../../../server/src/yaml/file';
import { LineIndex } from '../../../server/src/yaml/lineIndex';
import { deployment, docs, namespace } from '../lints/workspace';

/**
 * Hover, go to definition, find references and document symbols at a cursor: the `|` marker of
 * a file of a small workspace (found by text, never by line numbers). Results are read back as
 * the text they point at.
 */

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-policy
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: api
        - namespaceSelector:
            matchLabels:
              team: obs
          podSelector:
            matchLabels:
              app: prometheus
      ports:
        - port: http
  egress:
    - to:
        - ipBlock:
            cidr: 203.0.113.0/24
            except: [203.0.113.7/32]
      ports:
        - protocol: TCP
          port: 443
`;

const FILES: Record<string, string> = {
  'ns.yaml': docs(namespace('shop', { team: 'shop' }), namespace('monitoring', { team: 'obs' })),
  'web.yaml': deployment('web', 'shop', { app: 'web' }, ['http/8080']),
  'api.yaml': deployment('api', 'shop', { app: 'api' }),
  'prometheus.yaml': deployment('prometheus', 'monitoring', { app: 'prometheus' }),
  'other.yaml': deployment('other', 'shop', { app: 'other' }),
  'policy.yaml': POLICY,
};

const workspace = new WorkspaceIndex();
for (const [name, text] of Object.entries(FILES))
  workspace.setFile(`file:///ws/${name}`, indexObjects(`file:///ws/${name}`, parseFile(text), DEFAULT_SETTINGS));

/** `text` of file `name` with `|` placed after the first occurrence of `before` (itself after `after`, when given). */
function cursor(name: string, before: string, after = '') {
  const text = FILES[name]!;
  const start = text.indexOf(after);
  const at = text.indexOf(before, start < 0 ? 0 : start);
  if (start < 0 || at < 0) throw new Error(`"${before}" not found in ${name}`);
  const offset = at + before.length;
  return { file: parseFile(text), offset };
}

/** The text a range covers in a file of the workspace, as `file: text`. */
function textAt(location: Location): string {
  const name = location.uri.replace('file:///ws/', '');
  const text = FILES[name]!;
  const lines = new LineIndex(text);
  const range: Range = location.range;
  return `${name}: ${text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end)).split('\n')[0]}`;
}

function hoverText(name: string, before: string, after = ''): string {
  const { file, offset } = cursor(name, before, after);
  const found: Hover | undefined = hover(file, offset, DEFAULT_SETTINGS, workspace);
  return found ? (found.contents as MarkupContent).value : '';
}

function definitions(before: string, after = ''): string[] {
  const { file, offset } = cursor('policy.yaml', before, after);
  return definition(file, offset, DEFAULT_SETTINGS, workspace).map(textAt);
}

function referencesOf(name: string, before: string): string[] {
  const { file, offset } = cursor(name, before);
  return references(file, offset, DEFAULT_SETTINGS, workspace).map(textAt);
}

describe('hover at each kind of position', () => {
  it('the policy name: the policy as a whole, and the field', () => {
    const text = hoverText('policy.yaml', 'name: web-po');
    expect(text).toMatch(/^\*\*NetworkPolicy `web-policy`\*\*/);
    expect(text).toContain('Applies to pods with label `app` = `web` in namespace `shop`.');
    expect(text).toContain('on TCP port named `http` (8080 on Deployment web)');
    expect(text).toContain('**metadata.name** · string');
  });

  it('a label of spec.podSelector: the workloads it selects in the policy’s namespace', () => {
    const text = hoverText('policy.yaml', 'app: w');
    expect(text).toContain('Applies to pods with label `app` = `web` in namespace `shop`.');
    expect(text).toContain('**Selects 1 workload** in namespace `shop`:\n\n- Deployment web `shop/web` — web.yaml:4');
    expect(text).not.toContain('other');
    expect(text).toContain('**spec.podSelector.matchLabels**');
  });

  it('a peer podSelector alone: its workloads in the policy’s namespace', () => {
    const text = hoverText('policy.yaml', 'app: a');
    expect(text).toContain(
      "Allows traffic from pods with label `app` = `api` in this policy's namespace `shop`, on the ports of this rule.",
    );
    expect(text).toContain('**Selects 1 workload**:\n\n- Deployment api `shop/api` — api.yaml:4');
    expect(text).toContain('A podSelector alone only ever matches pods in the policy’s own namespace');
    expect(text).toContain('**spec.ingress[].from[].podSelector.matchLabels**');
  });

  it('a peer namespaceSelector: the declared namespaces it selects', () => {
    const text = hoverText('policy.yaml', 'team: o');
    expect(text).toContain('**Selects 1 declared namespace**:\n\n- Namespace monitoring `monitoring` — ns.yaml:');
    expect(text).toContain('podSelector and namespaceSelector in one peer mean AND');
    expect(text).toContain('**spec.ingress[].from[].namespaceSelector.matchLabels**');
  });

  it('the podSelector of a peer with a namespaceSelector: its workloads in those namespaces', () => {
    const text = hoverText('policy.yaml', 'app: prom');
    expect(text).toContain('pods with label `app` = `prometheus` in namespaces with label `team` = `obs`');
    expect(text).toContain('**Selects 1 workload**:\n\n- Deployment prometheus `monitoring/prometheus` — prometheus.yaml:4');
  });

  it('a port: resolved on the receiving pods, with its rule', () => {
    const named = hoverText('policy.yaml', 'port: ht');
    expect(named).toContain('Port: TCP port named `http` (8080 on Deployment web); protocol is not written, so it is TCP.');
    expect(named).toContain('The rule: Allows ingress from');
    const number = hoverText('policy.yaml', 'port: 44');
    expect(number).toContain('Port: TCP 443.');
    expect(number).not.toContain('protocol is not written');
    expect(number).toContain('**spec.egress[].ports[].port** · IntOrString');
  });

  it('an ipBlock: the addresses, a note that it is for outside the cluster, and the field', () => {
    const cidr = hoverText('policy.yaml', 'cidr: 203');
    expect(cidr).toContain('Allows traffic to addresses in `203.0.113.0/24` except `203.0.113.7/32`, on the ports of this rule.');
    expect(cidr).toContain('ipBlock is meant for traffic from or to outside the cluster.');
    expect(cidr).toContain('**spec.egress[].to[].ipBlock.cidr** · string (CIDR)');
    expect(hoverText('policy.yaml', 'except: [203')).toContain('**spec.egress[].to[].ipBlock.except[]** · string (CIDR)');
  });

  it('nothing outside a NetworkPolicy', () => {
    expect(hoverText('web.yaml', 'name: w')).toBe('');
  });
});

describe('go to definition at each kind of position', () => {
  it('spec.podSelector: the pod labels of the workloads it selects', () => {
    expect(definitions('app: w')).toEqual(['web.yaml: labels']);
    expect(definitions('podSel')).toEqual(['web.yaml: labels']);
  });

  it('a peer podSelector: its workloads; a namespaceSelector: the Namespaces; with both, the pods', () => {
    expect(definitions('app: a')).toEqual(['api.yaml: labels']);
    expect(definitions('team: o')).toEqual(['ns.yaml: monitoring']);
    expect(definitions('app: prom')).toEqual(['prometheus.yaml: labels']);
  });

  it('nowhere to go from an ipBlock, a port or the name', () => {
    expect(definitions('cidr: 20')).toEqual([]);
    expect(definitions('port: ht')).toEqual([]);
    expect(definitions('name: web-po')).toEqual([]);
  });
});

describe('find references on a workload', () => {
  it('the policies that select its pods, or name them as a peer', () => {
    expect(referencesOf('web.yaml', 'name: w')).toEqual(['policy.yaml: podSelector']);
    expect(referencesOf('api.yaml', 'name: a')).toEqual(['policy.yaml: podSelector:']);
    // The peer with both selectors, where the namespaceSelector is written first.
    expect(referencesOf('prometheus.yaml', 'name: prom')).toEqual(['policy.yaml: namespaceSelector:']);
  });

  it('none for a workload no policy names, nor outside a workload', () => {
    expect(referencesOf('other.yaml', 'name: oth')).toEqual([]);
    expect(referencesOf('ns.yaml', 'name: sh')).toEqual([]);
  });
});

describe('document symbols', () => {
  const slice = (text: string, range: Range) => {
    const lines = new LineIndex(text);
    return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
  };

  it('each policy, named by metadata.name, with its selector, types and rules', () => {
    const text = docs(
      POLICY,
      deployment('web', 'shop', { app: 'web' }),
      POLICY.replace('web-policy', 'second').replace('namespace: shop', 'namespace: other'),
    );
    const symbols = documentSymbols(parseFile(text), DEFAULT_SETTINGS);
    expect(symbols.map((s) => [s.name, s.detail, slice(text, s.selectionRange)])).toEqual([
      ['web-policy', 'NetworkPolicy · shop', 'web-policy'],
      ['second', 'NetworkPolicy · other', 'second'],
    ]);
    const [first] = symbols;
    // A rule has no key of its own: its selection is the item.
    expect(first!.children!.map((c) => [c.name, c.detail, slice(text, c.selectionRange).split('\n')[0]])).toEqual([
      ['podSelector', 'pods in shop', 'podSelector'],
      ['policyTypes', 'Ingress, Egress', 'policyTypes'],
      ['ingress[0]', 'from 2 peers · TCP port named http', 'from:'],
      ['egress[0]', 'to 1 peer · TCP 443', 'to:'],
    ]);
    expect(
      slice(text, first!.range).startsWith('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web-policy'),
    ).toBe(true);
  });

  it('an unnamed policy and a List item', () => {
    const list = `apiVersion: v1
kind: List
items:
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {namespace: shop}
    spec: {podSelector: {}}
`;
    const symbols = documentSymbols(parseFile(list), DEFAULT_SETTINGS);
    expect(symbols.map((s) => [s.name, s.detail, s.children!.map((c) => c.name)])).toEqual([
      ['(unnamed)', 'NetworkPolicy · shop', ['podSelector']],
    ]);
    expect(slice(list, symbols[0]!.range).startsWith('apiVersion: networking.k8s.io/v1')).toBe(true);
  });
});
