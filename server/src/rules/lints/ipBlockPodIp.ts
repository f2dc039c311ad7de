import type { PolicyLint } from '../lint';
import { withHint } from '../messages';
import { enforcedRules, networkWithin, parseNetwork, type Network } from './policyWording';
import { DIRECTIONS } from '../../model/vocabulary';

/** Whether the settings give a usable CIDR of the network's address family (the cluster's ranges of that family are known). */
function familyConfigured(network: Network, cidrs: readonly string[]): boolean {
  return cidrs.some((cidr) => parseNetwork(cidr)?.family === network.family);
}

function within(network: Network, cidrs: readonly string[]): string | undefined {
  return cidrs.find((cidr) => {
    const outer = parseNetwork(cidr);
    return outer !== undefined && networkWithin(network, outer);
  });
}

/** An ipBlock aimed at pod or Service IPs (inside the cluster's CIDRs, or a single address). */
export const ipBlockPodIp: PolicyLint<
  'ipblock-pod-ip',
  { readonly cidr: string; readonly podCIDR?: string; readonly serviceCIDR?: string }
> = {
  meta: {
    id: 'ipblock-pod-ip',
    title: 'ipBlock aimed at pod IPs',
    category: 'lint',
    severity: 'warning',
    description:
      "An ipBlock cidr inside the cluster's pod or Service CIDRs (netpol.cluster.podCIDRs, netpol.cluster.serviceCIDRs), or a single address (/32, /128) when no such CIDR of its family is configured: pod IPs change, selectors are the tool.",
  },
  scope: 'policy',
  check({ policy, semantic, cluster, report }) {
    for (const direction of DIRECTIONS) {
      for (const source of enforcedRules(policy, semantic, direction)) {
        const peers = source.rule.peers;
        if (peers === 'any') continue;
        peers.forEach((peer, j) => {
          if (peer.kind !== 'ipBlock') return;
          const network = parseNetwork(peer.cidr);
          if (!network) return;
          const path = [...source.path, source.peerKey, j, 'ipBlock', 'cidr'];
          const podCIDR = within(network, cluster.podCIDRs);
          if (podCIDR !== undefined) {
            report({
              path,
              message: withHint(
                `ipBlock ${peer.cidr} is inside the pod CIDR ${podCIDR}: pod IPs change whenever pods are recreated, and whether an ipBlock matches traffic of pods at all depends on the network plugin`,
                'Select the pods with podSelector/namespaceSelector instead',
              ),
              data: { cidr: peer.cidr, podCIDR },
            });
            return;
          }
          const serviceCIDR = within(network, cluster.serviceCIDRs);
          if (serviceCIDR !== undefined) {
            report({
              path,
              message: withHint(
                `ipBlock ${peer.cidr} is inside the Service CIDR ${serviceCIDR}: Service IPs are usually translated to pod IPs before network policies are applied, so whether this ipBlock ever matches depends on the network plugin`,
                'Select the pods behind the Service with podSelector/namespaceSelector instead',
              ),
              data: { cidr: peer.cidr, serviceCIDR },
            });
            return;
          }
          if (network.net.prefixLength !== network.net.bits) return;
          // Outside every configured pod and Service CIDR of its family, a single address is
          // no pod's and no Service's: a fixed address outside the cluster, what ipBlock is for.
          if (familyConfigured(network, [...cluster.podCIDRs, ...cluster.serviceCIDRs])) return;
          report({
            path,
            message: withHint(
              `ipBlock ${peer.cidr} is a single address: if it is a pod's IP, it changes whenever the pod is recreated`,
              `For a pod, select it with podSelector/namespaceSelector instead; for a fixed address outside the cluster, suppress this warning with \`# netpol-disable-next-line ipblock-pod-ip\``,
            ),
            data: { cidr: peer.cidr },
          });
        });
      }
    }
  },
};
