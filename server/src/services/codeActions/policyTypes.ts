import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { PolicyType } from '../../model/recipes';
import type { Direction, PolicyTypes } from '../../model/semantics';
import { appendItems, insertEntry, replaceEntry } from '../../yaml/edit/insert';
import { nodeAt, type OffsetEdit } from '../../yaml/edit/layout';
import { removeEntry } from '../../yaml/edit/remove';
import { action, detailsOf, diagnosticsOf, policyKey, type PolicyTarget, policyTargetAt, policyTargetOf } from './policyEdits';
import type { CodeActionProvider } from './provider';
import { POLICY_TYPE, POLICY_TYPES } from '../../model/vocabulary';

/**
 * `policyTypes` written out: the quick fixes of `implicit-policy-types` (write what
 * Kubernetes computes) and `rules-ignored-by-policy-types` (add the missing type), and the
 * "Make policyTypes explicit" refactoring.
 */

const DIRECTION: Readonly<Record<PolicyType, Direction>> = { Ingress: 'ingress', Egress: 'egress' };

const isPolicyType = (value: unknown): value is PolicyType => value === 'Ingress' || value === 'Egress';

/**
 * The edit that makes `policyTypes` list `types`: written after `podSelector` when it is
 * missing, in place of an empty (or null) one, else the missing types appended. Undefined
 * when it lists them all already.
 */
export function policyTypesEdit(target: PolicyTarget, types: readonly PolicyType[]): OffsetEdit | undefined {
  const spec = [...target.root, 'spec'];
  const written = nodeAt(target.doc, [...spec, 'policyTypes']);
  if (!written) return insertEntry(target, spec, 'policyTypes', [...types], ['podSelector']);
  if (written.value === null || (Array.isArray(written.value) && written.value.length === 0)) {
    return replaceEntry(target, spec, 'policyTypes', 'policyTypes', [...types]);
  }
  if (!Array.isArray(written.value)) return undefined;
  const listed = written.value;
  const missing = types.filter((type) => !listed.includes(type));
  return missing.length ? appendItems(target, [...spec, 'policyTypes'], missing) : undefined;
}

/**
 * What makes a new rule of `direction` enforced: nothing when the policy enforces that
 * direction already; else the type added to explicit types (it would be ignored), or for
 * egress with computed types, `[Ingress, Egress]` written out (the rule alone would add
 * egress isolation silently).
 */
export function enforceDirection(target: PolicyTarget, direction: Direction): (OffsetEdit | undefined)[] {
  const { types } = target.found.semantic;
  if (types[direction]) return [];
  return [policyTypesEdit(target, types.explicit ? [POLICY_TYPE[direction]] : [...POLICY_TYPES])];
}

/** The types Kubernetes enforces for a policy, in the order kubectl prints them. */
export function typesOf(types: PolicyTypes): PolicyType[] {
  return [...(types.ingress ? (['Ingress'] as const) : []), ...(types.egress ? (['Egress'] as const) : [])];
}

const flowList = (types: readonly string[]): string => `[${types.join(', ')}]`;

export const policyTypesActions: CodeActionProvider = (request) => {
  const actions: CodeAction[] = [];
  // A policy with the quick fix does not get the same edit again as a refactoring.
  const fixed = new Set<string>();
  for (const diagnostic of diagnosticsOf(request, 'implicit-policy-types')) {
    const computed = detailsOf(diagnostic).computed;
    const target = policyTargetOf(request, diagnostic);
    if (!target || !Array.isArray(computed) || !computed.every(isPolicyType)) continue;
    fixed.add(policyKey(target));
    actions.push(
      ...action(request, {
        title: `Write policyTypes: ${flowList(computed)}`,
        kind: CodeActionKind.QuickFix,
        diagnostic,
        isPreferred: true,
        edits: [policyTypesEdit(target, computed)],
      }),
    );
  }
  for (const diagnostic of diagnosticsOf(request, 'rules-ignored-by-policy-types')) {
    const missing = detailsOf(diagnostic).missing;
    const target = policyTargetOf(request, diagnostic);
    if (!target || !isPolicyType(missing)) continue;
    actions.push(
      ...action(request, {
        title: `Add ${missing} to policyTypes`,
        kind: CodeActionKind.QuickFix,
        diagnostic,
        isPreferred: true,
        edits: [policyTypesEdit(target, [missing])],
      }),
      ...action(request, {
        title: `Delete the ignored ${DIRECTION[missing]} rules`,
        kind: CodeActionKind.QuickFix,
        diagnostic,
        edits: [removeEntry(target, [...target.root, 'spec'], DIRECTION[missing])],
      }),
    );
  }
  const target = policyTargetAt(request, request.start);
  const { semantic } = target?.found ?? {};
  if (target && semantic && !semantic.types.explicit && !semantic.partial && !fixed.has(policyKey(target))) {
    const types = typesOf(semantic.types);
    actions.push(
      ...action(request, {
        title: `Make policyTypes explicit: ${flowList(types)}`,
        kind: CodeActionKind.RefactorRewrite,
        edits: [policyTypesEdit(target, types)],
      }),
    );
  }
  return actions;
};
