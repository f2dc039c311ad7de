import { COMMANDS, type ProtocolLocation, type QueryParams, type QueryResult } from '../../../server/src/protocol';
import { escapeXml } from '../markup';
import { webviewPage } from '../webviewPage';
import { explanationHtml } from './explanation';

/**
 * The Check Connection report's webview page (pure). It runs no script at all: the
 * Content-Security-Policy allows the extension's own stylesheet and nothing else, and the links
 * to the deciding policies and rules are `command:` links to `netpol.openLocation`, the one
 * command the panel lets its page run.
 */

export interface ReportResources {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  readonly cspSource: string;
  readonly styleUri: string;
}

export function reportContentSecurityPolicy(resources: Pick<ReportResources, 'cspSource'>): string {
  return ["default-src 'none'", `style-src ${resources.cspSource}`, `font-src ${resources.cspSource}`].join('; ');
}

/** A `command:` URI that opens `location` (its arguments are the JSON of the command's argument list). */
export function openLocationUri(location: ProtocolLocation): string {
  return `command:${COMMANDS.openLocation}?${encodeURIComponent(JSON.stringify([location]))}`;
}

export function reportPage(resources: ReportResources, params: QueryParams, result: QueryResult): string {
  const body = explanationHtml(
    params,
    result,
    (html, location) => `<a href="${escapeXml(openLocationUri(location))}" title="Open the rule at its line">${html}</a>`,
  );
  return webviewPage({
    title: 'Check Connection',
    contentSecurityPolicy: reportContentSecurityPolicy(resources),
    styleUri: resources.styleUri,
    body: `<main class="explanation report">${body}</main>`,
  });
}
