import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import layering from './eslint.layering.cjs';

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'cdk.org.out/**', 'coverage/**', 'dist/**', '*.js', '*.mjs', '*.cjs', 'bin/**', '.build/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...layering,
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
