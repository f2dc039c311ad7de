import { describe, expect, it } from 'vitest';
import { allowWorkloadActions } from '../../../server/src/services/codeActions/allowWorkload';
import { convertSelectorActions } from '../../../server/src/services/codeActions/convertSelector';
import { defaultDenyActions } from '../../../server/src/services/codeActions/defaultDeny';
import { dnsEgressActions } from '../../../server/src/services/codeActions/dnsEgress';
import { dnsTcpActions } from '../../../server/src/services/codeActions/dnsTcp';
import { mergeItemsActions } from '../../../server/src/services/codeActions/mergeItems';
import { policyTypesActions } from '../../../server/src/services/codeActions/policyTypes';
import { selectorSuggestionActions } from '../../../server/src/services/codeActions/selectorSuggestion';
import { parseFile } from '../../../server/src/yaml/file';
import { policy, yaml } from '../helpers';
import { applyAction, requestsFor } from './insertHelpers';

const PROVIDERS = [
  allowWorkloadActions,
  convertSelectorActions,
  defaultDenyActions,
  dnsEgressActions,
  dnsTcpActions,
  mergeItemsActions,
  policyTypesActions,
  selectorSuggestionActions,
];

const files = {
  'apps.yaml': yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: default}
    spec:
      template:
        metadata:
          labels: {app: web}
  `,
};

const SAMPLES = [
  policy(`
    podSelector:
      matchLabels: {app: wbe}
    egress:
      - to:
          - namespaceSelector: {}
          - podSelector: {matchLabels: {app: web}}
      - ports:
          - {port: 53, protocol: UDP}
  `),
  policy(`podSelector: {}\npolicyTypes: [Egress]\negress: []\n`).replace(/\n/g, '\r\n'),
  `${policy('podSelector:\n  matchExpressions:\n  - {key: app, operator: In, values: [web]}\ningress:\n- {}\n')}---\n${policy('podSelector: {}\npolicyTypes: [Ingress]\negress:\n- to: [{ipBlock: {cidr: 10.0.0.0/8}}]\n')}`,
  // Half-typed and wrongly typed.
  policy('podSelector: [\n'),
  policy('podSelector: 1\npolicyTypes: Egress\negress: {}\ningress: 3\n'),
  policy('spec: null\n'),
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec:\n',
  'kind: NetworkPolicyList\nitems:\n- metadata: {name: a}\n  spec: {podSelector: {}, egress: [{ports: [{port: 53, protocol: UDP}]}]}\n',
];

describe('insertion providers on any document and cursor', () => {
  it('never throw, and every action they offer leaves a document that parses', () => {
    let offered = 0;
    for (const sample of SAMPLES) {
      const hadSyntaxError = parseErrors(sample).length > 0;
      const requestAt = requestsFor(sample, { files });
      for (let at = 0; at <= sample.length; at += 3) {
        const request = requestAt(at);
        for (const action of PROVIDERS.flatMap((provider) => provider(request))) {
          offered++;
          if (!action.edit?.changes || hadSyntaxError) continue;
          expect(parseErrors(applyAction(sample, action)), `${action.title} on\n${sample}`).toEqual([]);
        }
      }
    }
    expect(offered).toBeGreaterThan(100);
  });
});

function parseErrors(text: string): string[] {
  return parseFile(text).chunks.flatMap((chunk) =>
    chunk.parsed.documents.flatMap((doc) => doc.problems.filter((p) => p.ruleId === 'yaml-syntax').map((p) => p.message)),
  );
}

describe('diagnostics sent back by a client', () => {
  it('are not trusted: bad ranges, data and details give no action and never throw', () => {
    const text = policy('podSelector: {}\npolicyTypes: [Egress]\negress:\n- ports:\n  - {port: 53, protocol: UDP}\n');
    const request = requestsFor(text, { files })(0);
    const [real] = request.diagnostics.filter((d) => d.code === 'dns-tcp-missing');
    expect(real).toBeDefined();
    const garbage = [
      { ...real!, range: undefined as never },
      { ...real!, range: { start: { line: 'x' }, end: {} } as never },
      { ...real!, data: null },
      { ...real!, data: { path: 'spec.egress[7].ports[0]', details: 5 } },
      { ...real!, data: { path: ['spec'] } },
    ];
    for (const diagnostic of garbage) {
      const actions = PROVIDERS.flatMap((provider) => provider({ ...request, diagnostics: [diagnostic] }));
      expect(actions.filter((a) => a.kind === 'quickfix')).toEqual([]);
    }
  });
});
