import { describe, expect, it } from 'vitest';
import {
  endpointKey,
  endpointLabel,
  looksLikeAddress,
  parseCidrInput,
  parseEndpointArgument,
  parsePortInput,
  portsAllowedTo,
  workloadsNamed,
} from '../../../client/src/connectivity/endpoints';
import { portsLabel } from '../../../server/src/protocol';
import { SHOP } from './fixture';

describe('endpoint labels and keys', () => {
  it('names workloads in the CLI style and external addresses by their CIDR', () => {
    expect(endpointLabel({ namespace: 'default', kind: 'StatefulSet', name: 'db' })).toBe('default/db[StatefulSet]');
    expect(endpointLabel({ cidr: '10.0.0.0/8' })).toBe('10.0.0.0/8');
  });

  it('keys tell apart workloads that differ only in kind, and CIDRs from workloads', () => {
    const keys = [
      endpointKey({ namespace: 'a', kind: 'Deployment', name: 'x' }),
      endpointKey({ namespace: 'a', kind: 'StatefulSet', name: 'x' }),
      endpointKey({ namespace: 'a/x', kind: 'Deployment', name: '' }),
      endpointKey({ cidr: 'a/x' }),
    ];
    expect(new Set(keys).size).toBe(4);
    expect(endpointKey({ namespace: 'a', kind: 'Deployment', name: 'x' })).toBe(keys[0]);
  });
});

describe('portsLabel', () => {
  it('lists ports and ranges, or says all ports', () => {
    expect(portsLabel('all')).toBe('all ports');
    expect(
      portsLabel([
        { protocol: 'TCP', port: 80 },
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 8000, endPort: 8100 },
      ]),
    ).toBe('TCP 80, UDP 53, TCP 8000-8100');
    // endPort equal to port is a single port.
    expect(portsLabel([{ protocol: 'SCTP', port: 9, endPort: 9 }])).toBe('SCTP 9');
  });

  it('cuts long lists with a count of the rest', () => {
    const ports = [1, 2, 3, 4, 5].map((port) => ({ protocol: 'TCP' as const, port }));
    expect(portsLabel(ports, 3)).toBe('TCP 1, TCP 2, TCP 3 +2');
    expect(portsLabel(ports.slice(0, 3), 3)).toBe('TCP 1, TCP 2, TCP 3');
  });
});

describe('parseCidrInput', () => {
  it('accepts CIDRs and turns single addresses into host ranges', () => {
    expect(parseCidrInput('10.0.0.0/8')).toEqual({ cidr: '10.0.0.0/8' });
    expect(parseCidrInput(' 203.0.113.7 ')).toEqual({ cidr: '203.0.113.7/32' });
    expect(parseCidrInput('2001:db8::/32')).toEqual({ cidr: '2001:db8::/32' });
    expect(parseCidrInput('2001:db8::1')).toEqual({ cidr: '2001:db8::1/128' });
    expect(parseCidrInput('0.0.0.0/0')).toEqual({ cidr: '0.0.0.0/0' });
  });

  it('says what is wrong with anything else, quoting what was typed', () => {
    expect(parseCidrInput('')).toEqual({ error: '"" is not an IP address or CIDR (such as 203.0.113.7 or 10.0.0.0/8).' });
    expect(parseCidrInput('web')).toEqual({ error: '"web" is not an IP address or CIDR (such as 203.0.113.7 or 10.0.0.0/8).' });
    expect(parseCidrInput('10.0.0.256/8')).toEqual({
      error: '"10.0.0.256/8" is not an IP address or CIDR (such as 203.0.113.7 or 10.0.0.0/8).',
    });
    expect(parseCidrInput('10.0.0.0/33')).toEqual({
      error: '"10.0.0.0/33" is not a CIDR: the prefix length after / must be a number from 0 to 32.',
    });
    expect(parseCidrInput('::/129')).toEqual({
      error: '"::/129" is not a CIDR: the prefix length after / must be a number from 0 to 128.',
    });
    expect(parseCidrInput('10.0.0.0/')).toHaveProperty('error');
    expect(parseCidrInput('10.0.0.0/-1')).toHaveProperty('error');
    expect(parseCidrInput('10.0.0.0/8/8')).toHaveProperty('error');
    expect(parseCidrInput('10.0.0.0/08')).toHaveProperty('error');
  });
});

describe('parsePortInput', () => {
  it('accepts port numbers 1-65535 and IANA service names', () => {
    expect(parsePortInput('1')).toEqual({ port: 1 });
    expect(parsePortInput(' 65535 ')).toEqual({ port: 65535 });
    expect(parsePortInput('http')).toEqual({ port: 'http' });
    expect(parsePortInput('h2c-9')).toEqual({ port: 'h2c-9' });
    expect(parsePortInput('a23456789012345')).toEqual({ port: 'a23456789012345' }); // 15 characters
  });

  it('refuses what Kubernetes would not accept as a port', () => {
    for (const text of ['0', '65536', '', 'HTTP', 'a--b', '-http', 'http-', '123-', 'a234567890123456', 'web server']) {
      expect(parsePortInput(text), text).toHaveProperty('error');
    }
    expect(parsePortInput('70000')).toEqual({ error: 'A port number is from 1 to 65535.' });
  });
});

describe('parseEndpointArgument', () => {
  it('reads endpoint objects, namespace/kind/name and CIDRs or IPs', () => {
    expect(parseEndpointArgument({ namespace: 'shop', kind: 'Deployment', name: 'web' })).toEqual({
      namespace: 'shop',
      kind: 'Deployment',
      name: 'web',
    });
    expect(parseEndpointArgument('shop/Deployment/web')).toEqual({ namespace: 'shop', kind: 'Deployment', name: 'web' });
    expect(parseEndpointArgument('10.1.2.3')).toEqual({ cidr: '10.1.2.3/32' });
    expect(parseEndpointArgument({ cidr: '10.0.0.0/8' })).toEqual({ cidr: '10.0.0.0/8' });
  });

  it('returns undefined for anything else, without throwing', () => {
    for (const value of [undefined, null, 42, [], {}, { cidr: 'nope' }, { namespace: 'a', kind: 'b' }, 'a/b', 'a//c', 'web', true]) {
      expect(parseEndpointArgument(value)).toBeUndefined();
    }
  });
});

describe('portsAllowedTo', () => {
  it('collects the distinct ports allowed to a destination, sorted by protocol and port', () => {
    const web = { namespace: 'shop', kind: 'Deployment', name: 'web' };
    expect(portsAllowedTo(SHOP.connections, web)).toEqual([{ protocol: 'TCP', port: 8080 }]);
    const db = { namespace: 'data', kind: 'StatefulSet', name: 'db' };
    expect(
      portsAllowedTo(
        [
          ...SHOP.connections,
          {
            from: { cidr: '10.0.0.0/8' },
            to: db,
            ports: [
              { protocol: 'TCP', port: 5432 },
              { protocol: 'TCP', port: 22 },
            ],
          },
        ],
        db,
      ),
    ).toEqual([
      { protocol: 'TCP', port: 22 },
      { protocol: 'TCP', port: 5432 },
      { protocol: 'UDP', port: 9000, endPort: 9100 },
    ]);
    expect(portsAllowedTo(SHOP.connections, { cidr: '198.51.100.0/24' })).toEqual([]);
  });
});

describe('workloads typed in the CLI’s forms (Check Connection picker)', () => {
  const workloads = SHOP.workloads;
  const names = (text: string) => workloadsNamed(text, workloads).map((w) => `${w.namespace}/${w.kind}/${w.name}`);

  it('finds namespace/name and namespace/Kind/name, the kind without regard to case', () => {
    expect(names('shop/frontend')).toEqual(['shop/Deployment/frontend']);
    expect(names('shop/Deployment/frontend')).toEqual(['shop/Deployment/frontend']);
    expect(names(' shop/deployment/web ')).toEqual(['shop/Deployment/web']);
    expect(names('data/StatefulSet/db')).toEqual(['data/StatefulSet/db']);
  });

  it('offers what a reference being typed begins, and nothing for another namespace or kind', () => {
    expect(names('shop/')).toEqual(['shop/Deployment/web', 'shop/Deployment/frontend']);
    expect(names('shop/fr')).toEqual(['shop/Deployment/frontend']);
    expect(names('shop/Dep/')).toEqual(['shop/Deployment/web', 'shop/Deployment/frontend']);
    expect(names('data/frontend')).toEqual([]);
    expect(names('shop/StatefulSet/web')).toEqual([]);
    expect(names('frontend')).toEqual([]);
    expect(names('/frontend')).toEqual([]);
    expect(names('a/b/c/d')).toEqual([]);
  });

  it('tells an attempt at an address from a name', () => {
    for (const text of ['10.0.0.300', '10.0.0.0/33', '2001:db8::1', '1.2']) expect(looksLikeAddress(text), text).toBe(true);
    for (const text of ['frontend', 'shop/frontend', '', '42', 'cafe']) expect(looksLikeAddress(text), text).toBe(false);
  });
});
