import { describe, expect, it } from 'vitest';
import { placeholderOf } from '../../../client/src/generate/placeholder';

describe('a Generate Policy placeholder', () => {
  it('is the first sentence of the description', () => {
    expect(placeholderOf('The namespace the policies are created in (metadata.namespace). Written as a name.')).toBe(
      'The namespace the policies are created in (metadata.namespace).',
    );
    expect(placeholderOf('Pods by label, e.g. app=web')).toBe('Pods by label, e.g. app=web');
  });

  it('is cut at a word, with an ellipsis, when the sentence is longer than 80 characters', () => {
    const long =
      'Also create allow-dns-egress, which lets every pod of the namespace reach cluster DNS (without it, every name lookup fails).';
    const shown = placeholderOf(long);
    expect(shown.length).toBeLessThanOrEqual(80);
    expect(shown).toBe('Also create allow-dns-egress, which lets every pod of the namespace reach…');
    expect(long.startsWith(shown.slice(0, -1))).toBe(true);
  });
});
