/**
 * Lint for what review cannot keep by habit: no import cycle at run time in the code (style.md:
 * modules reach each other through tables and contexts, so a forgotten cycle shows up here, not
 * as a `ReferenceError: Cannot access … before initialization`). Type imports do not count.
 * Formatting is Prettier's job (`npm run format`), not ESLint's.
 */
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default [
  {
    files: ['src/**/*.ts', 'build/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Vite resolves DuckDB's blocking browser build through an alias (vite.config.ts).
      'import-x/no-unresolved': [
        'error',
        { ignore: ['^@duckdb/duckdb-wasm/dist/duckdb-browser-blocking\\.mjs$'] },
      ],
    },
  },
];
