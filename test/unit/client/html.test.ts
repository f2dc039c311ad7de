import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../../client/src/markup';
import { contentSecurityPolicy, webviewHtml } from '../../../client/src/trafficMap/html';

const resources = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123+/=',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/trafficMap/main.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/trafficMap/trafficMap.css',
};

describe('the traffic map webview page', () => {
  it('allows nothing but the extension’s own stylesheet and the one script with the nonce', () => {
    expect(contentSecurityPolicy(resources)).toBe(
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net; style-src https://file+.vscode-resource.vscode-cdn.net; " +
        "font-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abc123+/='",
    );
  });

  it('declares the policy first, loads one stylesheet and one script, both local, and no inline code', () => {
    const html = webviewHtml(resources);
    const meta = html.indexOf('http-equiv="Content-Security-Policy"');
    expect(meta).toBeGreaterThan(0);
    expect(meta).toBeLessThan(html.indexOf('<link'));
    // The attribute's character references (`&#39;` for the quotes of `'none'`) read as the policy itself.
    expect(html).toContain(`content="${escapeXml(contentSecurityPolicy(resources))}"`);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain(`<script nonce="abc123+/=" src="${resources.scriptUri}"></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="${resources.styleUri}">`);
    expect(html).not.toMatch(/style=|<style|\son[a-z]+=|https?:\/\/(?!file\+\.vscode-resource)/);
    for (const id of ['show-map', 'show-matrix', 'summary', 'map', 'matrix', 'details']) expect(html).toContain(`id="${id}"`);
  });

  it('escapes quotes in the resources', () => {
    expect(webviewHtml({ ...resources, scriptUri: 'a"b&c' })).toContain('src="a&#34;b&#38;c"');
  });
});
