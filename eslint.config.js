// Lint: typescript-eslint's type-aware rules, with floating promises an error (`void` marks intent).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-sim/',
      'dist-firefox/',
      'dist-firefox-sim/',
      'release/',
      'node_modules/',
      'coverage/',
      '.profiles/',
      'bench/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node, ...globals.serviceworker, chrome: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The core is pure: rules and parsers that need no browser, and so are each source's parser and status
    // table. Browser I/O lives in thin modules around them.
    files: [
      'src/core/**',
      'src/background/sources/*/parse.ts',
      'src/background/sources/*/status.ts',
      'src/background/status/formats/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['webextension-polyfill', 'idb'],
          patterns: [
            {
              group: ['**/shared/*', '**/background/*', '**/popup/*', '**/options/*'],
              message: 'Pure code imports only pure code.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'chrome', 'browser', 'indexedDB', 'fetch', 'localStorage'],
    },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
