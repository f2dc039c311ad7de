import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER } from '../../../server/src/model/cluster';
import { explainPeer, explainPort, type DirectionExplanation, type PolicyExplanation } from '../../../server/src/model/explain';
import { requirementPhrase } from '../../../server/src/model/phrases';
import { EVERYTHING } from '../../../server/src/model/selector';
import { describeMarkdown, explainFile, plainSummary, shortSummary, type ExplainedPolicy } from '../../../server/src/services/describe';
import type { AnalysisSettings } from '../../../server/src/services/settings';
import { validateText } from '../../../server/src/services/validation';
import { indexObjects, WorkspaceIndex } from '../../../server/src/services/workspace';
import { parseFile } from '../../../server/src/yaml/file';
import { policy, settingsFor, yaml } from '../helpers';

/**
 * Exactness of the policy explanations against the Kubernetes semantics of
 * shared/design/k8s-validation-rules.md (§3 defaulting F1–F3, §5 semantics S1–S10 and the
 * traps W1–W8) and the traps of USERS.md: a table of tricky policies, each checked on the
 * structured facts of its explanation (subject, policyTypes, per direction isolation and
 * outcome, every rule with its peers, ports and notes), plus the summary, the Describe
 * Policy Markdown and the CodeLens summary.
 *
 * Agreement with the connectivity engine: test/unit/model/connectivity/explainAgreement.test.ts.
 */

const SETTINGS = settingsFor();

/** A workspace index of these files (name -> YAML), built the way the server builds it. */
function workspaceOf(files: Record<string, string>, settings: AnalysisSettings = SETTINGS): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) {
    const { file } = validateText(text, settings);
    if (file) index.setFile(`file:///ws/${name}`, indexObjects(`file:///ws/${name}`, file, settings));
  }
  return index;
}

/** Every policy of a text, explained (against a workspace of `files` when given). */
function explainAll(text: string, files: Record<string, string> = {}, settings: AnalysisSettings = SETTINGS): ExplainedPolicy[] {
  return explainFile(parseFile(text), settings, workspaceOf(files, settings));
}

function only(text: string, files: Record<string, string> = {}, settings: AnalysisSettings = SETTINGS): ExplainedPolicy {
  const all = explainAll(text, files, settings);
  expect(all).toHaveLength(1);
  return all[0]!;
}

/** A NetworkPolicy with this spec (YAML), named `name`, in namespace `shop` unless told. */
const np = (spec: string, name = 'test', namespace = 'shop') => policy(spec, `name: ${name}\nnamespace: ${namespace}`);

// ----- The texts the explanations must use (exact wording of the facts) ---------------------

const TYPES = {
  computedIngress: { ingress: true, egress: false, explicit: false },
  computedBoth: { ingress: true, egress: true, explicit: false },
  ingress: { ingress: true, egress: false, explicit: true },
  egress: { ingress: false, egress: true, explicit: true },
  both: { ingress: true, egress: true, explicit: true },
} as const;
type Types = (typeof TYPES)[keyof typeof TYPES];

/** F2: Ingress always, Egress only with at least one egress rule; an explicit list is kept. */
function typesText(types: Types): string {
  const list = `[${[types.ingress ? 'Ingress' : '', types.egress ? 'Egress' : ''].filter(Boolean).join(', ')}]`;
  return types.explicit
    ? `policyTypes is ${list}.`
    : `policyTypes is omitted, so Kubernetes computes ${list}: Ingress always, Egress only when there is at least one egress rule (\`egress: []\` does not count).`;
}

const SAME_HERE = (d: string) => `(\`${d}: []\` and a missing \`${d}\` mean the same here).`;
const DENY_INGRESS_COMPUTED = `Denies all ingress: Ingress is always part of the computed policyTypes and there are no ingress rules ${SAME_HERE('ingress')}`;
const DENY_INGRESS_LISTED = `Denies all ingress: policyTypes lists Ingress and there are no ingress rules ${SAME_HERE('ingress')}`;
const DENY_EGRESS_LISTED = `Denies all egress: policyTypes lists Egress and there are no egress rules ${SAME_HERE('egress')}`;
const EGRESS_NOT_COMPUTED =
  'Does not restrict egress (policyTypes is omitted and there are no egress rules, so Kubernetes computes it without Egress): other policies decide, and with none all egress is allowed.';
const INGRESS_NOT_LISTED =
  'Does not restrict ingress (policyTypes does not include Ingress): other policies decide, and with none all ingress is allowed.';
const EGRESS_NOT_LISTED =
  'Does not restrict egress (policyTypes does not include Egress): other policies decide, and with none all egress is allowed.';
const ALLOW_ALL = (d: string) => `Allows all ${d}: one rule admits everything.`;
const ALLOW_ALL_RULE_INGRESS = 'Allows all ingress: from any source, inside or outside the cluster, on every port and protocol.';
const ALLOW_ALL_RULE_EGRESS = 'Allows all egress: to any destination, inside or outside the cluster, on every port and protocol.';
const ANY_SOURCE = 'any source, inside or outside the cluster';
const ANY_DESTINATION = 'any destination, inside or outside the cluster';
const NO_EFFECT = (type: string) => ` It has no effect: policyTypes does not include ${type}.`;

// Fragments of the notes (each note of a peer or port must contain its fragment, in order).
const POD_ALONE = 'A podSelector alone only ever matches pods in the policy’s own namespace';
const AND_NOTE = 'podSelector and namespaceSelector in one peer mean AND: the pods must match both.';
const OR_NOTE = 'as two separate list items (`- namespaceSelector: …` and `- podSelector: …`) they would mean OR';
const ALL_NAMESPACES = '`namespaceSelector: {}` matches every namespace of the cluster.';
const IPBLOCK = 'ipBlock is meant for traffic from or to outside the cluster.';
const IPV6 = '0.0.0.0/0 is every IPv4 address, not IPv6: a dual-stack cluster also needs ::/0.';
const SCTP = 'SCTP is enforced only by network plugins that support it.';
const END_PORT = 'endPort is honoured only by network plugins that support it';
const NAMED = 'A named port is resolved on each destination pod from its container ports of that name and protocol.';
const UNREADABLE = '(its selector cannot be read or has an `In` without values, so it matches nothing)';
const NOT_DECLARED = '(no container of the pods concerned declares it, so it matches nothing there)';

// ----- The workspace: workloads with named ports, namespaces, other policies ----------------

const WEB_DEPLOYMENT = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web, namespace: shop }
  spec:
    selector: { matchLabels: { app: web } }
    template:
      metadata: { labels: { app: web, tier: front } }
      spec:
        containers:
          - name: web
            image: nginx
            ports:
              - { name: http, containerPort: 8080 }
              - { name: dns, containerPort: 5353, protocol: UDP }
`;
const API_DEPLOYMENT = yaml`
  apiVersion: v1
  kind: Namespace
  metadata: { name: backend, labels: { team: backend } }
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: api, namespace: backend }
  spec:
    selector: { matchLabels: { app: api } }
    template:
      metadata: { labels: { app: api } }
      spec:
        containers:
          - { name: api, image: api, ports: [{ name: grpc, containerPort: 9090 }] }
`;
const WORKLOADS = { 'web.yaml': WEB_DEPLOYMENT, 'api.yaml': API_DEPLOYMENT };

const OTHER_POLICIES = {
  ...WORKLOADS,
  'deny-all.yaml': np('podSelector: {}', 'deny-all'),
  'web-egress.yaml': np('podSelector: { matchLabels: { app: web } }\npolicyTypes: [Egress]', 'web-egress'),
  // Selects no pod the workspace declares.
  'db.yaml': np('podSelector: { matchLabels: { app: db } }', 'db-only'),
  // Another namespace: never the same pods.
  'elsewhere.yaml': np('podSelector: {}', 'elsewhere', 'other'),
  // Rejected by the API server (partial): it applies to nothing.
  'broken.yaml': np('podSelector: {}\ningress: { from: [] }', 'broken'),
};

// ----- The table -------------------------------------------------------------------------------

type PeerCase = readonly [kind: 'pods' | 'ipBlock', text: string, notes?: readonly string[]];
type PortCase = readonly [text: string, notes?: readonly string[]];

interface RuleCase {
  readonly text: string;
  readonly peers: 'any' | readonly PeerCase[];
  readonly ports: 'all' | readonly PortCase[];
  readonly ignored?: boolean;
}

interface DirectionCase {
  readonly outcome: DirectionExplanation['outcome'];
  /** The exact text; restricted directions are checked against their rules when absent. */
  readonly text?: string;
  readonly rules?: readonly RuleCase[];
}

interface Case {
  readonly name: string;
  readonly text: string;
  readonly files?: Record<string, string>;
  readonly subject: string;
  readonly types: Types;
  readonly ingress: DirectionCase;
  readonly egress: DirectionCase;
  readonly partial?: boolean;
  readonly others?: readonly string[];
  /** Phrases the summary must contain (besides the ones every summary has). */
  readonly summary?: readonly string[];
  readonly short?: string;
}

const NOT_INGRESS_EGRESS_COMPUTED = { outcome: 'not-isolated', text: EGRESS_NOT_COMPUTED } as const;

const CASES: readonly Case[] = [
  // --- The subject: spec.podSelector (S1) and every selector operator ---
  {
    name: '`podSelector: {}` selects every pod of the namespace; no rules: deny all ingress',
    text: np('podSelector: {}'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
    summary: ['Applies to every pod in namespace `shop`.', 'Ingress: Denies all ingress'],
    short: 'Ingress: denies all · Egress: not restricted',
  },
  {
    name: 'a missing podSelector is the empty selector (D6)',
    text: np('policyTypes: [Ingress]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.ingress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_LISTED },
    egress: { outcome: 'not-isolated', text: EGRESS_NOT_LISTED },
  },
  {
    name: 'a null podSelector is absent (D4)',
    text: np('podSelector:\npolicyTypes: [Ingress]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.ingress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_LISTED },
    egress: { outcome: 'not-isolated', text: EGRESS_NOT_LISTED },
  },
  {
    name: 'no spec at all: the zero spec, every pod, deny all ingress, nothing unreadable',
    text: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: test, namespace: shop }\n',
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
    partial: false,
  },
  {
    name: 'matchLabels with two labels: both required',
    text: np('podSelector: { matchLabels: { app: web, tier: front } }'),
    subject: 'pods with label `app` = `web` and label `tier` = `front` in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'In with one value reads like matchLabels; a prefixed key is kept whole',
    text: np('podSelector: { matchExpressions: [{ key: app.kubernetes.io/name, operator: In, values: [web] }] }'),
    subject: 'pods with label `app.kubernetes.io/name` = `web` in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'In with several values: any of them',
    text: np('podSelector: { matchExpressions: [{ key: tier, operator: In, values: [front, back, batch] }] }'),
    subject: 'pods with label `tier` with value `front`, `back` or `batch` in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'NotIn: pods without the key match too',
    text: np('podSelector: { matchExpressions: [{ key: env, operator: NotIn, values: [prod, staging] }] }'),
    subject: 'pods with no label `env` with value `prod` or `staging` (objects without `env` match too) in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'Exists: the label with any value',
    text: np('podSelector: { matchExpressions: [{ key: canary, operator: Exists }] }'),
    subject: 'pods with label `canary` (any value) in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'DoesNotExist: no such label',
    text: np('podSelector: { matchExpressions: [{ key: canary, operator: DoesNotExist }] }'),
    subject: 'pods with no label `canary` in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'matchLabels and matchExpressions are ANDed (V26)',
    text: np(`
      podSelector:
        matchLabels: { app: web }
        matchExpressions:
          - { key: tier, operator: In, values: [front, back] }
          - { key: env, operator: NotIn, values: [dev] }
          - { key: legacy, operator: DoesNotExist }
    `),
    subject:
      'pods with label `app` = `web` and label `tier` with value `front` or `back` and no label `env` with value `dev` (objects without `env` match too) and no label `legacy` in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },

  // --- policyTypes (F2 / S3) and the isolation of each direction (S2, S4, W1) ---
  {
    name: '`egress: []` does not add Egress to the computed policyTypes',
    text: np('podSelector: {}\ningress: []\negress: []'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
    summary: [`Egress: ${EGRESS_NOT_COMPUTED}`],
  },
  {
    name: 'egress rules without policyTypes: Egress is added, and Ingress isolates too (the egress-only trap)',
    text: np(`
      podSelector: { matchLabels: { app: web } }
      egress:
        - to: [{ ipBlock: { cidr: 203.0.113.0/24 } }]
          ports: [{ port: 443 }]
    `),
    subject: 'pods with label `app` = `web` in namespace `shop`',
    types: TYPES.computedBoth,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: {
      outcome: 'restricted',
      text: 'Allows egress to addresses in `203.0.113.0/24`, on TCP 443. All other egress of the selected pods is denied, unless another policy allows it.',
      rules: [
        {
          text: 'Allows egress to addresses in `203.0.113.0/24`, on TCP 443.',
          peers: [['ipBlock', 'addresses in `203.0.113.0/24`', [IPBLOCK]]],
          ports: [['TCP 443']],
        },
      ],
    },
    short: 'Ingress: denies all · Egress: 1 allow rule',
  },
  {
    name: '`policyTypes: [Egress]` without egress rules: deny all egress, ingress untouched',
    text: np('podSelector: {}\npolicyTypes: [Egress]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.egress,
    ingress: { outcome: 'not-isolated', text: INGRESS_NOT_LISTED },
    egress: { outcome: 'deny-all', text: DENY_EGRESS_LISTED },
    summary: ['Egress: Denies all egress', 'with none all ingress is allowed'],
    short: 'Ingress: not restricted · Egress: denies all',
  },
  {
    name: '`policyTypes: [Ingress, Egress]` with `egress: []`: deny all in both directions',
    text: np('podSelector: {}\npolicyTypes: [Ingress, Egress]\negress: []'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.both,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_LISTED },
    egress: { outcome: 'deny-all', text: DENY_EGRESS_LISTED },
    short: 'Ingress: denies all · Egress: denies all',
  },
  {
    name: 'policyTypes in another order is the same set',
    text: np('podSelector: {}\npolicyTypes: [Egress, Ingress]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.both,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_LISTED },
    egress: { outcome: 'deny-all', text: DENY_EGRESS_LISTED },
  },
  {
    name: '`policyTypes: []` is defaulted like an absent one (F2)',
    text: np('podSelector: {}\npolicyTypes: []\negress: [{}]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedBoth,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: { outcome: 'allow-all', text: ALLOW_ALL('egress'), rules: [{ text: ALLOW_ALL_RULE_EGRESS, peers: 'any', ports: 'all' }] },
    short: 'Ingress: denies all · Egress: allows all',
  },
  {
    name: 'egress rules with `policyTypes: [Ingress]` have no effect (W1)',
    text: np(`
      podSelector: {}
      policyTypes: [Ingress]
      ingress: [{}]
      egress:
        - to: [{ podSelector: { matchLabels: { app: db } } }]
    `),
    subject: 'every pod in namespace `shop`',
    types: TYPES.ingress,
    ingress: { outcome: 'allow-all', text: ALLOW_ALL('ingress'), rules: [{ text: ALLOW_ALL_RULE_INGRESS, peers: 'any', ports: 'all' }] },
    egress: {
      outcome: 'not-isolated',
      text: `${EGRESS_NOT_LISTED} Its 1 egress rule has no effect.`,
      rules: [
        {
          text: `Allows egress to pods with label \`app\` = \`db\` in this policy's namespace \`shop\`, on every port and protocol.${NO_EFFECT('Egress')}`,
          peers: [['pods', "pods with label `app` = `db` in this policy's namespace `shop`", [POD_ALONE]]],
          ports: 'all',
          ignored: true,
        },
      ],
    },
    short: 'Ingress: allows all · Egress: not restricted',
  },
  {
    name: 'ingress rules with `policyTypes: [Egress]` have no effect (W1)',
    text: np(`
      podSelector: {}
      policyTypes: [Egress]
      ingress:
        - from: [{ podSelector: {} }]
        - {}
    `),
    subject: 'every pod in namespace `shop`',
    types: TYPES.egress,
    ingress: {
      outcome: 'not-isolated',
      text: `${INGRESS_NOT_LISTED} Its 2 ingress rules have no effect.`,
      rules: [
        {
          text: `Allows ingress from every pod in this policy's namespace \`shop\`, on every port and protocol.${NO_EFFECT('Ingress')}`,
          peers: [['pods', "every pod in this policy's namespace `shop`", [POD_ALONE]]],
          ports: 'all',
          ignored: true,
        },
        { text: `${ALLOW_ALL_RULE_INGRESS}${NO_EFFECT('Ingress')}`, peers: 'any', ports: 'all', ignored: true },
      ],
    },
    egress: { outcome: 'deny-all', text: DENY_EGRESS_LISTED },
  },
  {
    name: '`ingress: []` written: deny all ingress, like a missing ingress',
    text: np('podSelector: { matchLabels: { app: web } }\npolicyTypes: [Ingress]\ningress: []'),
    subject: 'pods with label `app` = `web` in namespace `shop`',
    types: TYPES.ingress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_LISTED },
    egress: { outcome: 'not-isolated', text: EGRESS_NOT_LISTED },
  },
  {
    name: '`ingress: [{}]`: one unrestricted rule allows all ingress (S4, W2)',
    text: np('podSelector: {}\ningress: [{}]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'allow-all', text: ALLOW_ALL('ingress'), rules: [{ text: ALLOW_ALL_RULE_INGRESS, peers: 'any', ports: 'all' }] },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
    summary: ['Ingress: Allows all ingress'],
    short: 'Ingress: allows all · Egress: not restricted',
  },
  {
    name: '`from: []` and `ports: []` are the same as missing: allow all (S5)',
    text: np('podSelector: {}\ningress:\n  - from: []\n    ports: []'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'allow-all', text: ALLOW_ALL('ingress'), rules: [{ text: ALLOW_ALL_RULE_INGRESS, peers: 'any', ports: 'all' }] },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'deny all ingress and allow all egress in one policy',
    text: np('podSelector: {}\npolicyTypes: [Ingress, Egress]\negress:\n  - to: []'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.both,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_LISTED },
    egress: { outcome: 'allow-all', text: ALLOW_ALL('egress'), rules: [{ text: ALLOW_ALL_RULE_EGRESS, peers: 'any', ports: 'all' }] },
    summary: ['Ingress: Denies all ingress', 'Egress: Allows all egress'],
    short: 'Ingress: denies all · Egress: allows all',
  },
  {
    name: 'one allow-all rule among restricted ones makes the direction allow all (rules add up)',
    text: np(`
      podSelector: {}
      ingress:
        - from: [{ podSelector: { matchLabels: { app: a } } }]
          ports: [{ port: 80 }]
        - {}
    `),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'allow-all',
      text: ALLOW_ALL('ingress'),
      rules: [
        {
          text: "Allows ingress from pods with label `app` = `a` in this policy's namespace `shop`, on TCP 80.",
          peers: [['pods', "pods with label `app` = `a` in this policy's namespace `shop`", [POD_ALONE]]],
          ports: [['TCP 80']],
        },
        { text: ALLOW_ALL_RULE_INGRESS, peers: 'any', ports: 'all' },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },

  // --- Rules: peers × ports (S5, S6) ---
  {
    name: 'peers ORed and ports ORed, ANDed together within a rule',
    text: np(`
      podSelector: { matchLabels: { app: web } }
      ingress:
        - from:
            - podSelector: { matchLabels: { app: a } }
            - namespaceSelector: { matchLabels: { team: b } }
          ports:
            - port: 80
            - port: 443
    `),
    subject: 'pods with label `app` = `web` in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      text: "Allows ingress from (pods with label `app` = `a` in this policy's namespace `shop`) or (every pod in namespaces with label `team` = `b`), on (TCP 80) or (TCP 443). All other ingress of the selected pods is denied, unless another policy allows it.",
      rules: [
        {
          text: "Allows ingress from (pods with label `app` = `a` in this policy's namespace `shop`) or (every pod in namespaces with label `team` = `b`), on (TCP 80) or (TCP 443).",
          peers: [
            ['pods', "pods with label `app` = `a` in this policy's namespace `shop`", [POD_ALONE]],
            ['pods', 'every pod in namespaces with label `team` = `b`'],
          ],
          ports: [['TCP 80'], ['TCP 443']],
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
    short: 'Ingress: 1 allow rule · Egress: not restricted',
  },
  {
    name: 'a rule without `from`: any source inside or outside the cluster, on its ports',
    text: np('podSelector: {}\ningress:\n  - ports: [{ port: 8080 }]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [{ text: `Allows ingress from ${ANY_SOURCE}, on TCP 8080.`, peers: 'any', ports: [['TCP 8080']] }],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'a rule without `ports`: every port and protocol of its peers',
    text: np('podSelector: {}\ningress:\n  - from: [{ namespaceSelector: { matchLabels: { team: ops } } }]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: 'Allows ingress from every pod in namespaces with label `team` = `ops`, on every port and protocol.',
          peers: [['pods', 'every pod in namespaces with label `team` = `ops`']],
          ports: 'all',
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'an extra `-` before ports splits one rule in two (peers on all ports, everyone on the ports)',
    text: np(`
      podSelector: {}
      ingress:
        - from: [{ podSelector: { matchLabels: { app: a } } }]
        - ports: [{ port: 80 }]
    `),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      text: `Allows ingress from pods with label \`app\` = \`a\` in this policy's namespace \`shop\`, on every port and protocol; or ingress from ${ANY_SOURCE}, on TCP 80. All other ingress of the selected pods is denied, unless another policy allows it.`,
      rules: [
        {
          text: "Allows ingress from pods with label `app` = `a` in this policy's namespace `shop`, on every port and protocol.",
          peers: [['pods', "pods with label `app` = `a` in this policy's namespace `shop`", [POD_ALONE]]],
          ports: 'all',
        },
        { text: `Allows ingress from ${ANY_SOURCE}, on TCP 80.`, peers: 'any', ports: [['TCP 80']] },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
    short: 'Ingress: 2 allow rules · Egress: not restricted',
  },
  {
    name: '`podSelector: {}` as a peer: every pod, but only of the policy namespace',
    text: np('podSelector: {}\ningress:\n  - from: [{ podSelector: {} }]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: "Allows ingress from every pod in this policy's namespace `shop`, on every port and protocol.",
          peers: [['pods', "every pod in this policy's namespace `shop`", [POD_ALONE]]],
          ports: 'all',
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'namespaceSelector and podSelector in one peer: AND, with the note that two items would be OR',
    text: np(`
      podSelector: {}
      ingress:
        - from:
            - namespaceSelector: { matchLabels: { team: web } }
              podSelector: { matchLabels: { role: frontend } }
    `),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: 'Allows ingress from pods with label `role` = `frontend` in namespaces with label `team` = `web`, on every port and protocol.',
          peers: [
            ['pods', 'pods with label `role` = `frontend` in namespaces with label `team` = `web`', [`${AND_NOTE} Written ${OR_NOTE}`]],
          ],
          ports: 'all',
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'namespaceSelector and podSelector as two list items: OR (W3)',
    text: np(`
      podSelector: {}
      ingress:
        - from:
            - namespaceSelector: { matchLabels: { team: web } }
            - podSelector: { matchLabels: { role: frontend } }
    `),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: "Allows ingress from (every pod in namespaces with label `team` = `web`) or (pods with label `role` = `frontend` in this policy's namespace `shop`), on every port and protocol.",
          peers: [
            ['pods', 'every pod in namespaces with label `team` = `web`'],
            ['pods', "pods with label `role` = `frontend` in this policy's namespace `shop`", [POD_ALONE]],
          ],
          ports: 'all',
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: '`namespaceSelector: {}`: every pod of every namespace (not outside the cluster)',
    text: np('podSelector: {}\ningress:\n  - from: [{ namespaceSelector: {} }]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: 'Allows ingress from every pod in every namespace, on every port and protocol.',
          peers: [['pods', 'every pod in every namespace', [ALL_NAMESPACES]]],
          ports: 'all',
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: '`namespaceSelector: {}` with a podSelector: those pods in every namespace',
    text: np(`
      podSelector: {}
      ingress:
        - from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: prometheus } } }]
          ports: [{ port: 9090 }]
    `),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: 'Allows ingress from pods with label `app` = `prometheus` in every namespace, on TCP 9090.',
          peers: [['pods', 'pods with label `app` = `prometheus` in every namespace', [AND_NOTE]]],
          ports: [['TCP 9090']],
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'a namespaceSelector with `podSelector: {}` in the same peer: every pod of those namespaces',
    text: np('podSelector: {}\ningress:\n  - from: [{ namespaceSelector: { matchLabels: { team: a } }, podSelector: {} }]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: 'Allows ingress from every pod in namespaces with label `team` = `a`, on every port and protocol.',
          peers: [['pods', 'every pod in namespaces with label `team` = `a`']],
          ports: 'all',
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'namespaces selected with NotIn and Exists',
    text: np(`
      podSelector: {}
      ingress:
        - from:
            - namespaceSelector:
                matchExpressions:
                  - { key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system] }
                  - { key: team, operator: Exists }
    `),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: 'Allows ingress from every pod in namespaces with no label `kubernetes.io/metadata.name` with value `kube-system` (objects without `kubernetes.io/metadata.name` match too) and label `team` (any value), on every port and protocol.',
          peers: [
            [
              'pods',
              'every pod in namespaces with no label `kubernetes.io/metadata.name` with value `kube-system` (objects without `kubernetes.io/metadata.name` match too) and label `team` (any value)',
            ],
          ],
          ports: 'all',
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'egress to kube-dns by namespace name, UDP and TCP 53 (S6, S8)',
    text: np(`
      podSelector: {}
      policyTypes: [Egress]
      egress:
        - to:
            - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }
              podSelector: { matchLabels: { k8s-app: kube-dns } }
          ports:
            - { port: 53, protocol: UDP }
            - { port: 53, protocol: TCP }
    `),
    subject: 'every pod in namespace `shop`',
    types: TYPES.egress,
    ingress: { outcome: 'not-isolated', text: INGRESS_NOT_LISTED },
    egress: {
      outcome: 'restricted',
      text: 'Allows egress to pods with label `k8s-app` = `kube-dns` in namespaces with label `kubernetes.io/metadata.name` = `kube-system`, on (UDP 53) or (TCP 53). All other egress of the selected pods is denied, unless another policy allows it.',
      rules: [
        {
          text: 'Allows egress to pods with label `k8s-app` = `kube-dns` in namespaces with label `kubernetes.io/metadata.name` = `kube-system`, on (UDP 53) or (TCP 53).',
          peers: [
            [
              'pods',
              'pods with label `k8s-app` = `kube-dns` in namespaces with label `kubernetes.io/metadata.name` = `kube-system`',
              [AND_NOTE],
            ],
          ],
          ports: [['UDP 53'], ['TCP 53']],
        },
      ],
    },
    short: 'Ingress: not restricted · Egress: 1 allow rule',
  },
  {
    name: 'egress rule without `to`: any destination, on its ports',
    text: np('podSelector: {}\npolicyTypes: [Egress]\negress:\n  - ports: [{ port: 53, protocol: UDP }]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.egress,
    ingress: { outcome: 'not-isolated', text: INGRESS_NOT_LISTED },
    egress: {
      outcome: 'restricted',
      rules: [{ text: `Allows egress to ${ANY_DESTINATION}, on UDP 53.`, peers: 'any', ports: [['UDP 53']] }],
    },
  },

  // --- ipBlock (S7, W5) ---
  {
    name: 'ipBlock with except: the cidr minus each except, with the ipBlock note',
    text: np(`
      podSelector: {}
      ingress:
        - from: [{ ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16, 10.2.0.0/16] } }]
    `),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: 'Allows ingress from addresses in `10.0.0.0/8` except `10.1.0.0/16` and `10.2.0.0/16`, on every port and protocol.',
          peers: [['ipBlock', 'addresses in `10.0.0.0/8` except `10.1.0.0/16` and `10.2.0.0/16`', [IPBLOCK]]],
          ports: 'all',
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: '0.0.0.0/0 is not IPv6: the dual-stack note',
    text: np(`
      podSelector: {}
      policyTypes: [Egress]
      egress:
        - to: [{ ipBlock: { cidr: 0.0.0.0/0, except: [169.254.169.254/32] } }]
          ports: [{ port: 443 }]
    `),
    subject: 'every pod in namespace `shop`',
    types: TYPES.egress,
    ingress: { outcome: 'not-isolated', text: INGRESS_NOT_LISTED },
    egress: {
      outcome: 'restricted',
      rules: [
        {
          text: 'Allows egress to addresses in `0.0.0.0/0` except `169.254.169.254/32`, on TCP 443.',
          peers: [['ipBlock', 'addresses in `0.0.0.0/0` except `169.254.169.254/32`', [IPBLOCK, IPV6]]],
          ports: [['TCP 443']],
        },
      ],
    },
  },
  {
    name: '0.0.0.0/0 and ::/0 on every port are still not "allow all" (pods are matched by selectors)',
    text: np(`
      podSelector: {}
      policyTypes: [Egress]
      egress:
        - to: [{ ipBlock: { cidr: 0.0.0.0/0 } }, { ipBlock: { cidr: '::/0' } }]
    `),
    subject: 'every pod in namespace `shop`',
    types: TYPES.egress,
    ingress: { outcome: 'not-isolated', text: INGRESS_NOT_LISTED },
    egress: {
      outcome: 'restricted',
      rules: [
        {
          text: 'Allows egress to (addresses in `0.0.0.0/0`) or (addresses in `::/0`), on every port and protocol.',
          peers: [
            ['ipBlock', 'addresses in `0.0.0.0/0`', [IPBLOCK, IPV6]],
            ['ipBlock', 'addresses in `::/0`', [IPBLOCK]],
          ],
          ports: 'all',
        },
      ],
    },
  },

  // --- Ports (F1, S8) ---
  {
    name: 'protocol defaults to TCP; UDP, SCTP (with its note), protocol without port',
    text: np(`
      podSelector: {}
      ingress:
        - ports:
            - port: 80
            - { port: 53, protocol: UDP }
            - { port: 9, protocol: SCTP }
            - protocol: UDP
    `),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: `Allows ingress from ${ANY_SOURCE}, on (TCP 80) or (UDP 53) or (SCTP 9) or (every UDP port).`,
          peers: 'any',
          ports: [['TCP 80'], ['UDP 53'], ['SCTP 9', [SCTP]], ['every UDP port']],
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'endPort: an inclusive range with its note; endPort equal to port is one port',
    text: np(`
      podSelector: {}
      ingress:
        - ports:
            - { port: 32000, endPort: 32768 }
            - { port: 8000, endPort: 8000, protocol: UDP }
    `),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: `Allows ingress from ${ANY_SOURCE}, on (TCP 32000–32768) or (UDP 8000).`,
          peers: 'any',
          ports: [['TCP 32000–32768', [END_PORT]], ['UDP 8000']],
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'named ports resolved on the selected pods (ingress), by name and protocol',
    text: np(`
      podSelector: { matchLabels: { app: web } }
      ingress:
        - ports: [{ port: http }, { port: dns, protocol: UDP }]
    `),
    files: WORKLOADS,
    subject: 'pods with label `app` = `web` in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: `Allows ingress from ${ANY_SOURCE}, on (TCP port named \`http\` (8080 on Deployment web)) or (UDP port named \`dns\` (5353 on Deployment web)).`,
          peers: 'any',
          ports: [
            ['TCP port named `http` (8080 on Deployment web)', [NAMED]],
            ['UDP port named `dns` (5353 on Deployment web)', [NAMED]],
          ],
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'named ports no selected container declares (other name, or other protocol)',
    text: np(`
      podSelector: { matchLabels: { app: web } }
      ingress:
        - ports: [{ port: metrics }, { port: http, protocol: UDP }]
    `),
    files: WORKLOADS,
    subject: 'pods with label `app` = `web` in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: `Allows ingress from ${ANY_SOURCE}, on (TCP port named \`metrics\` ${NOT_DECLARED}) or (UDP port named \`http\` ${NOT_DECLARED}).`,
          peers: 'any',
          ports: [
            [`TCP port named \`metrics\` ${NOT_DECLARED}`, [NAMED]],
            [`UDP port named \`http\` ${NOT_DECLARED}`, [NAMED]],
          ],
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'a named port without workspace knowledge stays unresolved',
    text: np('podSelector: { matchLabels: { app: web } }\ningress:\n  - ports: [{ port: http }]'),
    subject: 'pods with label `app` = `web` in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: `Allows ingress from ${ANY_SOURCE}, on TCP port named \`http\`.`,
          peers: 'any',
          ports: [['TCP port named `http`', [NAMED]]],
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'a quoted number is a named port (D3), not a port number',
    text: np(`podSelector: {}\ningress:\n  - ports: [{ port: "8080" }]`),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: `Allows ingress from ${ANY_SOURCE}, on TCP port named \`8080\`.`,
          peers: 'any',
          ports: [['TCP port named `8080`', [NAMED]]],
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
  },
  {
    name: 'egress named ports resolved on the destination pods, across namespaces',
    text: np(`
      podSelector: { matchLabels: { app: web } }
      policyTypes: [Egress]
      egress:
        - to:
            - namespaceSelector: { matchLabels: { team: backend } }
              podSelector: { matchLabels: { app: api } }
          ports: [{ port: grpc }]
        - ports: [{ port: grpc }]
    `),
    files: WORKLOADS,
    subject: 'pods with label `app` = `web` in namespace `shop`',
    types: TYPES.egress,
    ingress: { outcome: 'not-isolated', text: INGRESS_NOT_LISTED },
    egress: {
      outcome: 'restricted',
      rules: [
        {
          text: 'Allows egress to pods with label `app` = `api` in namespaces with label `team` = `backend`, on TCP port named `grpc` (9090 on Deployment api).',
          peers: [['pods', 'pods with label `app` = `api` in namespaces with label `team` = `backend`', [AND_NOTE]]],
          ports: [['TCP port named `grpc` (9090 on Deployment api)', [NAMED]]],
        },
        // Any destination: the pods the name refers to are not known.
        {
          text: `Allows egress to ${ANY_DESTINATION}, on TCP port named \`grpc\`.`,
          peers: 'any',
          ports: [['TCP port named `grpc`', [NAMED]]],
        },
      ],
    },
    short: 'Ingress: not restricted · Egress: 2 allow rules',
  },

  // --- Namespace, other policies ---
  {
    name: 'without metadata.namespace: the default namespace, and the summary says so',
    text: policy('podSelector: {}'),
    subject: 'every pod in namespace `default`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
    summary: [
      'Applies to every pod in namespace `default` (metadata.namespace is not written: it applies in the namespace kubectl points at, here assumed `default`).',
    ],
  },
  {
    name: 'other policies of the namespace that select some of the same pods',
    text: np('podSelector: { matchLabels: { app: web } }\ningress: [{ from: [{ podSelector: {} }] }]', 'web'),
    files: { ...OTHER_POLICIES, 'web.np.yaml': np('podSelector: { matchLabels: { app: web } }', 'web') },
    subject: 'pods with label `app` = `web` in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: "Allows ingress from every pod in this policy's namespace `shop`, on every port and protocol.",
          peers: [['pods', "every pod in this policy's namespace `shop`", [POD_ALONE]]],
          ports: 'all',
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
    others: ['deny-all (deny-all.yaml:4)', 'web-egress (web-egress.yaml:4)'],
    summary: [
      '2 other policies of the workspace also apply to some of these pods: deny-all (deny-all.yaml:4), web-egress (web-egress.yaml:4).',
    ],
  },
  {
    name: 'a policy for every pod shares its pods with every other (readable) policy of the namespace',
    text: np('podSelector: {}', 'default-deny'),
    files: OTHER_POLICIES,
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
    others: ['deny-all (deny-all.yaml:4)', 'web-egress (web-egress.yaml:4)', 'db-only (db.yaml:4)'],
  },
  {
    name: 'a policy for pods no other policy selects',
    text: np('podSelector: { matchLabels: { app: api } }', 'api', 'backend'),
    files: OTHER_POLICIES,
    subject: 'pods with label `app` = `api` in namespace `backend`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
    others: [],
  },

  // --- Partial policies: a wrong type, a value the API server rejects ---
  {
    name: 'partial: rules of the wrong type (a forgotten `- `)',
    text: np('podSelector: {}\ningress:\n  from: [{ podSelector: {} }]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
    partial: true,
  },
  {
    name: 'partial: a podSelector of the wrong type matches nothing',
    text: np('podSelector: { matchLabels: [app] }'),
    subject: `no pod ${UNREADABLE} in namespace \`shop\``,
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
    partial: true,
  },
  {
    name: 'partial: an unquoted boolean label value cannot be decoded (W8)',
    text: np('podSelector: { matchLabels: { enabled: true } }'),
    subject: `no pod ${UNREADABLE} in namespace \`shop\``,
    types: TYPES.computedIngress,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
    partial: true,
  },
  {
    name: 'partial: an empty peer `{}` is rejected, so the rule allows nothing',
    text: np('podSelector: {}\ningress:\n  - from: [{}]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      text: 'Allows no ingress (none of its peers can be read). All other ingress of the selected pods is denied, unless another policy allows it.',
      rules: [{ text: 'Allows no ingress (none of its peers can be read).', peers: [], ports: 'all' }],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
    partial: true,
  },
  {
    name: 'partial: a rule whose only port has an unknown protocol allows nothing',
    text: np('podSelector: {}\ningress:\n  - from: [{ podSelector: {} }]\n    ports: [{ port: 80, protocol: HTTP }]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedIngress,
    ingress: {
      outcome: 'restricted',
      rules: [
        {
          text: 'Allows no ingress (none of its ports can be read).',
          peers: [['pods', "every pod in this policy's namespace `shop`", [POD_ALONE]]],
          ports: [],
        },
      ],
    },
    egress: NOT_INGRESS_EGRESS_COMPUTED,
    partial: true,
  },
  {
    name: 'partial: egress entries that cannot be read still make the computed policyTypes include Egress',
    text: np('podSelector: {}\negress: [5]'),
    subject: 'every pod in namespace `shop`',
    types: TYPES.computedBoth,
    ingress: { outcome: 'deny-all', text: DENY_INGRESS_COMPUTED },
    egress: {
      outcome: 'deny-all',
      text: 'Denies all egress as far as it can be read: Egress is part of the computed policyTypes because `egress` has entries, but none of them can be read.',
    },
    partial: true,
  },
];

function checkNotes(notes: readonly string[], expected: readonly string[] = [], what: string): void {
  expect(notes, what).toHaveLength(expected.length);
  expected.forEach((fragment, i) => expect(notes[i], what).toContain(fragment));
}

function checkDirection(got: DirectionExplanation, want: DirectionCase, name: string): void {
  expect(got.outcome, `${name}: outcome`).toBe(want.outcome);
  // S2: a direction is isolated exactly when this policy's policyTypes has it.
  expect(got.isolated, `${name}: isolated`).toBe(want.outcome !== 'not-isolated');
  if (want.text !== undefined) expect(got.text, `${name}: text`).toBe(want.text);
  const rules = want.rules ?? [];
  expect(got.rules, `${name}: rules`).toHaveLength(rules.length);
  rules.forEach((rule, i) => {
    const actual = got.rules[i]!;
    const what = `${name}: rule ${i}`;
    expect(actual.index, what).toBe(i);
    expect(actual.direction, what).toBe(got.direction);
    expect(actual.text, what).toBe(rule.text);
    expect(actual.ignored, what).toBe(rule.ignored ?? false);
    if (rule.peers === 'any') expect(actual.peers, what).toBe('any');
    else {
      expect(actual.peers, what).not.toBe('any');
      const peers = actual.peers === 'any' ? [] : actual.peers;
      expect(
        peers.map((peer) => [peer.kind, peer.text]),
        what,
      ).toEqual(rule.peers.map(([kind, text]) => [kind, text]));
      rule.peers.forEach(([, , notes], j) => {
        expect(peers[j]!.index, what).toBe(j);
        checkNotes(peers[j]!.notes, notes, `${what}, peer ${j}`);
      });
    }
    if (rule.ports === 'all') expect(actual.ports, what).toBe('all');
    else {
      expect(actual.ports, what).not.toBe('all');
      const ports = actual.ports === 'all' ? [] : actual.ports;
      expect(
        ports.map((port) => port.text),
        what,
      ).toEqual(rule.ports.map(([text]) => text));
      rule.ports.forEach(([, notes], j) => checkNotes(ports[j]!.notes, notes, `${what}, port ${j}`));
    }
  });
  if (want.outcome === 'restricted') {
    // The union of the rules (S2), and everything else denied unless another policy allows it.
    const Direction = got.direction;
    expect(got.text, name).toBe(
      `Allows ${got.rules.map((rule) => rule.text.replace(/^Allows /, '').replace(/\.$/, '')).join('; or ')}. All other ${Direction} of the selected pods is denied, unless another policy allows it.`,
    );
  }
}

function checkCase(c: Case): PolicyExplanation {
  const { explanation: x } = only(c.text, c.files);
  expect(x.subject.text, 'subject').toBe(c.subject);
  expect(x.subject.everything, 'subject.everything').toBe(c.subject.startsWith('every pod in namespace'));
  expect({ ingress: x.policyTypes.ingress, egress: x.policyTypes.egress, explicit: x.policyTypes.explicit }, 'policyTypes').toEqual(
    c.types,
  );
  expect(x.policyTypes.text, 'policyTypes text').toBe(typesText(c.types));
  expect(x.partial, 'partial').toBe(c.partial ?? false);
  expect(x.others, 'others').toEqual(c.others ?? []);
  checkDirection(x.ingress, c.ingress, 'ingress');
  checkDirection(x.egress, c.egress, 'egress');
  // Every summary: the subject, both directions, and how policies combine.
  expect(x.summary).toContain(`Applies to ${c.subject}`);
  expect(x.summary).toContain(`Ingress: ${x.ingress.text}`);
  expect(x.summary).toContain(`Egress: ${x.egress.text}`);
  expect(x.summary).toContain('no policy can deny what another allows');
  if (!x.others.length) expect(x.summary).not.toContain('of the workspace also appl');
  for (const phrase of c.summary ?? []) expect(x.summary).toContain(phrase);
  if (c.short !== undefined) expect(shortSummary(x)).toBe(c.short);
  return x;
}

describe('policy explanations: a table of tricky policies', () => {
  it('has at least 45 policies, each with a distinct name', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(45);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    checkCase(c);
  });
});

describe('selector wording (requirementPhrase)', () => {
  it.each([
    [{ key: 'app', operator: 'In', values: ['web'] }, 'label `app` = `web`'],
    [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, 'label `tier` with value `a` or `b`'],
    [{ key: 'env', operator: 'NotIn', values: ['prod'] }, 'no label `env` with value `prod` (objects without `env` match too)'],
    [{ key: 'x', operator: 'Exists', values: [] }, 'label `x` (any value)'],
    [{ key: 'x', operator: 'DoesNotExist', values: [] }, 'no label `x`'],
    [{ key: 'w', operator: 'NotIn', values: [] }, 'label `w` with `NotIn` and no values (rejected: `NotIn` needs values)'],
  ] as const)('%j reads "%s"', (requirement, text) => {
    expect(requirementPhrase(requirement)).toBe(text);
  });

  it('quotes values that hold backticks in a longer code span', () => {
    expect(requirementPhrase({ key: 'a', operator: 'In', values: ['x`y'] })).toBe('label `a` = ``x`y``');
  });
});

describe('peers and ports on their own', () => {
  it('explains a podSelector-alone peer in the namespace it is given', () => {
    const peer = explainPeer({ kind: 'pods', namespaces: 'own', pods: EVERYTHING }, 2, 'team');
    expect(peer).toMatchObject({ index: 2, kind: 'pods', text: "every pod in this policy's namespace `team`" });
  });

  it('notes the IPv6 gap only for the IPv4 default route', () => {
    expect(explainPeer({ kind: 'ipBlock', cidr: '0.0.0.0/0', except: [] }, 0, 'x').notes).toHaveLength(2);
    expect(explainPeer({ kind: 'ipBlock', cidr: '0.0.0.0/1', except: [] }, 0, 'x').notes).toHaveLength(1);
    expect(explainPeer({ kind: 'ipBlock', cidr: '::/0', except: [] }, 0, 'x').notes).toHaveLength(1);
  });

  it('explains a port without workloads to resolve it against', () => {
    expect(explainPort({ protocol: 'SCTP' }, [])).toEqual({ text: 'every SCTP port', notes: [SCTP] });
    expect(explainPort({ protocol: 'TCP', port: 'http' }, []).text).toBe('TCP port named `http`');
    expect(explainPort({ protocol: 'TCP', port: 80, endPort: 90 }, []).text).toBe('TCP 80–90');
  });
});

describe('the whole file', () => {
  it('explains every policy of a multi-document file and of a NetworkPolicyList, in order', () => {
    const list = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicyList
      items:
        - metadata: { name: a, namespace: x }
          spec: { podSelector: {} }
        - metadata: { name: b, namespace: x }
          spec: { podSelector: {}, policyTypes: [Egress] }
    `;
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: not-a-policy }\n';
    const text = [list, configMap, np('podSelector: {}\ningress: [{}]', 'c', 'team-c')].join('---\n');
    const all = explainAll(text);
    expect(all.map((p) => [p.document, p.path, p.explanation.name, p.explanation.namespace])).toEqual([
      [0, 'items[0]', 'a', 'x'],
      [0, 'items[1]', 'b', 'x'],
      [2, '', 'c', 'team-c'],
    ]);
    expect(all.map((p) => shortSummary(p.explanation))).toEqual([
      'Ingress: denies all · Egress: not restricted',
      'Ingress: not restricted · Egress: denies all',
      'Ingress: allows all · Egress: not restricted',
    ]);
  });

  it('assumes the configured default namespace for a policy without one', () => {
    const settings = settingsFor({ cluster: { ...DEFAULT_CLUSTER, defaultNamespace: 'team' } });
    const { explanation } = only(policy('podSelector: {}'), {}, settings);
    expect(explanation).toMatchObject({ namespace: 'team', namespaceGiven: false });
    expect(explanation.subject.text).toBe('every pod in namespace `team`');
    expect(explanation.summary).toContain('here assumed `team`');
  });

  it('lists no other policies without a workspace', () => {
    expect(only(np('podSelector: {}', 'web')).explanation.others).toEqual([]);
  });

  it('names one other policy in the singular', () => {
    const files = { ...WORKLOADS, 'deny-all.yaml': np('podSelector: {}', 'deny-all') };
    const { explanation } = only(np('podSelector: { matchLabels: { app: web } }', 'web'), files);
    expect(explanation.summary).toContain(
      '1 other policy of the workspace also applies to some of these pods: deny-all (deny-all.yaml:4).',
    );
  });
});

describe('Describe Policy (describeMarkdown) and the plain summary', () => {
  const RESTRICTED = np(
    `
      podSelector: { matchLabels: { app: web } }
      ingress:
        - from:
            - namespaceSelector: { matchLabels: { team: web } }
              podSelector: { matchLabels: { role: frontend } }
            - ipBlock: { cidr: 0.0.0.0/0 }
          ports: [{ port: 80 }, { port: 443 }]
    `,
    'web',
  );
  const SUBJECT = 'pods with label `app` = `web` in namespace `shop`';

  it('describes a restricted policy with its rules, notes and explain table', () => {
    const markdown = describeMarkdown(only(RESTRICTED));
    expect(markdown).toContain('# NetworkPolicy `web`');
    expect(markdown).toContain('Namespace `shop`.');
    expect(markdown).not.toContain('cannot be read');
    expect(markdown).toContain('## Summary');
    expect(markdown).toContain('## Selected pods\n\nPods with label `app` = `web` in namespace `shop`.');
    expect(markdown).toContain(`## Policy types\n\n${typesText(TYPES.computedIngress)}`);
    expect(markdown).toContain(
      '1. Allows ingress from (pods with label `role` = `frontend` in namespaces with label `team` = `web`) or (addresses in `0.0.0.0/0`), on (TCP 80) or (TCP 443).',
    );
    expect(markdown).toContain(`   - *${AND_NOTE}`);
    expect(markdown).toContain(`   - *${IPV6}*`);
    expect(markdown).toContain('Policies add up');
    expect(markdown).toContain('no policy can deny what another allows');
    const table = markdown.slice(markdown.indexOf('## Explain table'));
    expect(
      table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Direction') && !line.startsWith('| ---')),
    ).toEqual([
      `| Ingress | ${SUBJECT} | pods with label \`role\` = \`frontend\` in namespaces with label \`team\` = \`web\` | TCP 80, TCP 443 | allow (spec.ingress[0]) |`,
      `| Ingress | ${SUBJECT} | addresses in \`0.0.0.0/0\` | TCP 80, TCP 443 | allow (spec.ingress[0]) |`,
      `| Ingress | ${SUBJECT} | anything else | any | deny |`,
      `| Egress | ${SUBJECT} | any | any | not restricted by this policy |`,
    ]);
  });

  it('gives a rule whose ports cannot be read no allow row', () => {
    const markdown = describeMarkdown(
      only(np('podSelector: {}\ningress:\n  - from: [{ podSelector: {} }]\n    ports: [{ port: 80, protocol: HTTP }]')),
    );
    const rows = markdown.split('\n').filter((line) => line.startsWith('| Ingress'));
    expect(rows).toEqual(['| Ingress | every pod in namespace `shop` | anything else | any | deny |']);
  });

  it('puts only a deny row for a deny-all direction, and none for an allow-all one', () => {
    const markdown = describeMarkdown(only(np('podSelector: {}\npolicyTypes: [Ingress, Egress]\negress: [{}]')));
    const subject = 'every pod in namespace `shop`';
    expect(markdown).toContain(`| Ingress | ${subject} | anything else | any | deny |`);
    expect(markdown).toContain(`| Egress | ${subject} | any destination | all ports and protocols | allow (spec.egress[0]) |`);
    expect(markdown).not.toContain(`| Egress | ${subject} | anything else | any | deny |`);
    expect(markdown).toContain('## Ingress\n\nDenies all ingress');
    expect(markdown).toContain('## Egress\n\nAllows all egress');
  });

  it('says where a policy without namespace applies, and when part of it cannot be read', () => {
    const markdown = describeMarkdown(only(policy('podSelector: {}\ningress:\n  from: []')));
    expect(markdown).toContain('Namespace `default` (not written: kubectl applies it in the namespace of its context).');
    expect(markdown).toContain('> Part of this policy cannot be read (see its errors): this report covers what can be read.');
  });

  it('prints the summary as plain text without code spans', () => {
    const plain = plainSummary(only(RESTRICTED));
    expect(plain.startsWith('NetworkPolicy shop/web\nApplies to pods with label app = web in namespace shop.')).toBe(true);
    expect(plain).not.toContain('`');
    expect(plain).toContain(
      'Allows ingress from (pods with label role = frontend in namespaces with label team = web) or (addresses in 0.0.0.0/0)',
    );
  });
});
