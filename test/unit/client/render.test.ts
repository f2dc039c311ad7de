import { describe, expect, it } from 'vitest';
import { buildGraph, buildMatrix, MATRIX_MAX_CELLS, MAX_DRAWN_CONNECTIONS } from '../../../client/src/trafficMap/graph';
import { layoutGraph } from '../../../client/src/trafficMap/layout';
import { escapeXml } from '../../../client/src/markup';
import { renderMapSvg, truncate } from '../../../client/src/trafficMap/mapSvg';
import { decidingLocation, renderExplanation, renderMatrixHtml, renderView, summaryText } from '../../../client/src/trafficMap/render';
import type { ConnectivityReport } from '../../../server/src/protocol';
import { ALLOWED, DENIED, REJECTED, SHOP } from './fixture';

const SHOP_ROWS = buildMatrix(buildGraph(SHOP)).rows.slice(0, 3);
const svgOf = async (report: ConnectivityReport) => renderMapSvg(await layoutGraph(buildGraph(report)));

/** Nothing the Content-Security-Policy would block or a name could inject. */
function expectInert(markup: string): void {
  expect(markup).not.toMatch(/<script|style=|\son[a-z]+=|javascript:/i);
}

describe('the map SVG', () => {
  it('draws every namespace, workload and external range, and each connection as a clickable edge labelled with its ports', async () => {
    const svg = await svgOf(SHOP);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="map"')).toBe(true);
    for (const text of [
      '>data</text>',
      '>shop</text>',
      '>203.0.113.0/24</text>',
      '>frontend</text>',
      '>StatefulSet</text>',
      '>0.0.0.0/5</text>',
    ])
      expect(svg).toContain(text);
    expect(svg.match(/<g class="edge[^"]*" data-edge="\d+"/g)).toHaveLength(5);
    // Connections on all ports are dashed and unlabelled; their tooltip says it.
    expect(svg.match(/<g class="edge all-ports" data-edge="\d+"/g)).toHaveLength(2);
    expect(svg).toContain('<title>data/db[StatefulSet] → shop/web[Deployment]: all ports</title>');
    expect(svg).toContain('>TCP 8080</text>');
    expect(svg).toContain('>TCP 5432, UDP 9000-9100</text>');
    expect(svg).not.toContain('>all ports</text>');
    expect(svg).toContain('aria-label="shop/frontend[Deployment] → shop/web[Deployment]: TCP 8080"');
    expectInert(svg);
  });

  it('cuts edge labels after three ports and long names with an ellipsis, keeping the full text in a tooltip', async () => {
    const name = 'a-very-long-workload-name-that-goes-on';
    const svg = await svgOf({
      workloads: [
        { namespace: 'ns', kind: 'Deployment', name, labels: {} },
        { namespace: 'ns', kind: 'Deployment', name: 'b', labels: {} },
      ],
      connections: [
        {
          from: { namespace: 'ns', kind: 'Deployment', name },
          to: { namespace: 'ns', kind: 'Deployment', name: 'b' },
          ports: [1, 2, 3, 4].map((port) => ({ protocol: 'TCP' as const, port })),
        },
      ],
    });
    expect(svg).toContain('>TCP 1, TCP 2, TCP 3 +1</text>');
    expect(svg).toContain(`>${truncate(name, 17)}</text>`);
    expect(svg).toContain(`<title>ns/${name}[Deployment]</title>`);
    expect(truncate(name, 17)).toHaveLength(17);
  });

  it('escapes names, so that a workload called <script> stays text', async () => {
    const svg = await svgOf({
      workloads: [
        { namespace: 'x"y', kind: 'Pod', name: '<script>alert(1)</script>', labels: {} },
        { namespace: 'x"y', kind: 'Pod', name: "o'neil&co", labels: {} },
      ],
      connections: [
        {
          from: { namespace: 'x"y', kind: 'Pod', name: "o'neil&co" },
          to: { namespace: 'x"y', kind: 'Pod', name: '<script>alert(1)</script>' },
          ports: 'all',
        },
      ],
    });
    expectInert(svg);
    expect(svg).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(svg).toContain('o&#39;neil&#38;co');
    expect(escapeXml(`<>&"'`)).toBe('&#60;&#62;&#38;&#34;&#39;');
  });
});

describe('the matrix table', () => {
  it('has a header of destinations, a row per source, clickable cells with the ports', () => {
    const html = renderMatrixHtml(buildMatrix(buildGraph(SHOP)));
    expect(html.match(/<th scope="col"/g)).toHaveLength(4);
    expect(html.match(/<th scope="row"/g)).toHaveLength(4);
    expect(html.match(/<td class="allowed" data-edge="\d+"/g)).toHaveLength(5);
    expect(html).toContain('<td class="allowed" data-edge="0" tabindex="0" role="button">TCP 8080</td>');
    expect(html.match(/<td class="self">/g)).toHaveLength(3);
    expectInert(html);
  });

  it('gives way to a notice when it would be too large to show', () => {
    expect(renderMatrixHtml({ rows: SHOP_ROWS, columns: SHOP_ROWS })).toBe(
      '<p class="notice">The matrix would have 3 × 3 cells, too many to show here; use the map, or <code>netpol connectivity --format md</code>.</p>',
    );
  });
});

describe('the whole view', () => {
  it('says which policies the map leaves out, linked by their index', () => {
    expect(renderView(SHOP).notice).toBe('');
    const { notice } = renderView({ ...SHOP, notApplied: [REJECTED, { ...REJECTED, name: 'db <x>' }] });
    expect(notice).toBe(
      '<p>2 policies are not applied: the cluster would refuse them, so the map leaves them out.</p><ul>' +
        '<li><a href="#" data-not-applied="0">shop/web-egress</a>: spec.egress[0].to[0].ipBlock.cidr: Required value</li>' +
        '<li><a href="#" data-not-applied="1">shop/db &#60;x&#62;</a>: spec.egress[0].to[0].ipBlock.cidr: Required value</li></ul>',
    );
    expectInert(notice);
  });

  it('draws every connection while they are few enough', () => {
    const view = renderView(SHOP);
    expect(view.summary).toBe('3 workloads · 2 namespaces · 5 allowed connections');
    expect(view.graph.edges.map((edge) => edge.index)).toEqual([0, 1, 2, 3, 4]);
    expect(view.matrix.match(/<td class="allowed" data-edge=/g)).toHaveLength(5);
  });

  it('draws namespaces when there are too many connections, and a matrix of namespaces when the full one is too large', () => {
    const size = Math.floor(Math.sqrt(MATRIX_MAX_CELLS)) + 1;
    const workloads = Array.from({ length: size }, (_, i) => ({ namespace: `ns${i % 3}`, kind: 'Deployment', name: `w${i}`, labels: {} }));
    const ref = (i: number) => ({ namespace: `ns${i % 3}`, kind: 'Deployment', name: `w${i}` });
    // Everyone reaches the next 10 workloads: more connections than the map draws one by one.
    const connections = workloads.flatMap((_, i) =>
      Array.from({ length: 10 }, (_, k) => ({ from: ref(i), to: ref((i + k + 1) % size), ports: 'all' as const })),
    );
    expect(connections.length).toBeGreaterThan(MAX_DRAWN_CONNECTIONS);
    const view = renderView({ workloads, connections, notApplied: [] });
    expect(view.summary).toBe(
      `${size} workloads · 3 namespaces · ${connections.length} allowed connections (too many to draw one by one: namespaces shown)`,
    );
    expect(view.graph.edges.filter((edge) => edge.index !== undefined)).toEqual([]);
    expect(view.graph.edges).toHaveLength(6);
    expect(view.matrix.match(/<th scope="row"/g)).toHaveLength(3);
    expect(view.matrix).toMatch(/<td class="allowed">\d+ connections<\/td>/);
    expectInert(view.matrix);
  });
});

describe('the summary and the explanation of a connection', () => {
  it('counts workloads, namespaces and connections', () => {
    expect(summaryText(buildGraph(SHOP))).toBe('3 workloads · 2 namespaces · 5 allowed connections');
    expect(summaryText(buildGraph({ workloads: [SHOP.workloads[0]!], connections: [] }))).toBe(
      '1 workload · 1 namespace · 0 allowed connections',
    );
  });

  it('explains a connection with links to the policies and rules that post their index, numbered in reading order', () => {
    const params = { from: SHOP.connections[0]!.from, to: SHOP.connections[0]!.to, port: 8080, protocol: 'TCP' as const };
    const { html, locations } = renderExplanation(params, ALLOWED);
    expect(html).toContain('<h2>shop/frontend[Deployment] → shop/web[Deployment]</h2>');
    expect(html).toContain(
      '<li><a href="#" data-location="0">shop/web-allow-frontend</a>: allowed by <a href="#" data-location="1"><code>spec.ingress[0]</code></a></li>',
    );
    expect(html).toContain('<li><a href="#" data-location="2">shop/default-deny</a>: selects the pods');
    expect(locations.map((location) => location.range.start.line)).toEqual([24, 33, 50]);
    expectInert(html);
  });

  it('lists the policies the verdict leaves out, with links after the others', () => {
    const params = { from: SHOP.connections[0]!.from, to: SHOP.connections[0]!.to, port: 8080, protocol: 'TCP' as const };
    const { html, locations } = renderExplanation(params, { ...ALLOWED, notApplied: [REJECTED] });
    expect(html).toContain(
      '<ul><li><a href="#" data-location="3">shop/web-egress</a>: spec.egress[0].to[0].ipBlock.cidr: Required value</li></ul></section>',
    );
    expect(locations.map((location) => location.range.start.line)).toEqual([24, 33, 50, 70]);
    expect(renderExplanation(params, ALLOWED).html).not.toContain('left-out');
  });

  it('opens the rule that allowed a connection, or the policy that isolates for a denial', () => {
    expect(decidingLocation(ALLOWED)?.range.start.line).toBe(33);
    expect(decidingLocation(DENIED)?.range.start.line).toBe(24);
    expect(decidingLocation({ ...DENIED, ingress: { ...DENIED.ingress, policies: [] } })).toBeUndefined();
  });
});
