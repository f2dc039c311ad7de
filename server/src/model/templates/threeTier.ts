import type { JsonObject } from '../json';
import { dnsEgressRule, networkPolicy } from '../recipes';
import { intendedForSources, EVERYWHERE } from './allowFromInternet';
import type { Labels, PolicyPort } from './options';
import { ipBlockPeers, NAMESPACE, podSelector, rule } from './shapes';
import { OptionError, type GeneratedPolicy, type PolicyTemplate, type TemplateParameter } from './template';

function labels(id: string, title: string, what: string, fallback: string, optional = false): TemplateParameter {
  return { id, title, description: `The labels of the ${what} pods.`, kind: 'labels', optional, default: fallback };
}

interface Tier {
  readonly key: string;
  readonly labels: Labels;
  readonly ports: readonly PolicyPort[];
}

/** Whether a selector of labels `a` picks the pods labelled `b` (every pair of `a` is in `b`). */
function covers(a: Labels, b: Labels): boolean {
  return Object.entries(a).every(([key, value]) => b[key] === value);
}

export const threeTier: PolicyTemplate = {
  id: 'three-tier',
  title: 'Three-tier web application',
  description:
    'One policy per tier, each isolating its pods in both directions. The web tier accepts connections from everywhere on its ports (80 and 443) and may connect only to the app tier; the app tier accepts connections only from the web tier on its ports and may connect only to the database; the database accepts connections only from the app tier on its port and connects nowhere. Every tier may query cluster DNS; nothing may connect outside the cluster, and no tier can skip the one in front of it (the web tier cannot reach the database). Leave the app tier labels empty for a two-tier application: then the database accepts connections only from the web tier.',
  parameters: [
    NAMESPACE,
    {
      id: 'name',
      title: 'Application name',
      description: 'Prefix of the policy names (<name>-web, <name>-app, <name>-db).',
      kind: 'name',
      optional: false,
      default: 'webapp',
    },
    labels('webLabels', 'Web tier labels', 'web tier', 'tier=web'),
    {
      id: 'webPorts',
      title: 'Web tier ports',
      description: 'The ports the web tier serves to everyone.',
      kind: 'ports',
      optional: false,
      default: '80, 443',
    },
    labels('appLabels', 'App tier labels', 'application tier (empty: no app tier, the web tier talks to the database)', 'tier=app', true),
    {
      id: 'appPorts',
      title: 'App tier ports',
      description: 'The ports the app tier serves to the web tier.',
      kind: 'ports',
      optional: false,
      default: '8080',
    },
    labels('dbLabels', 'Database labels', 'database', 'tier=db'),
    {
      id: 'dbPort',
      title: 'Database port',
      description: 'The port the database serves on.',
      kind: 'port',
      optional: false,
      default: '5432',
    },
  ],
  build(values, context) {
    const namespace = values.value('namespace', 'namespace');
    const app = values.value('name', 'name');
    const web: Tier = { key: 'web', labels: values.value('webLabels', 'labels'), ports: values.value('webPorts', 'ports') };
    const appLabels = values.value('appLabels', 'labels');
    const db: Tier = { key: 'db', labels: values.value('dbLabels', 'labels'), ports: [values.value('dbPort', 'port')] };
    const tiers: Tier[] = Object.keys(appLabels).length
      ? [web, { key: 'app', labels: appLabels, ports: values.value('appPorts', 'ports') }, db]
      : [web, db];
    const ids: Record<string, string> = { web: 'webLabels', app: 'appLabels', db: 'dbLabels' };
    // A tier whose selector also picks another tier's pods would give them its policy too.
    tiers.forEach((tier, i) => {
      const other = tiers.slice(0, i).find((o) => covers(o.labels, tier.labels) || covers(tier.labels, o.labels));
      if (other) {
        throw new OptionError(
          ids[tier.key]!,
          `Each tier needs labels of its own: the ${other.key} tier's selector and this one's would pick the same pods`,
        );
      }
    });
    const dns = dnsEgressRule(context.dns);
    return tiers.map((tier, i): GeneratedPolicy => {
      const previous = tiers[i - 1];
      const next = tiers[i + 1];
      const from: JsonObject[] = previous ? [{ podSelector: podSelector(previous.labels) }] : ipBlockPeers(EVERYWHERE);
      const egress = next ? [rule('to', [{ podSelector: podSelector(next.labels) }], next.ports), dns] : [dns];
      const policy = networkPolicy(`${app}-${tier.key}`, namespace, {
        podSelector: podSelector(tier.labels),
        policyTypes: ['Ingress', 'Egress'],
        ingress: [rule('from', from, tier.ports)],
        egress,
      });
      if (previous) return { policy };
      return { policy, intended: { ids: intendedForSources(EVERYWHERE).ids, reason: 'Every source is intended: the web tier is public.' } };
    });
  },
};
