import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { dnsEgressRule, type DnsTarget } from '../../model/recipes';
import { dnsPortOf } from '../../rules/lints/workspaceScope';
import { addToList } from '../../yaml/edit/insert';
import type { OffsetEdit } from '../../yaml/edit/layout';
import { action, diagnosticsOf, policyKey, policyTargetAt, policyTargetOf, type PolicyTarget } from './policyEdits';
import { enforceDirection } from './policyTypes';
import type { CodeActionProvider } from './provider';

/**
 * A DNS egress rule (the shape of `model/recipes`, to the DNS pods of the settings): the
 * quick fix of `dns-egress-blocked`, and the "Add DNS egress" refactoring.
 */

/** Where a new `egress` key goes in a spec: after the ingress rules, else after policyTypes or podSelector. */
const EGRESS_AFTER = ['ingress', 'policyTypes', 'podSelector'];

function addRule(target: PolicyTarget, dns: DnsTarget): OffsetEdit | undefined {
  return addToList(target, [...target.root, 'spec'], 'egress', [dnsEgressRule(dns)], EGRESS_AFTER);
}

/** Whether the policy's own egress rules let DNS through over both UDP and TCP. */
function allowsDns(target: PolicyTarget): boolean {
  const rules = target.found.semantic.egress;
  return (['UDP', 'TCP'] as const).every((protocol) => rules.some((rule) => dnsPortOf(rule, protocol) !== undefined));
}

export const dnsEgressActions: CodeActionProvider = (request) => {
  const actions: CodeAction[] = [];
  const dns = request.settings.dns;
  // A policy with the quick fix does not get the same edit again as a refactoring.
  const fixed = new Set<string>();
  for (const diagnostic of diagnosticsOf(request, 'dns-egress-blocked')) {
    const target = policyTargetOf(request, diagnostic);
    if (!target) continue;
    fixed.add(policyKey(target));
    actions.push(
      ...action(request, {
        title: `Allow DNS egress to ${dnsText(dns)}`,
        kind: CodeActionKind.QuickFix,
        diagnostic,
        isPreferred: true,
        edits: [addRule(target, dns)],
      }),
    );
  }
  const target = policyTargetAt(request, request.start);
  if (!target || target.found.semantic.partial || allowsDns(target) || fixed.has(policyKey(target))) return actions;
  const isolated = target.found.semantic.types.egress;
  actions.push(
    ...action(request, {
      title: isolated ? 'Add DNS egress' : 'Add DNS egress (adds Egress to policyTypes: other egress becomes denied)',
      kind: CodeActionKind.Refactor,
      edits: [...enforceDirection(target, 'egress'), addRule(target, dns)],
    }),
  );
  return actions;
};

function dnsText(dns: DnsTarget): string {
  const labels = Object.entries(dns.podLabels).map(([key, value]) => `${key}=${value}`);
  return `${labels.join(',')} in ${dns.namespace}`;
}
