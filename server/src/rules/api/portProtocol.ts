import { PROTOCOLS } from '../../model/vocabulary';
import { isValid } from '../../model/networkPolicy';
import { notSupported, withHint } from '../messages';
import type { PolicyRule } from '../rule';
import { forEachPort } from '../walk';

/** `ValidateNetworkPolicyPort`: protocol, when set, is TCP, UDP or SCTP (case-sensitive). */
export const portProtocol: PolicyRule<'port-protocol', { readonly suggestion: string } | undefined> = {
  meta: {
    id: 'port-protocol',
    title: 'protocol must be TCP, UDP or SCTP',
    category: 'api',
    severity: 'error',
    description: 'A port protocol, when given, must be exactly TCP, UDP or SCTP; leave it out for TCP.',
  },
  check(policy, context) {
    forEachPort(policy, (port, path) => {
      const protocol = port.protocol;
      if (!isValid(protocol) || (PROTOCOLS as readonly string[]).includes(protocol)) return;
      const suggestion = PROTOCOLS.find((p) => p === protocol.trim().toUpperCase());
      const message = notSupported(protocol, PROTOCOLS);
      context.report({
        path: [...path, 'protocol'],
        message: suggestion ? withHint(message, `Protocols are case-sensitive: write "${suggestion}"`) : message,
        ...(suggestion ? { data: { suggestion } } : {}),
      });
    });
  },
};
