import { describe, expect, it } from 'vitest';
import { dnsTcpActions } from '../../../server/src/services/codeActions/dnsTcp';
import { yaml } from '../helpers';
import { applyTitled, codesAfter, policyHead, titles } from './insertHelpers';

const policyWith = (ports: string) =>
  policyHead('web') +
  yaml`
  spec:
    podSelector: {}
    policyTypes: [Egress]
    egress:
      - to:
          - namespaceSelector: {}
        ports:
${ports}
`;

describe('dns-tcp-missing quick fix', () => {
  it('adds TCP port 53 next to the UDP entry, in its key order', () => {
    const before = policyWith('          - port: 53 # dns\n            protocol: UDP\n          - port: 8080\n');
    const after = applyTitled(dnsTcpActions, before, 'Allow TCP port 53 too');
    expect(after).toBe(
      policyWith(
        '          - port: 53 # dns\n            protocol: UDP\n          - port: 8080\n          - port: 53\n            protocol: TCP\n',
      ),
    );
    expect(codesAfter(after)).not.toContain('dns-tcp-missing');
    expect(titles(dnsTcpActions, after)).toEqual([]);
  });

  it('uses the TCP name of a named DNS port, in a flow list', () => {
    const before = policyWith('          [{protocol: UDP, port: dns}]\n');
    const after = applyTitled(dnsTcpActions, before, 'Allow TCP port dns-tcp too');
    expect(after).toBe(policyWith('          [{protocol: UDP, port: dns}, {protocol: TCP, port: dns-tcp}]\n'));
    expect(codesAfter(after)).not.toContain('dns-tcp-missing');
  });

  it('keeps a port range', () => {
    const before = policyWith('          - {protocol: UDP, port: 50, endPort: 60}\n');
    const after = applyTitled(dnsTcpActions, before, 'Allow TCP port 50 too');
    expect(after).toBe(
      policyWith(
        '          - {protocol: UDP, port: 50, endPort: 60}\n          - protocol: TCP\n            port: 50\n            endPort: 60\n',
      ),
    );
    expect(codesAfter(after)).not.toContain('dns-tcp-missing');
  });

  it('allows only TCP port 53 when the UDP entry has no port', () => {
    const before = policyWith('          - protocol: UDP\n');
    const after = applyTitled(dnsTcpActions, before, 'Allow TCP port 53 too');
    expect(after).toBe(policyWith('          - protocol: UDP\n          - protocol: TCP\n            port: 53\n'));
    expect(codesAfter(after)).not.toContain('dns-tcp-missing');
  });
});
