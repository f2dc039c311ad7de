// Lint: typescript-eslint's recommended type-aware rules, plus the layering of the
// architecture as import restrictions: model <- rules <- yaml <- services <- lsp/cli,
// only yaml/ imports the `yaml` package, only lsp/ imports vscode-languageserver, only git/
// imports isomorphic-git, and the client knows the server only through protocol.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const yamlPackage = { name: 'yaml', message: 'Only server/src/yaml may import the yaml package.' };
const lspPackages = [
  { name: 'vscode-languageserver', message: 'Only server/src/lsp may import vscode-languageserver.' },
  { name: 'vscode-languageserver/node', message: 'Only server/src/lsp and the entry points may import vscode-languageserver.' },
  { name: 'vscode-languageserver/browser', message: 'Only the browser entry point may import vscode-languageserver/browser.' },
  { name: 'vscode-languageserver-textdocument', message: 'Only server/src/lsp may import vscode-languageserver-textdocument.' },
];
const gitPackage = { name: 'isomorphic-git', message: 'Only server/src/git reads git objects.' };
const lspTypes = { name: 'vscode-languageserver-types', message: 'The engine below services does not know LSP.' };
// The server runs in Node and in a web worker: only the Node entry, server/src/node and the CLI may use Node.
const nodeBuiltins = { group: ['node:*'], message: 'Node built-ins only in server/src/node, the CLI and the Node entry point.' };
const layer = (...patterns) => patterns.map((group) => ({ group: [group], message: `This layer may not import ${group}.` }));

function restrict(files, paths, patterns = [], runtime = [nodeBuiltins]) {
  return { files, rules: { 'no-restricted-imports': ['error', { paths, patterns: [...patterns, ...runtime] }] } };
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-vsix/**',
      'node_modules/**',
      '.vscode-web/**',
      '.vscode-test/**',
      'test-results/**',
      'scratch/**',
      'coverage/**',
      'bench/out/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
    },
  },
  { files: ['**/*.mjs', '**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
  },
  {
    // The extension-host suite is CommonJS loaded by VS Code's test runner (mocha TDD globals).
    files: ['test/exthost/**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        suite: 'readonly',
        test: 'readonly',
        suiteSetup: 'readonly',
        suiteTeardown: 'readonly',
        setup: 'readonly',
        teardown: 'readonly',
      },
    },
  },
  restrict(
    ['server/src/model/**'],
    [yamlPackage, ...lspPackages, lspTypes, gitPackage],
    layer('**/rules/**', '**/yaml/**', '**/services/**', '**/lsp/**', '**/cli/**', '**/git/**'),
  ),
  restrict(
    ['server/src/rules/**'],
    [yamlPackage, ...lspPackages, lspTypes, gitPackage],
    layer('**/yaml/**', '**/services/**', '**/lsp/**', '**/cli/**', '**/git/**'),
  ),
  restrict(['server/src/yaml/**'], [...lspPackages, lspTypes, gitPackage], layer('**/services/**', '**/lsp/**', '**/cli/**', '**/git/**')),
  restrict(['server/src/services/**'], [yamlPackage, ...lspPackages, gitPackage], layer('**/lsp/**', '**/cli/**', '**/git/**')),
  // git/: the object reader, beside the engine (lsp and cli use both).
  restrict(
    ['server/src/git/**'],
    [yamlPackage, ...lspPackages, lspTypes],
    layer('**/services/**', '**/lsp/**', '**/cli/**', '**/yaml/**', '**/rules/**', '**/model/**'),
    [],
  ),
  restrict(['server/src/lsp/**'], [yamlPackage, gitPackage], layer('**/cli/**', '**/node/**', '**/browser/**')),
  restrict(['server/src/node/**'], [yamlPackage, ...lspPackages], layer('**/lsp/**', '**/cli/**', '**/browser/**'), []),
  restrict(['server/src/browser/**'], [yamlPackage, gitPackage], layer('**/cli/**', '**/node/**')),
  restrict(['server/src/cli/**'], [yamlPackage, ...lspPackages, gitPackage], layer('**/lsp/**'), []),
  restrict(
    ['client/src/**'],
    [yamlPackage],
    [
      {
        group: ['**/server/src/*', '!**/server/src/protocol'],
        message: 'The client knows the server only through server/src/protocol.ts.',
      },
    ],
    [],
  ),
);
