import { describe, expect, it } from 'vitest';
import { openLocationUri, reportContentSecurityPolicy, reportPage } from '../../../client/src/connectivity/reportPage';
import { COMMANDS, type QueryParams } from '../../../server/src/protocol';
import { ALLOWED } from './fixture';

const resources = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/report/report.css',
};
const params: QueryParams = {
  from: { namespace: 'shop', kind: 'Deployment', name: 'frontend' },
  to: { namespace: 'shop', kind: 'Deployment', name: 'web' },
  port: 8080,
  protocol: 'TCP',
};

/** The argument list a `command:` link passes, decoded as VS Code decodes it. */
function commandArguments(href: string): unknown {
  const [target, query] = href.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).split('?');
  expect(target).toBe(`command:${COMMANDS.openLocation}`);
  return JSON.parse(decodeURIComponent(query!));
}

describe('the Check Connection report page', () => {
  it('runs no script: its policy allows the extension’s stylesheet and nothing else', () => {
    expect(reportContentSecurityPolicy(resources)).toBe(
      "default-src 'none'; style-src https://file+.vscode-resource.vscode-cdn.net; font-src https://file+.vscode-resource.vscode-cdn.net",
    );
    const html = reportPage(resources, params, ALLOWED);
    const meta = html.indexOf('http-equiv="Content-Security-Policy"');
    expect(meta).toBeGreaterThan(0);
    expect(meta).toBeLessThan(html.indexOf('<link'));
    expect(html).toContain(`<link rel="stylesheet" href="${resources.styleUri}">`);
    expect(html).not.toMatch(/<script|style=|<style|\son[a-z]+=|javascript:|https?:\/\/(?!file\+\.vscode-resource)/i);
  });

  it('links every deciding policy and rule to its location through netpol.openLocation', () => {
    const html = reportPage(resources, params, ALLOWED);
    const links = [...html.matchAll(/<a href="([^"]+)"[^>]*>(.*?)<\/a>/g)].map(([, href, text]) => ({
      text,
      line: (commandArguments(href!) as [{ range: { start: { line: number } } }])[0].range.start.line,
    }));
    expect(links).toEqual([
      { text: 'shop/web-allow-frontend', line: 24 },
      { text: '<code>spec.ingress[0]</code>', line: 33 },
      { text: 'shop/default-deny', line: 50 },
    ]);
  });

  it('encodes a location so that no character of its URI ends the link', () => {
    const location = {
      uri: 'file:///w/my "policies" (old)&<new>.yaml',
      range: { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } },
    };
    const uri = openLocationUri(location);
    expect(uri).toMatch(/^command:netpol\.openLocation\?[A-Za-z0-9%._~!*'()-]+$/);
    expect(commandArguments(uri)).toEqual([location]);
  });
});
