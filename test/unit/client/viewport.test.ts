import { describe, expect, it } from 'vitest';
import { filterGraph, filterSuggestions } from '../../../client/src/trafficMap/filter';
import { buildGraph } from '../../../client/src/trafficMap/graph';
import { textWithCode } from '../../../client/src/markup';
import { fit, MAX_SCALE, pan, viewBox, zoom } from '../../../client/src/trafficMap/viewport';
import { SHOP } from './fixture';

describe('the map viewport', () => {
  it('fits the whole drawing, centred, and never magnifies a small one past 1.25', () => {
    expect(fit({ width: 2000, height: 1000 }, { width: 1000, height: 800 })).toEqual({ x: 0, y: -300, scale: 0.5 });
    expect(viewBox(fit({ width: 2000, height: 1000 }, { width: 1000, height: 800 }), { width: 1000, height: 800 })).toBe(
      '0 -300 2000 1600',
    );
    expect(fit({ width: 100, height: 50 }, { width: 1000, height: 800 }).scale).toBe(1.25);
    expect(fit({ width: 0, height: 0 }, { width: 1000, height: 800 })).toEqual({ x: 0, y: 0, scale: 1 });
  });

  it('zooms around the cursor (the drawing point under it stays) and pans by screen pixels', () => {
    const view = { x: 100, y: 50, scale: 1 };
    const zoomed = zoom(view, 2, { x: 200, y: 100 });
    expect(zoomed.scale).toBe(2);
    // The point under the cursor: (100 + 200 / 1, 50 + 100 / 1) before and after.
    expect([zoomed.x + 200 / zoomed.scale, zoomed.y + 100 / zoomed.scale]).toEqual([300, 150]);
    expect(zoom(view, 1000, { x: 0, y: 0 }).scale).toBe(MAX_SCALE);
    expect(pan({ x: 0, y: 0, scale: 2 }, 100, -50)).toEqual({ x: -50, y: 25, scale: 2 });
  });
});

describe('the map filter', () => {
  const graph = buildGraph(SHOP);
  const titles = (text: string) => filterGraph(graph, text).groups.map((group) => [group.title, group.nodes.map((node) => node.title)]);

  it('keeps the workloads whose namespace or name contains the text, their connections and their peers', () => {
    expect(titles('data')).toEqual([
      ['data', ['db']],
      ['shop', ['web']],
    ]);
    expect(titles('FRONT')).toEqual([
      ['From outside the cluster', ['203.0.113.0/24']],
      ['shop', ['frontend', 'web']],
    ]);
    expect(filterGraph(graph, 'frontend').edges.map((edge) => edge.index)).toEqual([0, 4]);
    expect(filterGraph(graph, '  ')).toBe(graph);
    expect(titles('nothing-matches')).toEqual([]);
  });

  it('suggests the namespaces, then each workload as namespace/name', () => {
    expect(filterSuggestions(graph)).toEqual(['data', 'shop', 'data/db', 'shop/frontend', 'shop/web']);
  });
});

describe('code in the server’s sentences', () => {
  it('shows backtick spans as code and escapes everything', () => {
    expect(textWithCode('isolated by `default-deny`, `<a>` & co')).toBe(
      'isolated by <code>default-deny</code>, <code>&#60;a&#62;</code> &#38; co',
    );
    expect(textWithCode('a lone ` backtick')).toBe('a lone ` backtick');
  });
});
