import type { MapGraph } from './mapGraph';

/**
 * Messages between the traffic map panel (extension host) and its webview script
 * (client/media/trafficMap/main.ts). Types only: both sides import this file.
 */

/** Extension -> webview. */
export type ToWebview =
  /** The whole map: the graph the webview lays out and draws, the matrix's markup and the not-applied notice (render.ts). */
  | { readonly type: 'view'; readonly summary: string; readonly graph: MapGraph; readonly matrix: string; readonly notice: string }
  /** The "why" of the clicked connection. */
  | { readonly type: 'explanation'; readonly html: string }
  /** The server could not answer (not running, no handler yet, an error). */
  | { readonly type: 'error'; readonly message: string };

/** Webview -> extension. */
export type FromWebview =
  | { readonly type: 'ready' }
  /** An edge or a matrix cell was clicked: the connection's index in the report. */
  | { readonly type: 'explain'; readonly edge: number }
  /** A link of the explanation: the index into its locations. */
  | { readonly type: 'open'; readonly location: number }
  /** A policy of the not-applied notice: its index in the report's `notApplied`. */
  | { readonly type: 'openNotApplied'; readonly index: number };
