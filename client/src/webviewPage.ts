import { escapeXml } from './markup';

/**
 * The document of one of the extension's webviews (pure): UTF-8, the page's own
 * Content-Security-Policy, the extension's stylesheet, the body, and at most one script, which
 * carries the page's nonce.
 */
export interface WebviewPage {
  readonly title: string;
  readonly contentSecurityPolicy: string;
  readonly styleUri: string;
  /** HTML, inserted as it is. */
  readonly body: string;
  readonly script?: { readonly uri: string; readonly nonce: string };
}

export function webviewPage(page: WebviewPage): string {
  const script = page.script ? `<script nonce="${escapeXml(page.script.nonce)}" src="${escapeXml(page.script.uri)}"></script>\n` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeXml(page.contentSecurityPolicy)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeXml(page.styleUri)}">
<title>${escapeXml(page.title)}</title>
</head>
<body>
${page.body}
${script}</body>
</html>
`;
}
