/**
 * The NetworkPolicy (networking.k8s.io/v1) as decoded from a manifest: the shape of the
 * Go types, where a value written with the wrong JSON type is `INVALID` (present, but
 * unusable) so that rules neither check it nor report it as missing.
 */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;
export type Decoded<T> = T | Invalid;

/** A map[string]string: entries whose value was not a string are left out. */
/** A non-string value decodes to INVALID in place, so a reader can tell the map was not whole. */
export type StringMap = Readonly<Record<string, Decoded<string>>>;

export interface LabelSelectorRequirement {
  readonly key?: Decoded<string>;
  readonly operator?: Decoded<string>;
  readonly values?: Decoded<readonly Decoded<string>[]>;
}

export interface LabelSelector {
  readonly matchLabels?: Decoded<StringMap>;
  readonly matchExpressions?: Decoded<readonly Decoded<LabelSelectorRequirement>[]>;
}

export interface IPBlock {
  readonly cidr?: Decoded<string>;
  readonly except?: Decoded<readonly Decoded<string>[]>;
}

export interface NetworkPolicyPeer {
  readonly podSelector?: Decoded<LabelSelector>;
  readonly namespaceSelector?: Decoded<LabelSelector>;
  readonly ipBlock?: Decoded<IPBlock>;
}

export interface NetworkPolicyPort {
  readonly protocol?: Decoded<string>;
  /** A number is a port number; a string is a port name (even when all digits). */
  readonly port?: Decoded<number | string>;
  readonly endPort?: Decoded<number>;
}

export interface NetworkPolicyIngressRule {
  readonly from?: Decoded<readonly Decoded<NetworkPolicyPeer>[]>;
  readonly ports?: Decoded<readonly Decoded<NetworkPolicyPort>[]>;
}

export interface NetworkPolicyEgressRule {
  readonly to?: Decoded<readonly Decoded<NetworkPolicyPeer>[]>;
  readonly ports?: Decoded<readonly Decoded<NetworkPolicyPort>[]>;
}

export interface NetworkPolicySpec {
  readonly podSelector?: Decoded<LabelSelector>;
  readonly ingress?: Decoded<readonly Decoded<NetworkPolicyIngressRule>[]>;
  readonly egress?: Decoded<readonly Decoded<NetworkPolicyEgressRule>[]>;
  readonly policyTypes?: Decoded<readonly Decoded<string>[]>;
}

export interface OwnerReference {
  readonly apiVersion?: Decoded<string>;
  readonly kind?: Decoded<string>;
  readonly name?: Decoded<string>;
  readonly uid?: Decoded<string>;
  readonly controller?: Decoded<boolean>;
  readonly blockOwnerDeletion?: Decoded<boolean>;
}

export interface ManagedFieldsEntry {
  readonly manager?: Decoded<string>;
  readonly operation?: Decoded<string>;
  readonly apiVersion?: Decoded<string>;
  readonly fieldsType?: Decoded<string>;
  readonly subresource?: Decoded<string>;
}

export interface ObjectMeta {
  readonly name?: Decoded<string>;
  readonly generateName?: Decoded<string>;
  readonly namespace?: Decoded<string>;
  readonly generation?: Decoded<number>;
  readonly labels?: Decoded<StringMap>;
  readonly annotations?: Decoded<StringMap>;
  readonly ownerReferences?: Decoded<readonly Decoded<OwnerReference>[]>;
  readonly finalizers?: Decoded<readonly Decoded<string>[]>;
  readonly managedFields?: Decoded<readonly Decoded<ManagedFieldsEntry>[]>;
}

export interface NetworkPolicy {
  readonly apiVersion?: Decoded<string>;
  readonly kind?: Decoded<string>;
  readonly metadata?: Decoded<ObjectMeta>;
  readonly spec?: Decoded<NetworkPolicySpec>;
}

export function isValid<T>(value: Decoded<T> | undefined): value is T {
  return value !== undefined && value !== INVALID;
}
