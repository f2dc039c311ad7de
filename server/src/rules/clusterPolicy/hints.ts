import { ACTIONS, TIERS, type ClusterPolicyKind } from '../../model/clusterPolicy/api';
import type { FieldError } from './fieldErrors';

/**
 * Advice after the API server's text of a cluster policy error: what to write instead, and
 * the facts a quick fix needs (`suggestion`: the value to write).
 */
export interface Hint {
  readonly hint?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

function last(error: FieldError): string | number | undefined {
  return error.path[error.path.length - 1];
}

/** The enum value a wrong one means: the same word in another case, or the other version's name of an action. */
function enumSuggestion(value: unknown, supported: readonly string[], kind: ClusterPolicyKind): string | undefined {
  if (typeof value !== 'string') return undefined;
  const sameCase = supported.find((s) => s.toLowerCase() === value.trim().toLowerCase());
  if (sameCase) return sameCase;
  const lower = value.trim().toLowerCase();
  if (lower === 'allow' && supported.includes('Accept')) return 'Accept';
  if (lower === 'accept' && supported.includes('Allow')) return 'Allow';
  if (kind !== 'ClusterNetworkPolicy' && (lower === 'drop' || lower === 'reject')) return 'Deny';
  return undefined;
}

function actionHint(error: FieldError, kind: ClusterPolicyKind): Hint {
  const supported = ACTIONS[kind];
  const suggestion = enumSuggestion(error.value, supported, kind);
  const value = typeof error.value === 'string' ? error.value.trim().toLowerCase() : '';
  let hint: string;
  if (suggestion === 'Accept' && value === 'allow')
    hint = 'In v1alpha2 the action that admits traffic is "Accept" (v1alpha1 called it "Allow")';
  else if (suggestion === 'Allow' && value === 'accept')
    hint = 'In v1alpha1 the action that admits traffic is "Allow" ("Accept" is its v1alpha2 name)';
  else if (kind === 'BaselineAdminNetworkPolicy' && value === 'pass')
    hint = 'A BaselineAdminNetworkPolicy rule can only Allow or Deny: after the Baseline tier there is no tier to pass to';
  else if (suggestion) hint = `Actions are case-sensitive: write "${suggestion}"`;
  else
    hint = `Use ${supported
      .map((a) => `"${a}"`)
      .join(', ')
      .replace(/, ([^,]*)$/, ' or $1')}`;
  return { hint, ...(suggestion ? { data: { suggestion } } : {}) };
}

/** A `pods` subject or peer without one of its selectors. */
function selectorRequired(segment: string | number | undefined, kind: ClusterPolicyKind): Hint {
  if (segment === 'namespaceSelector')
    return { hint: 'In v1alpha1 pods needs a namespaceSelector too: namespaceSelector: {} selects every namespace' };
  if (segment === 'podSelector') {
    return {
      hint:
        kind === 'ClusterNetworkPolicy'
          ? 'pods needs a podSelector (podSelector: {} selects every pod); for every pod of some namespaces use namespaces instead'
          : 'pods needs a podSelector (podSelector: {} selects every pod); for every pod of some namespaces use namespaces: <selector> instead',
    };
  }
  return {};
}

/** The hint of an error, by the rule it is reported under. */
export function hintFor(error: FieldError, kind: ClusterPolicyKind): Hint {
  const segment = last(error);
  switch (error.ruleId) {
    case 'cluster-tier': {
      if (error.type === 'Required') return { hint: 'Add tier: Admin (evaluated before NetworkPolicies) or tier: Baseline (after them)' };
      const suggestion = enumSuggestion(error.value, TIERS, kind);
      return suggestion
        ? { hint: `Tiers are case-sensitive: write "${suggestion}"`, data: { suggestion } }
        : {
            hint: 'The tier is "Admin" (before NetworkPolicies, cannot be overridden by them) or "Baseline" (after them, overridden by any NetworkPolicy that selects the pod)',
          };
    }
    case 'cluster-action':
      if (error.type === 'Required') return { hint: `Add an action: ${ACTIONS[kind].join(', ')}` };
      return actionHint(error, kind);
    case 'cluster-priority':
      if (error.type === 'Required') return { hint: 'Add a priority from 0 to 1000; lower numbers are evaluated first' };
      return error.type === 'Invalid' ? { hint: 'The priority is 0 to 1000; lower numbers are evaluated first' } : {};
    case 'cluster-subject':
      if (error.type === 'Required' && segment === 'subject')
        return {
          hint: 'Add a subject: namespaces (every pod of the namespaces a selector picks) or pods (namespaceSelector and podSelector)',
        };
      if (error.type === 'Required') return selectorRequired(segment, kind);
      if (error.type === 'TooMany' || error.type === 'Invalid') {
        return {
          hint: 'Set exactly one of namespaces or pods; to select some pods of some namespaces, use pods with both a namespaceSelector and a podSelector',
        };
      }
      return {};
    case 'cluster-peer':
      if (error.type === 'Required') return selectorRequired(segment, kind);
      if (error.type === 'TooMany' || error.type === 'Invalid') {
        return {
          hint: 'Each peer sets exactly one field; write one list item per peer (items of from/to are ORed), and use pods with a namespaceSelector and a podSelector for pods of some namespaces',
        };
      }
      return {};
    case 'cluster-protocol':
      if (error.type === 'TooMany' && typeof segment === 'number') {
        return {
          hint:
            kind === 'ClusterNetworkPolicy'
              ? 'Each protocols item sets exactly one of tcp, udp, sctp or destinationNamedPort: write one item per protocol'
              : 'Each ports item sets exactly one of portNumber, portRange or namedPort: write one item per port',
        };
      }
      if (error.type === 'Invalid' && (segment === 'tcp' || segment === 'udp' || segment === 'sctp')) {
        return { hint: `Give a destinationPort; to match every ${segment.toUpperCase()} port write a range from 1 to 65535` };
      }
      if (error.type === 'Invalid' && segment === 'destinationPort') return { hint: 'Set number or range' };
      return {};
    case 'cluster-port-number':
      return { hint: 'Ports are 1 to 65535' };
    case 'cluster-port-range':
      return error.type === 'Invalid' && error.value !== undefined
        ? { hint: 'The range must hold at least two ports (start < end); for one port use number' }
        : {};
    case 'cluster-networks':
      if (error.type === 'Invalid' && segment !== 'networks')
        return { hint: 'Write an address and a prefix length, e.g. 10.0.0.0/8 or fd00::/8' };
      if (error.type === 'Duplicate') return { hint: 'Each CIDR may appear only once' };
      return {};
    case 'cluster-domain-names':
      if (error.type === 'Invalid' && segment !== 'domainNames') {
        return {
          hint: 'Write a fully qualified name such as example.com, or *.example.com for its subdomains ("*" only as the first label)',
        };
      }
      if (error.type === 'Duplicate') return { hint: 'Each domain name may appear only once' };
      return {};
    case 'cluster-named-port-peers':
      return {
        hint: 'Named ports exist only on pods: move the networks, nodes or domainNames peers to a rule of their own with numbered ports',
      };
    case 'cluster-rule-count':
      return error.type === 'Invalid' ? { hint: 'List at least one item, or leave the field out' } : {};
    case 'cluster-rule-name':
      return { hint: 'Rule names are at most 100 characters' };
    case 'banp-name-default':
      return {
        hint: 'Name it "default", or use a v1alpha2 ClusterNetworkPolicy with tier: Baseline, of which there may be many',
        data: { suggestion: 'default' },
      };
    default:
      return {};
  }
}
