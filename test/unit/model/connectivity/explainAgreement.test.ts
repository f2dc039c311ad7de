import { describe, expect, it } from 'vitest';
import { computeConnectivity } from '../../../../server/src/model/connectivity/engine';
import { queryConnection } from '../../../../server/src/model/connectivity/query';
import { ConnectivityModel, inputFromWorkspace } from '../../../../server/src/model/connectivity/workspaceModel';
import { isAllPorts, isNoPorts } from '../../../../server/src/model/connectivity/ports';
import { PROTOCOLS } from '../../../../server/src/model/vocabulary';
import { describeMarkdown, explainFile } from '../../../../server/src/services/describe';
import { validateText } from '../../../../server/src/services/validation';
import { settingsFor } from '../../helpers';
import { deployment, netpol, workspaceOf } from './workspace';

/**
 * The explain table of Describe Policy (model/explain.ts) and the connectivity engine read
 * the same semantic model: for each policy, alone among a fixed set of workloads, the rules
 * the engine finds allowing some connection are exactly the explain table's "allow" rows
 * that can match a workload; a direction explained as "not restricted" is not isolated by
 * the policy, "deny" alone allows nothing, and "allow all" allows everything.
 */

const WORKLOADS = {
  'web.yaml': deployment('shop', 'web', { app: 'web', tier: 'front' }, ['http:8080']),
  'db.yaml': deployment('shop', 'db', { app: 'db' }, ['pg:5432', 'dns:53/UDP']),
  'mon.yaml': deployment('ops', 'monitor', { app: 'monitor' }),
};

/** Each policy, with the allow rows that match no workload here (their peers are addresses or pick nothing). */
const POLICIES: Record<string, { spec: string; unmatched: string[] }> = {
  'deny ingress': { spec: 'podSelector: {}\npolicyTypes: [Ingress]', unmatched: [] },
  'deny egress, with ignored ingress rules': { spec: 'podSelector: {}\npolicyTypes: [Egress]\ningress: [{}]', unmatched: [] },
  'allow all ingress': { spec: 'podSelector: { matchLabels: { app: db } }\ningress: [{}]', unmatched: [] },
  'peers and ports': {
    spec: 'podSelector: { matchLabels: { app: db } }\ningress:\n  - from: [{ podSelector: { matchLabels: { app: web } } }]\n    ports: [{ port: pg }]\n  - from: [{ namespaceSelector: {} , podSelector: { matchLabels: { app: monitor } } }]\n    ports: [{ port: 9090 }, { port: dns, protocol: UDP }]\n  - from: [{ podSelector: { matchLabels: { app: nothing } } }]',
    unmatched: ['ingress[2]'],
  },
  'egress with named ports at the destination': {
    spec: 'podSelector: { matchLabels: { app: web } }\npolicyTypes: [Egress]\negress:\n  - to: [{ podSelector: { matchLabels: { app: db } } }]\n    ports: [{ port: pg }, { port: http }]\n  - to: [{ podSelector: { matchLabels: { app: db } } }]\n    ports: [{ port: http }]\n  - to: [{ ipBlock: { cidr: 0.0.0.0/0 } }]\n  - ports: [{ port: 53, protocol: UDP }]',
    // egress[1]: db declares no port named http, so it allows nothing there.
    unmatched: ['egress[1]', 'egress[2]'],
  },
  'implicit policyTypes with egress rules': {
    spec: 'podSelector: {}\negress:\n  - to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ops } } }]',
    unmatched: [],
  },
}; // prettier-ignore

/** The rules the explain table lists as "allow" rows: `ingress[0]`, … */
function explainAllowRows(text: string): {
  rows: Set<string>;
  isolated: { ingress: boolean; egress: boolean };
  outcomes: Record<string, string>;
} {
  const index = workspaceOf({ ...WORKLOADS, 'p.yaml': text });
  const { file } = validateText(text, settingsFor());
  const [explained] = explainFile(file!, settingsFor(), index);
  const rows = new Set(
    [...describeMarkdown(explained!).matchAll(/allow \(spec\.(ingress|egress)\[(\d+)\]\)/g)].map((m) => `${m[1]}[${m[2]}]`),
  );
  const { ingress, egress } = explained!.explanation;
  return {
    rows,
    isolated: { ingress: ingress.isolated, egress: egress.isolated },
    outcomes: { ingress: ingress.outcome, egress: egress.outcome },
  };
}

describe('explain table and connectivity agree', () => {
  for (const [name, { spec, unmatched }] of Object.entries(POLICIES)) {
    it(name, () => {
      const text = netpol('shop', 'p', spec);
      const explained = explainAllowRows(text);
      const model = new ConnectivityModel(inputFromWorkspace(workspaceOf({ ...WORKLOADS, 'p.yaml': text })));
      const used = new Set<string>();
      const count = model.workloads.length;
      for (let from = 0; from < count; from++)
        for (let to = 0; to < count; to++)
          for (const protocol of PROTOCOLS)
            for (const port of [53, 80, 5432, 8080, 9090]) {
              const answer = queryConnection(model, { workload: from }, { workload: to }, port, protocol);
              for (const decision of [...answer.egress.policies, ...answer.ingress.policies])
                for (const rule of decision.rules) used.add(`${rule.direction}[${rule.index}]`);
            }
      expect([...used].sort()).toEqual([...explained.rows].filter((row) => !unmatched.includes(row)).sort());
      for (const row of unmatched) expect(explained.rows.has(row)).toBe(true);
      const connectivity = computeConnectivity(model);
      for (const direction of ['ingress', 'egress'] as const) {
        const subjects = model.workloads.map((_, i) => i).filter((i) => model.selecting(i, direction).length > 0);
        expect(subjects.length > 0).toBe(explained.isolated[direction]);
        const allowedSomething = subjects.some((i) =>
          connectivity.pairs.some((pair) => (direction === 'ingress' ? pair.to : pair.from) === i) ||
          connectivity.external[i]![direction].some((segment) => !isNoPorts(segment.ports)),
        ); // prettier-ignore
        if (explained.outcomes[direction] === 'deny-all') expect(allowedSomething).toBe(false);
        if (explained.outcomes[direction] === 'allow-all') {
          // Alone, the policy lets every address in on everything (the other direction is open or its own).
          for (const i of subjects) expect(connectivity.external[i]![direction].every((segment) => isAllPorts(segment.ports))).toBe(true);
        }
      }
    });
  }
});
