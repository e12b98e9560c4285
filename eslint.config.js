// ESLint with typescript-eslint's type-aware rules for the server, the tests and the web app;
// formatting is Prettier's (npm run lint runs both).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'var/**', 'coverage/**', 'node_modules/**', 'apps/web/src/graphql/graphql-env.d.ts', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // A `let` that a callback made before its one assignment closes over cannot be a `const`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Off everywhere: Apollo plugin hooks, Nest lifecycle hooks, `stop()`/`release()` of the runtime
      // and the test fakes implement interfaces whose methods return promises, and `async` is how they
      // keep that signature (a throw becomes a rejection). An async function without an await is not
      // a bug; the promise rules above (floating, misused) catch the ones that are.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // bullmq's Queue and Worker are invariant in their backend and connection-option types (both
    // read and written), so the one field that holds either backend's queue needs `any` type arguments.
    files: ['libs/queue/src/bullmq-job-queue.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The two classic hook rules; the React Compiler's rules (the rest of `recommended`) cost a
    // fifth of the whole lint for an app the compiler does not build.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Tests read GraphQL and HTTP responses as untyped JSON (`Caller.gql` answers `Record<string, any>`
    // unless given a type) and assert on their values; typing every response would be a rewrite of the
    // suites that catches nothing the assertions do not. So `any` and its unsafe uses are allowed here
    // and only here; every other rule, the promise rules included, still applies to the tests.
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
