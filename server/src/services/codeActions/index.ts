import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from '../../protocol';
import { allowWorkloadActions } from './allowWorkload';
import { apiFixActions } from './apiFixes';
import { convertSelectorActions } from './convertSelector';
import { defaultDenyActions } from './defaultDeny';
import { dnsEgressActions } from './dnsEgress';
import { dnsTcpActions } from './dnsTcp';
import { fixAll } from './fixAll';
import { mergeItemsActions } from './mergeItems';
import { migrateClusterPolicyActions } from './migrateClusterPolicy';
import { policyTypesActions } from './policyTypes';
import { selectorSuggestionActions } from './selectorSuggestion';
import type { CodeActionProvider, CodeActionRequest } from './provider';
import { ruleActions } from './ruleActions';

/**
 * Every code-action provider, in the order their actions are shown. Quick fixes and
 * refactorings go before `ruleActions` ("Disable … for this line", "Show documentation …"),
 * which come last for every diagnostic.
 */
const PROVIDERS: readonly CodeActionProvider[] = [
  apiFixActions,
  migrateClusterPolicyActions,
  dnsEgressActions,
  dnsTcpActions,
  mergeItemsActions,
  policyTypesActions,
  selectorSuggestionActions,
  convertSelectorActions,
  defaultDenyActions,
  allowWorkloadActions,
  ruleActions,
];

/** The kinds the server offers (the `codeActionProvider` capability). */
export const CODE_ACTION_KINDS: readonly string[] = [
  CodeActionKind.QuickFix,
  CodeActionKind.Refactor,
  CodeActionKind.RefactorRewrite,
  FIX_ALL_KIND,
];

/** Whether `kind` is one of the kinds the client asked for (a requested kind covers its sub-kinds). */
function matches(kind: string | undefined, only: readonly string[] | undefined): boolean {
  if (!only) return true;
  return kind !== undefined && only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

/** The preferred fixes first (VS Code shows the actions in the order given), the rest in provider order. */
function collect(request: CodeActionRequest): CodeAction[] {
  const actions = PROVIDERS.flatMap((provider) => provider(request)).filter((action) => matches(action.kind, request.only));
  return [...actions.filter((action) => action.isPreferred), ...actions.filter((action) => !action.isPreferred)];
}

/** The code actions of a request: every provider's, of the kinds asked for; "fix all" only when asked for by kind. */
export function codeActions(request: CodeActionRequest): CodeAction[] {
  const actions = collect(request);
  // A source action is never shown unasked (it is not a lightbulb action): only compute it when requested.
  const fixAllAsked = request.only?.some((kind) => FIX_ALL_KIND === kind || FIX_ALL_KIND.startsWith(`${kind}.`)) ?? false;
  return fixAllAsked ? [...actions, ...fixAll(request, collect)] : actions;
}
