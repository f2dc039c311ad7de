import { describe, expect, it } from 'vitest';
import { MAX_COUNTED, reachabilityLensTitle } from '../../../server/src/services/reachabilityLens';

describe('reachability CodeLens title', () => {
  it('names the kinds there are, in the order opens, closes, changes, with one plural for the total', () => {
    expect(reachabilityLensTitle({ opened: 3, closed: 1, changed: 0 }, 'HEAD')).toBe('opens 3 · closes 1 connections vs HEAD');
    expect(reachabilityLensTitle({ opened: 0, closed: 1, changed: 0 }, 'HEAD')).toBe('closes 1 connection vs HEAD');
    expect(reachabilityLensTitle({ opened: 0, closed: 0, changed: 2 }, 'origin/main')).toBe('changes 2 connections vs origin/main');
    expect(reachabilityLensTitle({ opened: 1, closed: 0, changed: 1 }, 'HEAD')).toBe('opens 1 · changes 1 connections vs HEAD');
  });

  it('says when the counts are of the first changes only', () => {
    expect(reachabilityLensTitle({ opened: 0, closed: 12_500, changed: 0 }, 'HEAD', true)).toBe(
      `closes 12,500 connections vs HEAD (of the first ${MAX_COUNTED.toLocaleString('en-US')} changes)`,
    );
  });
});
