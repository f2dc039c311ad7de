// The traffic map's webview script (bundled by esbuild into dist/media/trafficMap/). It lays
// out and draws the graph the extension sent (client/src/trafficMap/layout.ts, mapSvg.ts),
// fits it to the window, zooms and pans, filters, switches between the map and the matrix,
// and reports clicks; the connectivity and the explanations come from the extension.
import { filterGraph, filterSuggestions } from '../../src/trafficMap/filter';
import type { MapGraph } from '../../src/trafficMap/mapGraph';
import { layoutGraph } from '../../src/trafficMap/layout';
import { renderMapSvg } from '../../src/trafficMap/mapSvg';
import type { FromWebview, ToWebview } from '../../src/trafficMap/messages';
import { fit, pan, viewBox, zoom, type Size, type View } from '../../src/trafficMap/viewport';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };

const vscode = acquireVsCodeApi();

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the traffic map page`);
  return found as T;
}

const map = element('map');
const matrix = element('matrix');
const details = element('details');
const explanation = element('explanation');
const summary = element('summary');
const notApplied = element('not-applied');
const showMap = element('show-map');
const showMatrix = element('show-matrix');
const filter = element<HTMLInputElement>('filter');
const suggestions = element('filter-options');

let graph: MapGraph | undefined;
let drawing: Size = { width: 0, height: 0 };
let view: View = { x: 0, y: 0, scale: 1 };
/** True until the user zooms or pans: a resize then fits the drawing again. */
let fitted = true;
/** Layouts finish out of order: only the latest one is drawn. */
let generation = 0;

function windowSize(): Size {
  return { width: map.clientWidth, height: map.clientHeight };
}

function applyView(): void {
  map.querySelector('svg.map')?.setAttribute('viewBox', viewBox(view, windowSize()));
}

function fitView(): void {
  view = fit(drawing, windowSize());
  fitted = true;
  applyView();
}

async function draw(): Promise<void> {
  if (!graph) return;
  const mine = ++generation;
  const shown = filterGraph(graph, filter.value);
  const layout = await layoutGraph(shown);
  if (mine !== generation) return;
  map.innerHTML = renderMapSvg(layout);
  map.classList.toggle('empty', shown.edges.length === 0 && shown.groups.length === 0);
  drawing = { width: layout.width, height: layout.height };
  fitView();
  map.dataset.drawn = String(mine);
}

function select(which: 'map' | 'matrix'): void {
  map.hidden = which !== 'map';
  matrix.hidden = which !== 'matrix';
  element('zoom-controls').hidden = which !== 'map';
  showMap.setAttribute('aria-selected', String(which === 'map'));
  showMatrix.setAttribute('aria-selected', String(which === 'matrix'));
  if (which === 'map' && fitted) fitView();
}

showMap.addEventListener('click', () => select('map'));
showMatrix.addEventListener('click', () => select('matrix'));
element('close-details').addEventListener('click', () => {
  details.hidden = true;
});
element('zoom-in').addEventListener('click', () => zoomBy(1.25));
element('zoom-out').addEventListener('click', () => zoomBy(0.8));
element('zoom-fit').addEventListener('click', () => fitView());
filter.addEventListener('input', () => void draw());

function zoomBy(factor: number, at = { x: map.clientWidth / 2, y: map.clientHeight / 2 }): void {
  view = zoom(view, factor, at);
  fitted = false;
  applyView();
}

// The wheel zooms around the cursor; a drag on the background pans.
map.addEventListener(
  'wheel',
  (event) => {
    event.preventDefault();
    const bounds = map.getBoundingClientRect();
    zoomBy(Math.exp(-event.deltaY / 500), { x: event.clientX - bounds.left, y: event.clientY - bounds.top });
  },
  { passive: false },
);
let dragging: { x: number; y: number } | undefined;
map.addEventListener('pointerdown', (event) => {
  if (event.button !== 0 || (event.target instanceof Element && event.target.closest('[data-edge]'))) return;
  dragging = { x: event.clientX, y: event.clientY };
  map.setPointerCapture(event.pointerId);
  map.classList.add('panning');
});
map.addEventListener('pointermove', (event) => {
  if (!dragging) return;
  view = pan(view, event.clientX - dragging.x, event.clientY - dragging.y);
  dragging = { x: event.clientX, y: event.clientY };
  fitted = false;
  applyView();
});
const endDrag = () => {
  dragging = undefined;
  map.classList.remove('panning');
};
map.addEventListener('pointerup', endDrag);
map.addEventListener('pointercancel', endDrag);

// The window, or the map beside an opened or closed details panel, changed size.
new ResizeObserver(() => (fitted ? fitView() : applyView())).observe(map);

/** The edge or matrix cell (`data-edge`) or explanation link (`data-location`) at an event's target. */
function activate(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  const edge = target.closest('[data-edge]');
  if (edge) {
    for (const selected of document.querySelectorAll('.selected')) selected.classList.remove('selected');
    edge.classList.add('selected');
    vscode.postMessage({ type: 'explain', edge: Number(edge.getAttribute('data-edge')) });
    return true;
  }
  const link = target.closest('[data-location]');
  if (link) {
    vscode.postMessage({ type: 'open', location: Number(link.getAttribute('data-location')) });
    return true;
  }
  const policy = target.closest('[data-not-applied]');
  if (policy) {
    vscode.postMessage({ type: 'openNotApplied', index: Number(policy.getAttribute('data-not-applied')) });
    return true;
  }
  return false;
}

document.addEventListener('click', (event) => {
  if (activate(event.target)) event.preventDefault();
});
document.addEventListener('keydown', (event) => {
  if ((event.key === 'Enter' || event.key === ' ') && activate(event.target)) event.preventDefault();
});

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'view':
      summary.textContent = message.summary;
      graph = message.graph;
      suggestions.replaceChildren(
        ...filterSuggestions(message.graph).map((value) => {
          const option = document.createElement('option');
          option.value = value;
          return option;
        }),
      );
      notApplied.innerHTML = message.notice;
      notApplied.hidden = message.notice === '';
      matrix.innerHTML = message.matrix;
      details.hidden = true;
      void draw();
      break;
    case 'explanation':
      explanation.innerHTML = message.html;
      details.hidden = false;
      break;
    case 'error':
      summary.textContent = message.message;
      break;
  }
});

vscode.postMessage({ type: 'ready' });
