import { describe, expect, it } from 'vitest';
import { diagnoseInWorkspace } from '../helpers';
import { netpol } from './workspace';

/**
 * The manifest of the article the project started from (the Kubernetes documentation's
 * `test-network-policy`, as that article prints it: both `cidr:` left blank, DNS over UDP to
 * kube-dns, every port to the pods of namespace `default`), checked with every lint on.
 */
const seed = (cidr: string) =>
  netpol(
    'test-network-policy',
    'default',
    `
      podSelector: { matchLabels: { role: db } }
      policyTypes: [Ingress, Egress]
      ingress:
        - from:
            - ipBlock:
                cidr:${cidr}
            - namespaceSelector: {}
      egress:
        - to:
            - ipBlock:
                cidr:${cidr}
          ports: [{ protocol: TCP, port: 5978 }]
        - to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { k8s-app: kube-dns } } }]
          ports: [{ protocol: UDP, port: 53 }]
        - to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: default } } }]
      `,
  );

/** `code` of every diagnostic with every lint on, errors apart from the rest. */
function check(text: string) {
  const found = diagnoseInWorkspace({ 'seed.yaml': text }, 'seed.yaml', { lints: true });
  return {
    errors: found.filter((d) => d.severity === 1).map((d) => d.code),
    others: found.filter((d) => d.severity !== 1).map((d) => d.code),
  };
}

describe('the seed manifest', () => {
  it('as printed: exactly the two ipblock-cidr-required errors, on the blank cidrs', () => {
    const found = diagnoseInWorkspace({ 'seed.yaml': seed('') }, 'seed.yaml', { lints: true }).filter((d) => d.severity === 1);
    expect(found.map((d) => `${d.code} ${d.path ?? ''}`)).toEqual([
      'ipblock-cidr-required spec.ingress[0].from[0].ipBlock.cidr',
      'ipblock-cidr-required spec.egress[0].to[0].ipBlock.cidr',
    ]);
  });

  it('as printed: its lints too, on the readable rest (DNS over TCP is blocked whatever the blank cidrs become)', () => {
    const found = diagnoseInWorkspace({ 'seed.yaml': seed('') }, 'seed.yaml', { lints: true }).filter((d) => d.severity !== 1);
    expect(found.map((d) => `${d.code} ${d.path ?? ''}`)).toEqual(
      expect.arrayContaining(['all-namespaces-peer spec.ingress[0].from[1].namespaceSelector', 'dns-tcp-missing spec.egress[1].ports[0]']),
    );
  });

  it('with the cidrs filled: no error; all-namespaces-peer on the namespaceSelector {} peer, dns-tcp-missing on the UDP entry', () => {
    const { errors, others } = check(seed(' 172.17.0.0/16'));
    expect(errors).toEqual([]);
    expect(others).toContain('all-namespaces-peer');
    const found = diagnoseInWorkspace({ 'seed.yaml': seed(' 172.17.0.0/16') }, 'seed.yaml', { lints: true });
    expect(found.filter((d) => d.code === 'dns-tcp-missing').map((d) => d.path)).toEqual(['spec.egress[1].ports[0]']);
  });
});
