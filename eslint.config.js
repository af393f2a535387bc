import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { readdirSync } from 'node:fs';
import { serverLayers } from './eslint/serverLayers.js';

// Imports flow one way: the server never imports UI.
const noUi = { group: ['**/features/**', '**/app/**', '**/lib/**'], message: 'The server never imports UI code.' };
const storeFaceOnly = {
  group: ['**/store/*', '!**/store/index'],
  message: 'Import the store through its face, server/store/index.ts.',
};
const storeEngines = ['kysely', 'pg', 'better-sqlite3'].map((name) => ({
  name,
  message: 'Queries and engines live in server/store/; ask the store for an ability.',
}));

// A feature is used through its face (src/features/<name>/index.ts), from the app and from other features. The
// offline worker reads the saved list's module alone: the face would bring the saved page's components into the
// service worker's chunk.
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const featureFaceOnly = {
  group: [...features.flatMap((name) => [`../${name}/*`, `../../${name}/*`]), '!../saved/list'],
  message: 'Import another feature through its index.ts.',
};
const appFeatureFaceOnly = { group: ['../features/*/*'], message: 'The app imports a feature through its index.ts.' };

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'bench'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat['recommended-latest'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The schema and lib know nothing of features or the app.
    files: ['src/schema/**', 'src/lib/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/features/**', '**/app/**'] }] },
  },
  {
    files: ['src/features/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/app/**'] }, featureFaceOnly] }] },
  },
  {
    files: ['src/app/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [appFeatureFaceOnly] }] },
  },
  {
    files: ['server/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noUi] }] },
  },
  {
    // One data layer: the rest of the code asks the store's face (server/store/index.ts) for named abilities.
    files: ['test/**', 'scripts/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [storeFaceOnly] }] },
  },
  {
    files: ['server/**'],
    ignores: ['server/store/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noUi, storeFaceOnly] }] },
  },
  {
    // Beyond the store, the server never sees the query builder, the drivers or which engine is underneath.
    files: ['server/**'],
    ignores: ['server/store/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: storeEngines, patterns: [noUi, storeFaceOnly] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='engine']",
          message: 'Engine differences are store abilities (server/store/index.ts), not checks in callers.',
        },
        {
          selector: "MemberExpression[property.name='db']",
          message: "The query builder is the store's own; ask the store for an ability.",
        },
      ],
    },
  },
  {
    // The server's parts import one way, each through its face: see eslint/serverLayers.js.
    files: ['server/**', 'scripts/**', 'test/**'],
    plugins: { byline: { rules: { 'server-layers': serverLayers } } },
    rules: { 'byline/server-layers': 'error' },
  },
);
