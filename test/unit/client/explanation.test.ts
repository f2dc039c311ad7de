import { describe, expect, it } from 'vitest';
import { explanationHtml, queryPortLabel, type LinkMarkup } from '../../../client/src/connectivity/explanation';
import type { QueryParams } from '../../../server/src/protocol';
import { ALLOWED, DENIED, REJECTED } from './fixture';

const params: QueryParams = {
  from: { namespace: 'shop', kind: 'Deployment', name: 'frontend' },
  to: { namespace: 'shop', kind: 'Deployment', name: 'web' },
  port: 8080,
  protocol: 'TCP',
};

/** Links that show the line they open (1-based), so that the expected markup says where each goes. */
const lineLink: LinkMarkup = (html, location) => `<a data-line="${location.range.start.line + 1}">${html}</a>`;

describe('the explanation of a connection', () => {
  it('gives the verdict with its cause, both directions and the deciding policies and rules as links to their lines', () => {
    expect(explanationHtml(params, ALLOWED, lineLink)).toBe(
      [
        '<h2>shop/frontend[Deployment] → shop/web[Deployment]</h2>',
        '<p class="verdict allowed"><strong>Allowed</strong> on TCP 8080: the egress of the source and the ingress of the destination both allow it.</p>',
        '<section class="direction allowed"><h3>Egress of shop/frontend[Deployment]: allowed</h3>',
        '<p>No policy selects shop/frontend for egress.</p>',
        '<p class="notice">No NetworkPolicy selects these pods in this direction, so they are not isolated.</p></section>',
        '<section class="direction allowed"><h3>Ingress of shop/web[Deployment]: allowed</h3>',
        '<p>Rule spec.ingress[0] of shop/web-allow-frontend allows it.</p>',
        '<p>Isolated by 2 policies; the connection is allowed when any of their rules allows it:</p><ul>',
        '<li><a data-line="25">shop/web-allow-frontend</a>: allowed by <a data-line="34"><code>spec.ingress[0]</code></a></li>',
        '<li><a data-line="51">shop/default-deny</a>: selects the pods (isolates them), but none of its rules allows this connection</li>',
        '</ul></section>',
      ].join(''),
    );
  });

  it('says which direction denies, and names a policy without a location as text', () => {
    const html = explanationHtml({ ...params, port: 22 }, DENIED, lineLink);
    expect(html).toContain('<p class="verdict denied"><strong>Denied</strong> on TCP 22: the ingress of the destination denies it.</p>');
    expect(html).toContain('<section class="direction denied"><h3>Ingress of shop/web[Deployment]: denied</h3>');
    expect(html).toContain('<li>shop/default-deny: selects the pods');
    const both = { ...DENIED, egress: { ...DENIED.egress, allowed: false } };
    expect(explanationHtml(params, both, lineLink)).toContain(
      '<strong>Denied</strong> on TCP 8080: the egress of the source and the ingress of the destination deny it.',
    );
  });

  it('shows the code spans of the reasons as code, and escapes everything else', () => {
    const reason = 'shop/<web> is isolated for ingress by policy `default-deny` & co';
    const html = explanationHtml(params, { ...DENIED, ingress: { ...DENIED.ingress, reason } }, lineLink);
    expect(html).toContain('<p>shop/&#60;web&#62; is isolated for ingress by policy <code>default-deny</code> &#38; co</p>');
    expect(html).not.toContain('`');
  });

  it('lists the policies left out of the verdict, linked, after both directions', () => {
    const html = explanationHtml(params, { ...ALLOWED, notApplied: [REJECTED] }, lineLink);
    expect(
      html.endsWith(
        '<section class="left-out"><h3>Not applied: 1 policy</h3>' +
          '<p>This policy would select an end of the connection, but the cluster would refuse it, so the verdict leaves it out:</p>' +
          '<ul><li><a data-line="71">shop/web-egress</a>: spec.egress[0].to[0].ipBlock.cidr: Required value</li></ul></section>',
      ),
    ).toBe(true);
    const two = explanationHtml(params, { ...ALLOWED, notApplied: [REJECTED, { ...REJECTED, name: 'db <x>' }] }, lineLink);
    expect(two).toContain(
      '<h3>Not applied: 2 policies</h3><p>These policies would select an end of the connection, but the cluster would refuse them',
    );
    expect(two).toContain('<a data-line="71">shop/db &#60;x&#62;</a>');
    expect(explanationHtml(params, ALLOWED, lineLink)).not.toContain('left-out');
  });

  it('names external addresses and named ports', () => {
    const html = explanationHtml({ ...params, from: { cidr: '10.0.0.0/8' }, port: 'http' }, ALLOWED, lineLink);
    expect(html.startsWith('<h2>10.0.0.0/8 → shop/web[Deployment]</h2>')).toBe(true);
    expect(html).toContain('<strong>Allowed</strong> on TCP port &#34;http&#34;');
    expect(queryPortLabel({ port: 53, protocol: 'UDP' })).toBe('UDP 53');
  });
});
