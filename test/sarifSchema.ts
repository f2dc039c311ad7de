import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';

/** The published SARIF 2.1.0 schema, compiled: returns the errors of a log (none when it is valid). */
export function sarifErrors(log: unknown): unknown[] {
  const require = createRequire(__filename);
  const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // The published schema has a pattern that is only valid without the u flag (`...{2}]?$`).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
  // The schema is really enforced: a run without a tool is refused.
  if (validate({ version: '2.1.0', runs: [{ results: [] }] })) throw new Error('the SARIF schema accepts anything');
  return validate(log) ? [] : [...(validate.errors ?? [])];
}
