// Extension-host test entry point: the module passed as `extensionTestsPath`, both in
// code-server (test/e2e/run-exthost-tests.mjs, via the workbench URL payload) and in the
// Electron VS Code of @vscode/test-electron (test/electron/run.mjs).
// VS Code's extension host require()s it and calls run(); a rejected promise means failure
// (exit code 1), a resolved one success (0).

const fs = require('fs');
const path = require('path');
const util = require('util');
const Mocha = require('mocha');

// In code-server's extension host console.log only reaches the browser's console, while
// process.stdout.write also reaches the host's real stdout, which the VS Code server copies
// into its own output as "[ExtensionHostConnection] <pid> ..." (the runner echoes it). So
// the reporters print through stdout.
Mocha.reporters.Base.consoleLog = (...args) => process.stdout.write(`${util.format(...args)}\n`);

module.exports.run = function run() {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 30000 });
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      process.stdout.write(`EXTHOST-TESTS-RESULT: ${failures > 0 ? `FAIL (${failures} failing)` : 'PASS'}\n`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
      else resolve();
    });
  });
};
