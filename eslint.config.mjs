// ESLint flat config: typescript-eslint's recommended rules, and no `any` in our code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['dist/**', 'node_modules/**', 'data/**', 'devTools/**', 'appPackage/build/**'] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ['**/*.ts'],
        rules: {
            '@typescript-eslint/no-explicit-any': 'error',
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
            'no-console': 'error',
            // src/teams/teams-ai.ts loads the library without the parts Deskbridge does not use.
            '@typescript-eslint/no-restricted-imports': [
                'error',
                { paths: [{ name: '@microsoft/teams-ai', message: "Import runtime values from src/teams/teams-ai.ts (types may come from '@microsoft/teams-ai').", allowTypeImports: true }] }
            ]
        }
    },
    {
        // Leaves: lib/ imports nothing of the app; texts/ imports only lib/ (and each other), so
        // both can be used from anywhere without dragging a layer along.
        files: ['src/lib/**/*.ts'],
        rules: {
            '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['../*'], message: 'src/lib is a leaf: it imports nothing of the app.' }] }]
        }
    },
    {
        files: ['src/texts/**/*.ts'],
        rules: {
            '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['../*', '!../lib', '!../lib/*'], message: 'src/texts is a leaf: it imports only src/lib.' }] }]
        }
    },
    {
        files: ['**/*.mjs'],
        languageOptions: { globals: { process: 'readonly', console: 'readonly' } }
    },
    {
        files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
        rules: { '@typescript-eslint/no-non-null-assertion': 'off' }
    }
);
