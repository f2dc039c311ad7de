import { describe, expect, it } from 'vitest';
import { CrashHistory } from '../../../client/src/crashHistory';

describe('CrashHistory', () => {
  const MINUTE = 60_000;

  it('restarts after each of the first 4 crashes and gives up on the 5th within 3 minutes', () => {
    const history = new CrashHistory();
    expect([0, 1, 2, 3, 4].map((i) => history.shouldRestart(i * 10_000))).toEqual([true, true, true, true, false]);
    expect(history.count).toBe(5);
  });

  it('forgets crashes older than the window', () => {
    const history = new CrashHistory();
    for (const at of [0, MINUTE, 2 * MINUTE, 3 * MINUTE]) expect(history.shouldRestart(at)).toBe(true);
    // The crash at 0 is more than 3 minutes before this one: 4 in the window, still restarted.
    expect(history.shouldRestart(3 * MINUTE + 1)).toBe(true);
    expect(history.count).toBe(4);
    // Exactly at the window's edge still counts.
    expect(history.shouldRestart(4 * MINUTE)).toBe(false);
  });

  it('starts afresh after clear()', () => {
    const history = new CrashHistory(1, MINUTE);
    expect(history.shouldRestart(0)).toBe(true);
    expect(history.shouldRestart(1)).toBe(false);
    history.clear();
    expect(history.count).toBe(0);
    expect(history.shouldRestart(2)).toBe(true);
  });
});
