import { describe, expect, it } from 'vitest';
import { resolveSettings, type SettingProblem } from '../../../server/src/services/resolveSettings';

/** `netpol.networkPolicyAPI.channel` as the server resolves it. */
function channel(raw: unknown): { channel: string; problems: string[] } {
  const problems: SettingProblem[] = [];
  const settings = resolveSettings([{ networkPolicyAPI: { channel: raw } } as Parameters<typeof resolveSettings>[0][number]], problems);
  return { channel: settings.analysis.channel, problems: problems.map((problem) => problem.message) };
}

describe('netpol.networkPolicyAPI.channel', () => {
  it('defaults to the standard CRDs', () => {
    expect(resolveSettings([], []).analysis.channel).toBe('standard');
    expect(channel(undefined)).toEqual({ channel: 'standard', problems: [] });
  });
  it('takes experimental', () => {
    expect(channel('experimental')).toEqual({ channel: 'experimental', problems: [] });
  });
  it('reports and replaces anything else', () => {
    expect(channel('Experimental')).toEqual({
      channel: 'standard',
      problems: ['netpol.networkPolicyAPI.channel "Experimental" is not "standard" or "experimental"; using "standard".'],
    });
  });
});
