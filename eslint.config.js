import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, __SHELFMARK_TEST__: 'readonly' } },
    rules: {
      // Page text enters the DOM only as text (DESIGN.md, security).
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Use textContent or DOM nodes: page text is never HTML.' },
        { property: 'outerHTML', message: 'Use textContent or DOM nodes: page text is never HTML.' },
        { property: 'insertAdjacentHTML', message: 'Use DOM nodes: page text is never HTML.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Page text is never HTML.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Layers (README "Layout"): what every context shares depends on nothing of any one context.
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*/**', '!../shared/**'], message: 'src/shared imports only src/shared and libraries.' }] },
      ],
    },
  },
  {
    // Formats turn records into files and back; the database is the background's business.
    files: ['src/formats/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../db/**', '../background/**', '../popup/**'], message: 'Formats use the records of src/shared, not the database.' }] },
      ],
    },
  },
  {
    // Test and tooling code may read fixture HTML into DOMParser / page.setContent.
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Browser-driving code passes functions that run inside extension pages and workers.
    files: ['test/e2e/**', 'bench/**', 'scripts/**'],
    languageOptions: { globals: globals.webextensions },
  },
);
