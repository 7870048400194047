'use strict';

// Layers of ../shared/design/architecture.md: imports point down only.
// Each entry lists the sibling folders a layer must not import from.
const layers = {
  shared: ['models', 'auth', 'api', 'coordinator', 'entities', 'cli', 'testing'],
  models: ['auth', 'api', 'coordinator', 'entities', 'cli', 'testing'],
  auth: ['api', 'coordinator', 'entities', 'cli', 'testing'],
  api: ['coordinator', 'entities', 'cli', 'testing'],
  coordinator: ['auth', 'entities', 'cli', 'testing'],
  entities: ['auth', 'api', 'cli', 'testing'],
  // The mock server is an independent oracle: it never reuses client code.
  testing: ['auth', 'api', 'coordinator', 'entities', 'cli'],
};

// Network and protocol libraries belong to their own layers only.
const clientPackages = ['axios', 'openid-client', 'p-retry'];

const layerOverrides = Object.entries(layers).map(([layer, forbidden]) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: forbidden.flatMap((name) => [`../${name}`, `../${name}/*`, `../../${name}/*`]),
            message: `src/${layer} may not import from a layer above it (architecture.md).`,
          },
          ...(['models', 'shared', 'testing'].includes(layer)
            ? [{ group: clientPackages, message: `src/${layer} stays free of HTTP clients.` }]
            : []),
        ],
      },
    ],
  },
}));

module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: {
    project: ['./tsconfig.json', './test/tsconfig.json'],
    tsconfigRootDir: __dirname,
  },
  plugins: ['@typescript-eslint'],
  extends: [
    'eslint:recommended',
    'plugin:@typescript-eslint/strict-type-checked',
    'plugin:@typescript-eslint/stylistic-type-checked',
  ],
  env: { node: true, es2022: true },
  ignorePatterns: ['dist/', 'coverage/', 'node_modules/', '*.cjs', '*.mjs'],
  reportUnusedDisableDirectives: true,
  rules: {
    '@typescript-eslint/no-floating-promises': 'error',
    '@typescript-eslint/no-misused-promises': 'error',
    '@typescript-eslint/switch-exhaustiveness-check': [
      'error',
      { requireDefaultForNonUnion: true, considerDefaultExhaustiveForUnions: false },
    ],
    '@typescript-eslint/no-explicit-any': 'error',
    '@typescript-eslint/consistent-type-imports': 'error',
    '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    '@typescript-eslint/only-throw-error': 'error',
    'no-console': 'error',
    'no-empty': ['error', { allowEmptyCatch: false }],
    eqeqeq: ['error', 'always'],
    'max-len': ['error', { code: 100, ignoreUrls: true, ignoreRegExpLiterals: true }],
  },
  overrides: [
    ...layerOverrides,
    {
      files: ['src/cli/**/*.ts'],
      rules: { 'no-console': 'off' },
    },
    {
      files: ['test/**/*.ts', 'vitest.config.ts'],
      rules: {
        'no-console': 'off',
        '@typescript-eslint/no-non-null-assertion': 'off',
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-assignment': 'off',
        '@typescript-eslint/no-unsafe-argument': 'off',
        '@typescript-eslint/no-unsafe-call': 'off',
        '@typescript-eslint/no-unsafe-return': 'off',
        '@typescript-eslint/no-empty-function': 'off',
        '@typescript-eslint/unbound-method': 'off',
      },
    },
  ],
};
