import { describe, expect, it } from 'vitest';
import { escapeMarkdown, locationLink, queryPortLabel, queryReportMarkdown } from '../../../client/src/connectivity/queryReport';
import type { QueryParams } from '../../../server/src/protocol';
import { ALLOWED, DENIED } from './fixture';

const params: QueryParams = {
  from: { namespace: 'shop', kind: 'Deployment', name: 'frontend' },
  to: { namespace: 'shop', kind: 'Deployment', name: 'web' },
  port: 8080,
  protocol: 'TCP',
};

describe('the Check Connection report', () => {
  it('gives the verdict, both directions and the deciding rules as links to their lines', () => {
    expect(queryReportMarkdown(params, ALLOWED)).toBe(
      [
        '# Connection shop/frontend\\[Deployment\\] → shop/web\\[Deployment\\]',
        '',
        '**Allowed** on TCP 8080: the egress of the source and the ingress of the destination both allow it.',
        '',
        '## Egress of shop/frontend\\[Deployment\\]: allowed',
        '',
        'No policy selects shop/frontend for egress.',
        '',
        'No NetworkPolicy selects these pods in this direction, so they are not isolated.',
        '',
        '## Ingress of shop/web\\[Deployment\\]: allowed',
        '',
        'Rule spec.ingress\\[0\\] of shop/web-allow-frontend allows it.',
        '',
        'Isolated by 2 policies; the connection is allowed when any of their rules allows it:',
        '',
        '- [shop/web-allow-frontend](file:///work/policies.yaml#L25,3): allowed by [spec.ingress\\[0\\]](file:///work/policies.yaml#L34,3)',
        '- [shop/default-deny](file:///work/policies.yaml#L51,3): selects the pods (isolates them) but no rule of it allows this connection',
        '',
      ].join('\n'),
    );
  });

  it('says which direction denies, and names policies without a location as plain text', () => {
    const markdown = queryReportMarkdown({ ...params, port: 22 }, DENIED);
    expect(markdown).toContain('**Denied** on TCP 22: the ingress of the destination denies it.');
    expect(markdown).toContain('## Ingress of shop/web\\[Deployment\\]: denied');
    expect(markdown).toContain('- shop/default-deny: selects the pods');
    const both = { ...DENIED, egress: { ...DENIED.egress, allowed: false } };
    expect(queryReportMarkdown(params, both)).toContain(
      '**Denied** on TCP 8080: the egress of the source and the ingress of the destination deny it.',
    );
  });

  it('names external addresses and named ports', () => {
    const markdown = queryReportMarkdown({ ...params, from: { cidr: '10.0.0.0/8' }, port: 'http' }, ALLOWED);
    expect(markdown.split('\n')[0]).toBe('# Connection 10.0.0.0/8 → shop/web\\[Deployment\\]');
    expect(markdown).toContain('**Allowed** on TCP port "http"');
    expect(queryPortLabel({ port: 53, protocol: 'UDP' })).toBe('UDP 53');
  });
});

describe('Markdown helpers', () => {
  it('escapes Markdown syntax so that names and reasons stay text', () => {
    expect(escapeMarkdown('a*b_c`d[e](f)|g<h>\nnext')).toBe('a\\*b\\_c\\`d\\[e\\]\\(f\\)\\|g\\<h\\> next');
  });

  it('links a location to its line and column (1-based), without breaking the link on spaces or parentheses', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
    expect(locationLink({ uri: 'file:///w/a.yaml', range })).toBe('file:///w/a.yaml#L1,1');
    expect(locationLink({ uri: 'file:///w/my policies (old).yaml#x', range })).toBe('file:///w/my%20policies%20%28old%29.yaml#L1,1');
  });
});
