import { webviewPage } from '../webviewPage';

/**
 * The traffic map's webview document (pure). The Content-Security-Policy allows nothing but
 * the extension's own stylesheet and the one script carrying this page's nonce: no inline
 * styles, no other scripts, no network (the map works offline, without a CDN).
 */

export interface WebviewResources {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

export function contentSecurityPolicy(resources: Pick<WebviewResources, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `img-src ${resources.cspSource}`,
    `style-src ${resources.cspSource}`,
    `font-src ${resources.cspSource}`,
    `script-src 'nonce-${resources.nonce}'`,
  ].join('; ');
}

export function webviewHtml(resources: WebviewResources): string {
  return webviewPage({
    title: 'Traffic Map',
    contentSecurityPolicy: contentSecurityPolicy(resources),
    styleUri: resources.styleUri,
    script: { uri: resources.scriptUri, nonce: resources.nonce },
    body: `<header class="toolbar">
  <div class="views" role="tablist">
    <button id="show-map" role="tab" aria-selected="true">Map</button>
    <button id="show-matrix" role="tab" aria-selected="false">Matrix</button>
  </div>
  <input id="filter" type="search" placeholder="Filter by namespace or workload" aria-label="Filter by namespace or workload" list="filter-options">
  <datalist id="filter-options"></datalist>
  <div id="zoom-controls" class="zoom">
    <button id="zoom-out" title="Zoom out (or the mouse wheel; drag to pan)" aria-label="Zoom out">−</button>
    <button id="zoom-fit" title="Fit to window" aria-label="Fit to window">Fit</button>
    <button id="zoom-in" title="Zoom in (or the mouse wheel; drag to pan)" aria-label="Zoom in">+</button>
  </div>
  <span id="summary" class="summary">Loading the workspace's connectivity…</span>
  <span class="legend">Click a connection to see why · dashed: all ports</span>
</header>
<div id="not-applied" class="not-applied" role="status" hidden></div>
<main>
  <div id="map" class="view map-view"></div>
  <div id="matrix" class="view" hidden></div>
  <aside id="details" class="details" hidden>
    <button id="close-details" class="close" title="Close" aria-label="Close">×</button>
    <div id="explanation" class="explanation"></div>
  </aside>
</main>`,
  });
}
