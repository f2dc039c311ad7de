/**
 * A placeholder that fits the input's one line: the first sentence of a description, cut at a
 * word near 80 characters (the whole description is shown elsewhere: an input's prompt, the
 * detail of a yes/no step's Yes).
 */
export function placeholderOf(description: string): string {
  // A sentence ends before a capital letter ("e.g. app=web" does not end one).
  const sentence = /^.*?[.!?](?=\s+[A-Z]|$)/.exec(description)?.[0] ?? description;
  if (sentence.length <= 80) return sentence;
  const cut = sentence.lastIndexOf(' ', 79);
  return `${sentence.slice(0, cut > 40 ? cut : 79)}…`;
}
