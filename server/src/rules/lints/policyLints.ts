import { allNamespacesPeer } from './allNamespacesPeer';
import { allowAllSources } from './allowAllSources';
import { denyAllDirection } from './denyAllDirection';
import { implicitPolicyTypes } from './implicitPolicyTypes';
import { ipBlockPodIp } from './ipBlockPodIp';
import { missingNamespace } from './missingNamespace';
import { peerAndOrConfusion } from './peerAndOrConfusion';
import { portsSplitFromPeers } from './portsSplitFromPeers';
import { redundantRule } from './redundantRule';
import { rulesIgnoredByPolicyTypes } from './rulesIgnoredByPolicyTypes';

/** Lints that need nothing but the policy itself (and the cluster settings). */
export const POLICY_SCOPE_LINTS = [
  missingNamespace,
  peerAndOrConfusion,
  portsSplitFromPeers,
  allowAllSources,
  allNamespacesPeer,
  rulesIgnoredByPolicyTypes,
  implicitPolicyTypes,
  denyAllDirection,
  ipBlockPodIp,
  redundantRule,
] as const;
