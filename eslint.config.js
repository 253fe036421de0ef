// Lint rules are errors or off, never warnings (ARCHITECTURE.md, habit 14).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'src/web/assets/**', 'src/web/embed-widget/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read the environment in src/config.ts only.',
        },
      ],
    },
  },
  {
    files: ['src/config.ts', 'test/support/test-env.ts', 'test/support/server-process.ts', 'bench/**', 'e2e/support/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // The import table of ARCHITECTURE.md is enforced by dependency-cruiser (.dependency-cruiser.cjs, in `npm run lint`).
);
