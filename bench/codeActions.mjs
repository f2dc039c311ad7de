// Code action requests over LSP, as the editor sends them: at `count` diagnostics spread over
// the file, with the diagnostic in the context (the lightbulb and Ctrl+.), and "Fix all"
// (`source.fixAll.netpol`) of the whole file, which re-validates it and runs every provider.

/** Latencies in ms of `count` quick-fix requests and of `fixAllRuns` fix-all requests. */
export async function codeActionLatencies(connection, uri, diagnostics, count, fixAllRuns = 3) {
  const netpol = diagnostics.filter((d) => d.source === 'netpol');
  const quickFixes = [];
  for (let k = 0; k < Math.min(count, netpol.length); k++) {
    const diagnostic = netpol[Math.floor((k * netpol.length) / count)];
    const sent = performance.now();
    await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], triggerKind: 2 },
    });
    quickFixes.push(performance.now() - sent);
  }
  const fixAll = [];
  const start = { line: 0, character: 0 };
  for (let k = 0; k < fixAllRuns; k++) {
    const sent = performance.now();
    await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start, end: start },
      context: { diagnostics: [], only: ['source.fixAll.netpol'], triggerKind: 1 },
    });
    fixAll.push(performance.now() - sent);
  }
  return { quickFixes, fixAll };
}
