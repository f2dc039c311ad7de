// The traffic map's webview script (bundled by esbuild into dist/media/trafficMap/). It only
// inserts the markup the extension rendered, switches between the map and the matrix, and
// reports clicks; everything else happens in the extension (client/src/trafficMap/).
import type { FromWebview, ToWebview } from '../../src/trafficMap/messages';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };

const vscode = acquireVsCodeApi();

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the traffic map page`);
  return found;
}

const map = element('map');
const matrix = element('matrix');
const details = element('details');
const explanation = element('explanation');
const summary = element('summary');
const showMap = element('show-map');
const showMatrix = element('show-matrix');

function select(view: 'map' | 'matrix'): void {
  map.hidden = view !== 'map';
  matrix.hidden = view !== 'matrix';
  showMap.setAttribute('aria-selected', String(view === 'map'));
  showMatrix.setAttribute('aria-selected', String(view === 'matrix'));
}

showMap.addEventListener('click', () => select('map'));
showMatrix.addEventListener('click', () => select('matrix'));
element('close-details').addEventListener('click', () => {
  details.hidden = true;
});

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
      map.innerHTML = message.map;
      matrix.innerHTML = message.matrix;
      details.hidden = true;
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
