// ESLint flat config: typescript-eslint's recommended rules, and no `any` in our code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Bot Framework and teams-ai are imported only inside src/teams/ (a move to the Teams SDK rewrites
// one folder). Repeated in each layer's rule below: a later block for the same files replaces it.
const BOT_FRAMEWORK_ONLY_IN_TEAMS = [
    { name: 'botbuilder', message: 'Bot Framework lives in src/teams/.' },
    { name: 'botframework-connector', message: 'Bot Framework lives in src/teams/.' },
    { name: '@microsoft/teams-ai', message: 'teams-ai lives in src/teams/.' }
];
// zod 4's API, from the `zod/v4` entry of the installed zod 3.25 (the package serves both; `openai`,
// under @microsoft/teams-ai, needs zod 3 as a peer): zod 3 allocated 16 KB and took 8.7 µs for an
// Intercom delivery's two checks, zod 4 2.5 KB and 1.5 µs. Listed in every layer's rule below,
// because a later rule for the same files replaces an earlier one's options instead of adding to them.
const ZOD_4_API = { name: 'zod', message: "Use zod 4's API: import { z } from 'zod/v4'." };
const TEAMS_ONLY_AT_THE_EDGE = { group: ['**/teams/*', '**/teams'], message: 'Only the edge wiring (src/app.ts, src/jobs.ts) imports src/teams/: post through the ThreadPoster port (domain/thread-post.ts).' };

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
                { paths: [{ name: '@microsoft/teams-ai', message: "Import runtime values from src/teams/teams-ai.ts (types may come from '@microsoft/teams-ai').", allowTypeImports: true }, ZOD_4_API] }
            ]
        }
    },
    {
        // The direction of the flow (docs/design.md): teams/ is an edge that only src/app.ts and
        // src/jobs.ts wire in; the domain knows neither Teams nor HTTP nor the vendors; the store
        // and the outbox sit below it. Bot Framework and teams-ai stay inside src/teams/, so a
        // move to the Teams SDK rewrites one folder.
        files: ['src/domain/**/*.ts', 'src/integrations/**/*.ts', 'src/flows/**/*.ts', 'src/http/**/*.ts', 'src/outbox/**/*.ts', 'src/store/**/*.ts'],
        rules: {
            '@typescript-eslint/no-restricted-imports': [
                'error',
                {
                    paths: [...BOT_FRAMEWORK_ONLY_IN_TEAMS, ZOD_4_API],
                    patterns: [TEAMS_ONLY_AT_THE_EDGE]
                }
            ]
        }
    },
    {
        files: ['src/integrations/**/*.ts'],
        rules: {
            '@typescript-eslint/no-restricted-imports': [
                'error',
                {
                    paths: [...BOT_FRAMEWORK_ONLY_IN_TEAMS, ZOD_4_API],
                    patterns: [
                        TEAMS_ONLY_AT_THE_EDGE,
                        { group: ['**/flows/*', '**/http/*', '../../app', '../../jobs'], message: 'A vendor folder knows one system: flows use it, not the other way round.' },
                        { group: ['../intercom/*', '../zendesk/*', '../kommo/*', '../meta/*', '../rdstation/*', '../n8n/*', '../graph/*'], message: 'A vendor folder knows one system: what needs two vendors is a flow (src/flows/).' }
                    ]
                }
            ]
        }
    },
    {
        files: ['src/domain/**/*.ts'],
        rules: {
            '@typescript-eslint/no-restricted-imports': [
                'error',
                {
                    paths: [...BOT_FRAMEWORK_ONLY_IN_TEAMS, ZOD_4_API],
                    patterns: [{ group: ['**/teams/*', '**/http/*', '**/integrations/*', '**/flows/*', '../app', '../jobs'], message: 'The domain knows neither Teams, HTTP, the vendors nor the flows across them.' }]
                }
            ]
        }
    },
    {
        files: ['src/outbox/**/*.ts', 'src/store/**/*.ts'],
        rules: {
            '@typescript-eslint/no-restricted-imports': [
                'error',
                {
                    paths: [...BOT_FRAMEWORK_ONLY_IN_TEAMS, ZOD_4_API],
                    patterns: [
                        { group: ['**/teams/*', '**/http/*', '**/integrations/*', '**/flows/*', '../app', '../jobs'], message: 'The store and the outbox sit below the domain and the edges.' },
                        // The repositories return the domain's records: their types only.
                        { group: ['**/domain/*'], message: 'The store and the outbox may use the domain\'s types only (import type).', allowTypeImports: true }
                    ]
                }
            ]
        }
    },
    {
        // Leaves: lib/ imports nothing of the app; texts/ imports only lib/ (and each other), so
        // both can be used from anywhere without dragging a layer along.
        files: ['src/lib/**/*.ts'],
        rules: {
            '@typescript-eslint/no-restricted-imports': ['error', { paths: [ZOD_4_API], patterns: [{ group: ['../*'], message: 'src/lib is a leaf: it imports nothing of the app.' }] }]
        }
    },
    {
        files: ['src/texts/**/*.ts'],
        rules: {
            '@typescript-eslint/no-restricted-imports': ['error', { paths: [ZOD_4_API], patterns: [{ group: ['../*', '!../lib', '!../lib/*'], message: 'src/texts is a leaf: it imports only src/lib.' }] }]
        }
    },
    {
        // An object literal's getter or setter that closes over a request pins that request: V8
        // keeps the accessor pair in the old generation, so every young-generation collection
        // treats what the closure sees (socket state, raw bytes, parsed JSON) as live until the
        // next full collection. One such literal per webhook made 36 % of all bytes allocated in
        // a burst survive each young collection (3 % with a class; README, Benchmarks).
        files: ['src/**/*.ts'],
        rules: {
            'no-restricted-syntax': [
                'error',
                { selector: "Property[kind='get'], Property[kind='set']", message: 'No getters or setters in object literals: use a class (its accessors are shared on the prototype), or a plain method.' }
            ]
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
