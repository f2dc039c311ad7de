import type { RuleMeta } from './rule';
import type { RuleId } from './ruleIds';
import { closestName } from './suggest';

/**
 * Suppression comments (`# netpol-disable-next-line <id>`, `# netpol-disable <id>`) turn off
 * lints only. What kubectl or the API server rejects stays an error whatever a comment says (the
 * editor and `netpol check` would otherwise pass a file that `kubectl apply` refuses), and a
 * comment naming such a rule, or no rule at all, gets a warning of its own.
 */
export const INVALID_SUPPRESSION: RuleMeta<'invalid-suppression'> = {
  id: 'invalid-suppression',
  title: 'Suppression comment that disables nothing',
  category: 'lint',
  severity: 'warning',
  description:
    'A netpol-disable comment names a rule that cannot be disabled (what kubectl or the API server rejects stays an error) or no rule at all.',
};

export interface InvalidSuppressionData {
  /** The id written in the comment. */
  readonly id: string;
  /** The rule id probably meant, for an id that names no rule. */
  readonly suggestion?: string;
}

/** Whether a comment may turn a rule off: lints only. */
export function isSuppressible(category: RuleMeta['category']): boolean {
  return category === 'lint';
}

/** What is wrong with an id written in a suppression comment; undefined when it names a lint. */
export function suppressionProblem(
  id: string,
  meta: RuleMeta<RuleId> | undefined,
  ids: readonly string[],
): { message: string; data: InvalidSuppressionData } | undefined {
  if (!meta) {
    const suggestion = closestName(id, ids);
    const message = `"${id}" is not a rule id, so this comment disables nothing.`;
    return suggestion ? { message: `${message} Did you mean ${suggestion}?`, data: { id, suggestion } } : { message, data: { id } };
  }
  if (isSuppressible(meta.category)) return undefined;
  const why =
    meta.id === 'helm-template' || meta.id === 'file-too-large'
      ? 'it is about files that are not analysed, whose comments are not read'
      : meta.category === 'yaml'
        ? 'kubectl cannot read such a file'
        : 'the API server rejects this';
  return { message: `${id} cannot be disabled: ${why}.`, data: { id } };
}
