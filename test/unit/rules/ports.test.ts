import { describe, expect, it } from 'vitest';
import { codes, diagnose, policy, reported } from '../helpers';

const ports = (entry: string) =>
  policy(`
    podSelector: {}
    ingress:
      - ports:
          - ${entry}
  `);

describe('port-protocol', () => {
  it.each(['TCP', 'UDP', 'SCTP'])('accepts %s', (protocol) => {
    expect(codes(ports(`{ protocol: ${protocol}, port: 80 }`))).toEqual([]);
  });
  it.each(['tcp', 'ICMP', 'ALL', '""', 'Tcp'])('rejects %s on the value', (protocol) => {
    expect(reported(ports(`{ protocol: ${protocol}, port: 80 }`), 'port-protocol')).toEqual([
      `spec.ingress[0].ports[0].protocol => ${protocol}`,
    ]);
  });
  it('accepts a missing protocol (defaults to TCP)', () => {
    expect(codes(ports('{ port: 80 }'))).toEqual([]);
  });
});

describe('port-number', () => {
  it.each(['1', '65535', '443'])('accepts %s', (port) => {
    expect(codes(ports(`{ port: ${port} }`))).toEqual([]);
  });
  it.each(['0', '65536', '-1', '123456789'])('rejects %s', (port) => {
    expect(reported(ports(`{ port: ${port} }`), 'port-number')).toEqual([`spec.ingress[0].ports[0].port => ${port}`]);
  });
});

describe('port-name', () => {
  it.each(['http', 'h2c', 'dns-tcp', 'metrics-9090', 'aaaaaaaaaaaaaaa'])('accepts the port name %s', (name) => {
    expect(codes(ports(`{ port: ${name} }`))).toEqual([]);
  });
  it.each([
    ['aaaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaa'], // 16 > 15
    ['"8080"', '"8080"'], // a quoted number is a name, and has no letter
    ["'443'", "'443'"],
    ['HTTP', 'HTTP'],
    ['Http', 'Http'],
    ['my_port', 'my_port'],
    ['a--b', 'a--b'],
    ['-http', '-http'],
    ['http-', 'http-'],
    ['""', '""'],
  ])('rejects %s on the value', (port, text) => {
    expect(reported(ports(`{ port: ${port} }`), 'port-name')).toEqual([`spec.ingress[0].ports[0].port => ${text}`]);
  });
  it('hints at removing the quotes of an all-digit name', () => {
    const [d] = diagnose(ports('{ port: "8080" }'));
    expect(d?.message).toContain('must contain at least one letter (a-z)');
    expect(d?.message).toContain('without quotes');
  });
  it('reports every failed check in one message', () => {
    const [d] = diagnose(ports('{ port: "-My_Port--" }'));
    expect(d?.code).toBe('port-name');
    expect(d?.message).toContain('must contain only alpha-numeric characters');
    expect(d?.message).toContain('must not contain consecutive hyphens');
    expect(d?.message).toContain('must not begin or end with a hyphen');
  });
});

describe('end-port-order', () => {
  it.each([
    '{ port: 80, endPort: 80 }',
    '{ port: 80, endPort: 81 }',
    '{ port: 1, endPort: 65535 }',
    '{ port: 32000, endPort: 32768, protocol: UDP }',
  ])('accepts %s', (entry) => {
    expect(codes(ports(entry))).toEqual([]);
  });
  it('rejects endPort = port - 1 on endPort', () => {
    expect(reported(ports('{ port: 80, endPort: 79 }'), 'end-port-order')).toEqual(['spec.ingress[0].ports[0].endPort => 79']);
    expect(codes(ports('{ port: 80, endPort: 79 }'))).toEqual(['end-port-order']);
  });
  it('prints the port as the invalid value, as the API server does (field.Invalid(…endPort, port.Port.IntVal, …))', () => {
    expect(diagnose(ports('{ port: 80, endPort: 79 }'))[0]?.message).toBe(
      'Invalid value: 80: must be greater than or equal to `port`. The range 80-79 is backwards',
    );
  });
  it('reports in egress rules too, at the right indices', () => {
    const text = policy(`
      egress:
        - ports: [{ port: 53 }]
        - to: [{ podSelector: {} }]
          ports:
            - port: 53
            - port: 32768
              endPort: 32000
    `);
    expect(reported(text, 'end-port-order')).toEqual(['spec.egress[1].ports[1].endPort => 32000']);
  });
});

describe('end-port-range', () => {
  it('accepts endPort 65535', () => {
    expect(codes(ports('{ port: 80, endPort: 65535 }'))).toEqual([]);
  });
  it('rejects endPort 65536 (range only: it is above port)', () => {
    expect(reported(ports('{ port: 80, endPort: 65536 }'), 'end-port-range')).toEqual(['spec.ingress[0].ports[0].endPort => 65536']);
    expect(codes(ports('{ port: 80, endPort: 65536 }'))).toEqual(['end-port-range']);
  });
  it('checks range and order independently: endPort 0 with port 80 gives both', () => {
    expect(codes(ports('{ port: 80, endPort: 0 }')).sort()).toEqual(['end-port-order', 'end-port-range']);
    expect(reported(ports('{ port: 80, endPort: -1 }'), 'end-port-range')).toEqual(['spec.ingress[0].ports[0].endPort => -1']);
  });
  it('port 0 with endPort 0: port-number and end-port-range, not order (0 >= 0)', () => {
    expect(codes(ports('{ port: 0, endPort: 0 }')).sort()).toEqual(['end-port-range', 'port-number']);
  });
  it('is not checked with a named port', () => {
    expect(codes(ports('{ port: http, endPort: 70000 }'))).toEqual(['end-port-requires-numeric-port']);
  });
});

describe('end-port-requires-numeric-port', () => {
  it('accepts endPort with a numeric port', () => {
    expect(codes(ports('{ port: 8000, endPort: 9000 }'))).toEqual([]);
  });
  it('rejects endPort without port, on endPort', () => {
    expect(reported(ports('{ endPort: 9000 }'), 'end-port-requires-numeric-port')).toEqual(['spec.ingress[0].ports[0].endPort => 9000']);
    expect(diagnose(ports('{ endPort: 9000 }'))[0]?.message).toContain('may not be specified when `port` is not specified');
  });
  it('rejects endPort with a named port, and still validates the name', () => {
    expect(reported(ports('{ port: http, endPort: 9000 }'), 'end-port-requires-numeric-port')).toEqual([
      'spec.ingress[0].ports[0].endPort => 9000',
    ]);
    expect(diagnose(ports('{ port: http, endPort: 9000 }'))[0]?.message).toContain('may not be specified when `port` is non-numeric');
    expect(codes(ports('{ port: "8080", endPort: 9000 }')).sort()).toEqual(['end-port-requires-numeric-port', 'port-name']);
  });
  it('treats port: null as no port', () => {
    expect(codes(ports('{ port: null, endPort: 9000 }'))).toEqual(['end-port-requires-numeric-port']);
  });
  it('says nothing more when port or endPort has the wrong type', () => {
    expect(codes(ports('{ port: 80.5, endPort: 9000 }'))).toEqual(['invalid-type']);
    expect(codes(ports('{ port: 80, endPort: "9000" }'))).toEqual(['invalid-type']);
    expect(codes(ports('{ port: [80], endPort: 1 }'))).toEqual(['invalid-type']);
  });
});

describe('ports: several problems at once', () => {
  it('reports every problem of every port, in order', () => {
    const text = policy(`
      ingress:
        - ports:
            - { protocol: ICMP, port: 0, endPort: 0 }
            - { port: 443 }
            - { port: http_s }
      egress:
        - ports:
            - { port: 70000 }
    `);
    expect(diagnose(text).map((d) => `${d.code} ${d.path} => ${d.text}`)).toEqual([
      'port-protocol spec.ingress[0].ports[0].protocol => ICMP',
      'port-number spec.ingress[0].ports[0].port => 0',
      'end-port-range spec.ingress[0].ports[0].endPort => 0',
      'port-name spec.ingress[0].ports[2].port => http_s',
      'port-number spec.egress[0].ports[0].port => 70000',
    ]);
  });
  it('accepts empty and partial port entries', () => {
    for (const entry of ['{}', '{ protocol: UDP }', '{ protocol: SCTP, port: 9 }', 'null']) {
      expect(codes(ports(entry))).toEqual([]);
    }
    expect(codes(policy('ingress: [{ ports: [] }]'))).toEqual([]);
  });
});
