import { CompletionItemKind } from 'vscode-languageserver-types';
import type { Json, JsonObject } from '../../model/json';
import {
  defaultDenyName,
  defaultDenySpec,
  dnsEgressRule,
  namespaceByName,
  networkPolicy,
  type DnsTarget,
  type PolicyType,
} from '../../model/recipes';
import { podsPeer, rule } from '../../model/templates/shapes';
import { emitFlowYaml, emitYaml } from '../../yaml/emit';
import type { YamlStyle } from '../../yaml/style';
import { escapeSnippet, RANK, type ItemSpec } from './items';

/**
 * Whole shapes as snippets: built as JSON from the recipes the quick fixes and templates use,
 * written with the YAML emitter in the file's style, with tab stops where the user decides.
 */

/** A tab stop in the JSON of a shape: a plain-safe token replaced by `${n:default}` after emitting. */
class Stops {
  private readonly defaults: string[] = [];

  stop(defaultText: string): string {
    this.defaults.push(defaultText);
    return `netpol__stop${this.defaults.length}__`;
  }

  /** The shape written at `column` (block) or on one line (flow), as snippet text. */
  render(value: Json, column: number, flow: boolean, style: YamlStyle): string {
    // A shape is the entries of the mapping at the cursor: in flow style, without its braces.
    const text = flow ? emitFlowYaml(value).replace(/^\{(.*)\}$/, '$1') : emitYaml(value, style, column).slice(column, -style.eol.length);
    return this.defaults.reduce(
      (out, defaultText, i) => out.replaceAll(`netpol__stop${i + 1}__`, `\${${i + 1}:${escapeSnippet(defaultText)}}`),
      escapeSnippet(text),
    );
  }

  /** The shape as plain YAML with the defaults filled in, for the item's documentation. */
  preview(value: Json, style: YamlStyle): string {
    return this.defaults.reduce((out, defaultText, i) => out.replaceAll(`netpol__stop${i + 1}__`, defaultText), emitYaml(value, style));
  }
}

export interface SnippetSlot {
  readonly column: number;
  readonly flow: boolean;
  /** Starts a new `- ` item (the slot is the list's, not an item's). */
  readonly newItem: boolean;
  readonly style: YamlStyle;
}

export interface Shape {
  readonly label: string;
  readonly documentation: string;
  readonly filterText: string;
  readonly build: (stops: Stops) => Json;
}

function toSpec(shape: Shape, slot: SnippetSlot): ItemSpec {
  const stops = new Stops();
  const value = shape.build(stops);
  const insert = slot.newItem
    ? `- ${stops.render(value, slot.column + 2, slot.flow, slot.style)}`
    : stops.render(value, slot.column, slot.flow, slot.style);
  return {
    label: shape.label,
    kind: CompletionItemKind.Snippet,
    insert,
    snippet: true,
    documentation: `${shape.documentation}\n\n\`\`\`yaml\n${stops.preview(value, slot.style)}\`\`\``,
    filterText: shape.filterText,
    rank: RANK.snippet,
  };
}

/** The shapes as snippet items for a slot. */
export function snippetItems(shapes: readonly Shape[], slot: SnippetSlot): ItemSpec[] {
  return shapes.map((shape) => toSpec(shape, slot));
}

const tcpPort = (stops: Stops, port: string) => [{ protocol: 'TCP' as const, port: stops.stop(port) }];

function ingressRule(stops: Stops): JsonObject {
  return rule('from', [podsPeer([], { app: stops.stop('frontend') })], tcpPort(stops, '8080'));
}

function egressRule(stops: Stops): JsonObject {
  return rule('to', [podsPeer([], { app: stops.stop('backend') })], tcpPort(stops, '8080'));
}

/** Whole documents, for an empty document. */
export function documentShapes(namespace: string, dns: DnsTarget): Shape[] {
  const deny = (types: PolicyType[], what: string): Shape => ({
    label: `NetworkPolicy: ${defaultDenyName(types)}`,
    documentation: `Denies all ${what} traffic of every pod in the namespace: the usual first policy of a namespace.`,
    filterText: `networkpolicy ${defaultDenyName(types)}`,
    build: (stops) => networkPolicy(defaultDenyName(types), stops.stop(namespace), defaultDenySpec(types)),
  });
  return [
    {
      label: 'NetworkPolicy',
      documentation: 'A complete policy: the pods it applies to, an ingress rule, and DNS egress.',
      filterText: 'networkpolicy',
      build: (stops) =>
        networkPolicy(stops.stop('my-policy'), stops.stop(namespace), {
          podSelector: { matchLabels: { app: stops.stop('web') } },
          policyTypes: ['Ingress', 'Egress'],
          ingress: [ingressRule(stops)],
          egress: [dnsEgressRule(dns)],
        }),
    },
    deny(['Ingress'], 'incoming'),
    deny(['Egress'], 'outgoing'),
    deny(['Ingress', 'Egress'], 'incoming and outgoing'),
  ];
}

function dnsDocumentation(dns: DnsTarget): string {
  return `Allows DNS: UDP and TCP port 53 to the pods ${Object.entries(dns.podLabels)
    .map(([k, v]) => `\`${k}=${v}\``)
    .join(', ')} in namespace \`${dns.namespace}\` (one peer: both selectors must match).`;
}

/** Rules of one direction, as items of `spec.ingress` / `spec.egress`. */
export function ruleShapes(direction: 'ingress' | 'egress', dns: DnsTarget): Shape[] {
  if (direction === 'ingress') {
    return [
      {
        label: 'ingress rule',
        documentation: 'Allows some pods of this namespace on one port.',
        filterText: 'from ingress rule',
        build: ingressRule,
      },
    ];
  }
  return [
    {
      label: 'egress rule',
      documentation: 'Allows connections to some pods of this namespace on one port.',
      filterText: 'to egress rule',
      build: egressRule,
    },
    { label: 'egress: DNS', documentation: dnsDocumentation(dns), filterText: 'to dns egress', build: () => dnsEgressRule(dns) },
  ];
}

/** The rules as keys of `spec`, for a spec without that key yet. */
export function specShapes(direction: 'ingress' | 'egress', dns: DnsTarget): Shape[] {
  return ruleShapes(direction, dns).map((shape) => ({
    ...shape,
    filterText: `${direction} ${shape.filterText}`,
    build: (stops) => ({ [direction]: [shape.build(stops)] }),
  }));
}

/** One peer of each kind, as items of `from` / `to`. */
export function peerShapes(): Shape[] {
  return [
    {
      label: 'peer: pods in this namespace',
      documentation: 'The pods with these labels in the policy’s own namespace.',
      filterText: 'podSelector peer',
      build: (stops) => podsPeer([], { app: stops.stop('frontend') }),
    },
    {
      label: 'peer: pods in another namespace',
      documentation: 'The pods with these labels in that namespace: one peer with both selectors (AND), not two peers (OR).',
      filterText: 'namespaceSelector podSelector peer',
      build: (stops) => podsPeer([stops.stop('monitoring')], { app: stops.stop('prometheus') }),
    },
    {
      label: 'peer: all pods of a namespace',
      documentation: 'Every pod of the namespace, selected by its immutable `kubernetes.io/metadata.name` label.',
      filterText: 'namespaceSelector peer',
      build: (stops) => ({ namespaceSelector: namespaceByName(stops.stop('monitoring')) }),
    },
    {
      label: 'peer: ipBlock with except',
      documentation: 'Addresses in a CIDR range but not in the excepted ranges. Pod IPs are better selected by labels.',
      filterText: 'ipBlock peer',
      build: (stops) => ({ ipBlock: { cidr: stops.stop('10.0.0.0/8'), except: [stops.stop('10.0.1.0/24')] } }),
    },
  ];
}
