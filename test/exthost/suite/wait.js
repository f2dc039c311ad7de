// Event-driven waits shared by the extension-host suites (not a test file: index.js loads only
// *.test.js). Never a fixed sleep: the state is read now and again after each event.

const WAIT_MS = 20000;

/**
 * Resolves with the first value of `ask()` (sync or async) that `ok` accepts, asking now and
 * after each firing of `event` (e.g. `vscode.languages.onDidChangeDiagnostics`). Rejects when
 * `ask` rejects, or after `timeoutMs` with `what` and, when given, `describe()` of the state.
 */
function untilEvent(event, ask, ok, what, { timeoutMs = WAIT_MS, describe } = {}) {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      listener.dispose();
      if (error) reject(error);
      else resolve(value);
    };
    const attempt = () =>
      Promise.resolve()
        .then(ask)
        .then(
          (value) => ok(value) && finish(undefined, value),
          (error) => finish(error),
        );
    const timer = setTimeout(() => {
      const state = describe ? `; now: ${describe()}` : '';
      finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state}`));
    }, timeoutMs);
    const listener = event(() => void attempt());
    void attempt();
  });
}

module.exports = { WAIT_MS, untilEvent };
