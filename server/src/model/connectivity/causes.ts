import type { Direction, SemanticPolicy, SemanticRule } from '../semantics';
import { rangesOverlap } from './addresses';
import { intersectPorts, isNoPorts, type ProtocolPorts } from './ports';
import type { QueryEndpoint } from './query';
import { ruleAddresses, rulePicksPod, rulePorts } from './ruleMatch';
import type { ConnectivityModel } from './workspaceModel';

/**
 * Why a connection is as it is, for pointing at the policies and rules behind a change:
 * the rules that allow some of its ports (the policies that isolate its ends are the model's
 * `selecting`).
 */

export interface PolicyRule {
  readonly policy: SemanticPolicy;
  readonly rule: SemanticRule;
}

/** Which policies to look at: all that select the end, or only some (e.g. those a change touched). */
export type PolicyFilter = (policy: SemanticPolicy) => boolean;

/** The rules of one direction (`subject`'s egress towards `other`, or its ingress from `other`) that allow some of `ports`. */
function rulesOf(
  model: ConnectivityModel,
  direction: Direction,
  subject: QueryEndpoint,
  other: QueryEndpoint,
  receiver: QueryEndpoint,
  ports: ProtocolPorts,
  only: PolicyFilter | undefined,
): PolicyRule[] {
  if (!('workload' in subject)) return [];
  const receiverPorts = 'workload' in receiver ? model.workloads[receiver.workload]!.ports : undefined;
  const out: PolicyRule[] = [];
  for (const policy of model.selecting(subject.workload, direction)) {
    if (only && !only(policy)) continue;
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
      if (isNoPorts(intersectPorts(rulePorts(rule, receiverPorts), ports))) continue;
      const picks =
        'workload' in other
          ? rulePicksPod(rule, policy.namespace, model.pods[other.workload]!)
          : (() => {
              const addresses = ruleAddresses(rule);
              return addresses === 'any' || addresses.some((range) => rangesOverlap(range, other.addresses));
            })();
      if (picks) out.push({ policy, rule });
    }
  }
  return out;
}

/**
 * The rules, of the source's egress and of the destination's ingress, that allow some of
 * `ports` from `from` to `to` (of the policies `only` keeps, when given).
 */
export function allowingRules(
  model: ConnectivityModel,
  from: QueryEndpoint,
  to: QueryEndpoint,
  ports: ProtocolPorts,
  only?: PolicyFilter,
): PolicyRule[] {
  return [...rulesOf(model, 'egress', from, to, to, ports, only), ...rulesOf(model, 'ingress', to, from, to, ports, only)];
}
