import { describe, expect, it } from 'vitest';
import { explanationHtml } from '../../../client/src/connectivity/explanation';
import { renderExplanation } from '../../../client/src/trafficMap/render';
import { runQuery } from '../../../server/src/cli/query';
import type { QueryParams } from '../../../server/src/protocol';
import { codeLenses } from '../../../server/src/services/codeLens';
import { queryWorkspace, workspaceConnectivity } from '../../../server/src/services/connectivity';
import { parseFile } from '../../../server/src/yaml/file';
import { LineIndex } from '../../../server/src/yaml/lineIndex';
import { offsetOf, settingsFor } from '../helpers';
import { clusterPolicy } from '../model/connectivity/clusterWorkspace';
import { deployment, namespace, netpol, workspaceOf } from '../model/connectivity/workspace';

/** The tiers in what the editor and the CLI show: query trails with links, the map, the CodeLens. */

const ADMIN = clusterPolicy(
  'ClusterNetworkPolicy',
  'cluster-defaults',
  [
    'tier: Admin',
    'priority: 10',
    'subject: { namespaces: {} }',
    'ingress:',
    '  - name: allow-monitoring',
    '    action: Pass',
    '    from: [{ namespaces: { matchLabels: { team: shop } } }]',
    '  - name: deny-rest',
    '    action: Deny',
    '    from: [{ namespaces: {} }]',
  ].join('\n'),
);

const FILES = {
  'ns.yaml': [namespace('shop', { team: 'shop' }), namespace('ops', { team: 'ops' })].join('---\n'),
  'web.yaml': deployment('shop', 'web', { app: 'web' }, ['http:8080']),
  'db.yaml': deployment('shop', 'db', { app: 'db' }, ['pg:5432']),
  'probe.yaml': deployment('ops', 'probe', { app: 'probe' }),
  'np.yaml': netpol(
    'shop',
    'web-ingress',
    'podSelector: { matchLabels: { app: web } }\ningress: [{ from: [{ podSelector: { matchLabels: { app: db } } }] }]',
  ),
  'cluster.yaml': ADMIN,
};

const ref = (ns: string, name: string) => ({ namespace: ns, kind: 'Deployment', name });
const PARAMS: QueryParams = { from: ref('shop', 'db'), to: ref('shop', 'web'), port: 8080, protocol: 'TCP' };
const at = (text: string, needle: string) => new LineIndex(text).positionAt(offsetOf(text, needle));

function ask(params: QueryParams) {
  const result = queryWorkspace(workspaceOf(FILES), params);
  if ('error' in result) throw new Error(result.error);
  return result;
}

describe('tiers in queries and reports', () => {
  it('gives the trail per direction, with links to the deciding cluster rule and NetworkPolicy', () => {
    const result = ask(PARAMS);
    expect(result.allowed).toBe(true);
    expect(result.egress.trail).toBeUndefined();
    const trail = result.ingress.trail!;
    expect(trail.map((step) => step.text)).toEqual([
      '[Admin] `cluster-defaults` rule "allow-monitoring" Pass',
      '[NetworkPolicy] `shop/web-ingress` allows',
    ]);
    expect(trail[0]!.links.map((link) => [link.label, link.location?.uri, link.location?.range.start])).toEqual([
      ['cluster-defaults', 'file:///ws/cluster.yaml', at(ADMIN, 'cluster-defaults')],
      ['rule "allow-monitoring"', 'file:///ws/cluster.yaml', at(ADMIN, 'name: allow-monitoring')],
    ]);
    expect(trail[1]!.links).toEqual([
      { label: 'shop/web-ingress', location: expect.objectContaining({ uri: 'file:///ws/np.yaml' }) as unknown },
    ]);
    expect(result.ingress.reason).toContain(
      '[Admin] `cluster-defaults` rule "allow-monitoring" Pass → [NetworkPolicy] `shop/web-ingress` allows',
    );
  });

  it('denies what an Admin Deny decides before any NetworkPolicy', () => {
    const result = ask({ ...PARAMS, from: ref('ops', 'probe') });
    expect(result.allowed).toBe(false);
    expect(result.ingress.trail!.map((step) => step.text)).toEqual(['[Admin] `cluster-defaults` rule "deny-rest" Deny']);
  });

  it('prints the trail in `netpol query`, each cluster step with where its rule is written', () => {
    const out = runQuery(workspaceOf(FILES), { ...PARAMS, format: 'text' } as never, (uri) => uri);
    if ('error' in out) throw new Error(out.error);
    expect(out.output).toContain('  [Admin] cluster-defaults rule "allow-monitoring" Pass (cluster.yaml:');
    expect(out.output).toContain('  [NetworkPolicy] shop/web-ingress allows');
  });

  it('shows the trail with links in the Check Connection report and the traffic map explanation', () => {
    const result = ask(PARAMS);
    const html = explanationHtml(PARAMS, result, (text, location) => `<a data-line="${location.range.start.line}">${text}</a>`);
    expect(html).toContain('<p>Through the tiers:</p><ol class="trail">');
    expect(html).toContain(`<a data-line="${at(ADMIN, 'cluster-defaults').line}">cluster-defaults</a>`);
    expect(html).toMatch(new RegExp(`<a data-line="${at(ADMIN, 'name: allow-monitoring').line}">rule [^<]*allow-monitoring[^<]*</a>`));
    const explanation = renderExplanation(PARAMS, result);
    expect(explanation.html).toContain('<ol class="trail">');
    expect(explanation.locations.map((location) => location.uri)).toContain('file:///ws/cluster.yaml');
  });

  it('includes cluster policies in the connectivity map and the workload CodeLens', () => {
    const map = workspaceConnectivity(workspaceOf(FILES));
    const pairs = map.connections.flatMap((c) => ('namespace' in c.from && 'namespace' in c.to ? [`${c.from.name}->${c.to.name}`] : []));
    // The Admin Deny takes probe's traffic into shop, which no NetworkPolicy would stop for db.
    expect(pairs).not.toContain('probe->db');
    expect(pairs).toContain('web->db');
    const onlyCluster = { ...FILES, 'np.yaml': '' };
    const lenses = codeLenses('file:///ws/db.yaml', parseFile(FILES['db.yaml']), settingsFor(), workspaceOf(onlyCluster));
    expect(lenses.map((lens) => lens.command?.title)).toEqual(['reachable from 1 workload · can reach 2']);
  });
});
