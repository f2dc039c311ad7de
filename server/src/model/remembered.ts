/**
 * A pure function of a string with its answers for the strings last asked remembered: the
 * checks of a rule of 50,000 peers run again on every edit of it, on the same label keys,
 * values and CIDRs. Two generations of at most `capacity` answers each: when the newer is
 * full it becomes the older and the oldest answers are forgotten, so a working set larger
 * than the capacity costs a miss, not a clearing of everything on each one. An answer is
 * shared between callers: read it, never change it.
 */
export function rememberedByString<T>(compute: (value: string) => T, capacity = 50_000): (value: string) => T {
  let newer = new Map<string, T>();
  let older = new Map<string, T>();
  return (value) => {
    if (newer.has(value)) return newer.get(value)!;
    const answer = older.has(value) ? older.get(value)! : compute(value);
    if (newer.size >= capacity) {
      older = newer;
      newer = new Map();
    }
    newer.set(value, answer);
    return answer;
  };
}
