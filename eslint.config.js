// One flat config for the whole workspace: typescript-eslint's recommended rules, plus the
// house rules that matter here (no `any` in public APIs, type-only imports, env read in one place).
// Svelte components get eslint-plugin-svelte's recommended rules, their <script lang="ts"> parsed
// by typescript-eslint.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/build/**',
      '**/.svelte-kit/**',
      '**/.turbo/**',
      '**/coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
    rules: {
      // TypeScript (svelte-check) already knows the browser's globals; ESLint's list would not.
      'no-undef': 'off',
      // The dashboard is served at the root (no paths.base) and its links carry the view's query
      // string (built by filterHref), which resolve() does not take.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    // process.env is read in exactly one env.ts per app.
    files: ['**/src/**/*.ts'],
    // Tests may hand an environment to a child process they spawn.
    ignores: ['**/src/env.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in env.ts only.' },
      ],
    },
  },
);
