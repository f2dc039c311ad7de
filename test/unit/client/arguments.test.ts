import { describe, expect, it } from 'vitest';
import { parseQueryArguments } from '../../../client/src/connectivity/arguments';

describe('the Check Connection argument', () => {
  it('gives what is there and leaves the rest to ask for', () => {
    expect(parseQueryArguments(undefined)).toEqual({});
    expect(parseQueryArguments({})).toEqual({});
    expect(parseQueryArguments({ to: 'shop/Deployment/web' })).toEqual({ to: { namespace: 'shop', kind: 'Deployment', name: 'web' } });
    expect(parseQueryArguments({ from: { cidr: '10.0.0.1' }, to: 'data/StatefulSet/db', port: '5432', protocol: 'TCP' })).toEqual({
      from: { cidr: '10.0.0.1/32' },
      to: { namespace: 'data', kind: 'StatefulSet', name: 'db' },
      port: 5432,
      protocol: 'TCP',
    });
    expect(parseQueryArguments({ port: 'metrics', protocol: 'UDP' })).toEqual({ port: 'metrics', protocol: 'UDP' });
  });

  it('says which part is wrong', () => {
    expect(parseQueryArguments('shop/Deployment/web')).toEqual({ error: 'the argument must be an object { from, to, port, protocol }.' });
    expect(parseQueryArguments(null)).toHaveProperty('error');
    expect(parseQueryArguments([])).toHaveProperty('error');
    expect(parseQueryArguments({ from: 'web' })).toEqual({
      error: '"from" must be a workload (namespace/kind/name or { namespace, kind, name }) or a CIDR or IP.',
    });
    expect(parseQueryArguments({ to: 7 })).toHaveProperty('error');
    expect(parseQueryArguments({ port: 0 })).toEqual({ error: '"port" must be a port number (1-65535) or a port name.' });
    expect(parseQueryArguments({ port: { number: 80 } })).toHaveProperty('error');
    // Protocols are case-sensitive in Kubernetes.
    expect(parseQueryArguments({ port: 80, protocol: 'tcp' })).toEqual({ error: '"protocol" must be TCP, UDP or SCTP.' });
  });
});
