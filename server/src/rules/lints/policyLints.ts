import type { PolicyLint } from '../lint';
import { missingNamespace } from './missingNamespace';

/** Lints that need nothing but the policy itself (and the cluster settings). */
export const POLICY_SCOPE_LINTS: readonly PolicyLint[] = [missingNamespace];
