import { describe, expect, it } from 'vitest';
import { codes, policy } from '../helpers';
import { details, messages, only, where } from './policyScope';

const ID = 'ports-split-from-peers';
const WEB = '{ podSelector: { matchLabels: { app: web } } }';

const ingress = (rules: string) => policy(`policyTypes: [Ingress]\ningress: [${rules}]`);

describe('ports-split-from-peers', () => {
  it('reports a ports-only rule right after a from-only rule, on the ports-only rule', () => {
    const text = policy(`
      policyTypes: [Ingress]
      ingress:
        - from:
            - podSelector:
                matchLabels:
                  app: web
        - ports:
            - port: 8080
    `);
    expect(where(ID, text)).toEqual(['spec.ingress[1] => ports:\n        - port: 8080\n']);
    expect(messages(ID, text)).toEqual([
      'This rule has only `ports` and directly follows a rule with only `from`, as if an extra `-` split one rule in two. ' +
        'As written, traffic is allowed from pods with app=web in this namespace on all ports and protocols, ' +
        'and from every source, including outside the cluster, on TCP 8080. ' +
        'As one rule it would allow only from pods with app=web in this namespace on TCP 8080. ' +
        'If one rule was meant, delete the `-` before `ports` so that `ports` lines up with `from`',
    ]);
    expect(details(ID, text)).toEqual([{ peersRule: 0, portsRule: 1 }]);
  });

  it('reports egress rules, with destinations', () => {
    const text = policy(
      `policyTypes: [Egress]\negress: [{ to: [{ ipBlock: { cidr: 192.0.2.0/24 } }] }, { ports: [{ protocol: UDP, port: 53 }] }]`,
    );
    expect(where(ID, text)).toEqual(['spec.egress[1] => { ports: [{ protocol: UDP, port: 53 }] }']);
    const [message] = messages(ID, text);
    expect(message).toContain('directly follows a rule with only `to`');
    expect(message).toContain(
      'traffic is allowed to addresses in 192.0.2.0/24 on all ports and protocols, and to every destination, including outside the cluster, on UDP 53.',
    );
    expect(message).toContain('lines up with `to`');
  });

  it('names every peer and port', () => {
    const text = ingress(
      `{ from: [${WEB}, { namespaceSelector: { matchLabels: { team: x } } }] }, { ports: [{ port: 80 }, { port: 8000, endPort: 8100 }, { port: metrics }] }`,
    );
    expect(messages(ID, text)[0]).toContain(
      'As one rule it would allow only from pods with app=web in this namespace and all pods in namespaces with team=x on TCP 80, TCP 8000-8100 and the TCP port named metrics.',
    );
  });

  it('treats empty lists as missing: `ports: []` on the first rule, `from: []` on the second', () => {
    expect(where(ID, ingress(`{ from: [${WEB}], ports: [] }, { from: [], ports: [{ port: 80 }] }`))).toEqual([
      'spec.ingress[1] => { from: [], ports: [{ port: 80 }] }',
    ]);
  });

  it('reports each split pair once', () => {
    const text = ingress(`{ from: [${WEB}] }, { ports: [{ port: 80 }] }, { from: [${WEB}] }, { ports: [{ port: 81 }] }`);
    expect(where(ID, text)).toEqual(['spec.ingress[1] => { ports: [{ port: 80 }] }', 'spec.ingress[3] => { ports: [{ port: 81 }] }']);
    expect(details(ID, text)).toEqual([
      { peersRule: 0, portsRule: 1 },
      { peersRule: 2, portsRule: 3 },
    ]);
  });

  it.each([
    ['the ports-only rule first', `{ ports: [{ port: 80 }] }, { from: [${WEB}] }`],
    ['a first rule with ports', `{ from: [${WEB}], ports: [{ port: 81 }] }, { ports: [{ port: 80 }] }`],
    ['a second rule with peers', `{ from: [${WEB}] }, { from: [${WEB}], ports: [{ port: 80 }] }`],
    ['a second rule with `ports: []`', `{ from: [${WEB}] }, { ports: [] }`],
    ['a first rule with `from: []`', `{ from: [] }, { ports: [{ port: 80 }] }`],
    ['a rule in between', `{ from: [${WEB}] }, { from: [${WEB}], ports: [{ port: 81 }] }, { ports: [{ port: 80 }] }`],
  ])('accepts %s', (_name, rules) => {
    expect(codes(ingress(rules), only(ID))).toEqual([]);
  });

  it('does not check rules that policyTypes leaves out', () => {
    expect(codes(policy(`policyTypes: [Ingress]\negress: [{ to: [${WEB}] }, { ports: [{ port: 80 }] }]`), only(ID))).toEqual([]);
  });
});
