// Completion requests over LSP at value and key positions spread over a file: the latency a
// user feels when the suggestions open (`key: ` values, label values, keys of a mapping).

/** Value positions (just after `protocol: `, `port: `, a label's `: `) and key positions (a key's first character), alternating. */
function positions(text) {
  const lines = text.split('\n');
  const values = [];
  const keys = [];
  lines.forEach((l, line) => {
    const value = /^(\s+(?:- )?)(protocol|port|app|tier|operator): /.exec(l);
    if (value) values.push({ line, character: value[0].length });
    const key = /^(\s+(?:- )?)(podSelector|policyTypes|ports|from|to):/.exec(l);
    if (key) keys.push({ line, character: key[1].length });
  });
  return { values, keys };
}

/** `count` completion requests; returns their latencies in ms. */
export async function completionLatencies(connection, uri, text, count) {
  const { values, keys } = positions(text);
  const latencies = [];
  for (let k = 0; k < count; k++) {
    const pool = k % 2 ? keys : values;
    const position = pool[Math.floor((k * pool.length) / count)];
    const sent = performance.now();
    await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
    latencies.push(performance.now() - sent);
  }
  return latencies;
}
