import { describe, expect, it } from 'vitest';
import { mergeItemsActions } from '../../../server/src/services/codeActions/mergeItems';
import { applyTitled, codesAfter, policyHead, titles } from './insertHelpers';

const head = `${policyHead('db')}spec:\n  podSelector: {}\n`;

describe('peer-and-or-confusion quick fixes', () => {
  const before = `${head}  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          team: web\n    # the web pods\n    - podSelector:\n        matchLabels:\n          app: web\n`;

  it('merges the two peers into one by deleting the second `-`', () => {
    const after = applyTitled(mergeItemsActions, before, 'Merge into one peer (AND)');
    expect(after).toBe(
      `${head}  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          team: web\n    # the web pods\n      podSelector:\n        matchLabels:\n          app: web\n`,
    );
    expect(codesAfter(after)).not.toContain('peer-and-or-confusion');
    expect(titles(mergeItemsActions, after)).toEqual([]);
  });

  it('keeps OR with a suppression comment above the second peer', () => {
    const after = applyTitled(mergeItemsActions, before, 'Keep two peers (OR)');
    expect(after).toBe(before.replace('    - podSelector:', '    # netpol-disable-next-line peer-and-or-confusion\n    - podSelector:'));
    expect(codesAfter(after)).not.toContain('peer-and-or-confusion');
  });

  it('joins two flow peers, with CRLF', () => {
    const flow =
      `${head}  egress:\n  - to: [{podSelector: {matchLabels: {app: web}}}, {namespaceSelector: {matchLabels: {team: a}}}]\n    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]\n`.replace(
        /\n/g,
        '\r\n',
      );
    const after = applyTitled(mergeItemsActions, flow, 'Merge into one peer (AND)');
    expect(after).toBe(flow.replace('app: web}}}, {namespaceSelector', 'app: web}}, namespaceSelector'));
    expect(codesAfter(after)).not.toContain('peer-and-or-confusion');
  });
});

describe('ports-split-from-peers quick fix', () => {
  it('merges the ports-only rule into the rule before it', () => {
    const before = `${head}  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: web\n    - ports:   # split?\n        - port: 5432\n`;
    const after = applyTitled(mergeItemsActions, before, 'Merge the ports into the rule before');
    expect(after).toBe(before.replace('    - ports:', '      ports:'));
    expect(codesAfter(after)).not.toContain('ports-split-from-peers');
    expect(titles(mergeItemsActions, after)).toEqual([]);
  });

  it('is not offered when the items do not line up', () => {
    const before = `${head}  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: web\n    -   ports:\n          - port: 5432\n`;
    expect(codesAfter(before)).toContain('ports-split-from-peers');
    expect(titles(mergeItemsActions, before)).toEqual([]);
  });
});
