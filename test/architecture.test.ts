import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = join(__dirname, '..');

/** The messages of the layout and syntax rules ESLint gives for `code` placed at `file` under the project's own config. */
async function ruleProblems(file: string, code: string): Promise<string[]> {
    const eslint = new ESLint({ cwd: ROOT });
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('the layout rules', function () {
    this.timeout(30_000);
    const cases: Array<[string, string, RegExp | null]> = [
        ['src/domain/x.ts', "import { conversationCard } from '../teams/cards/conversation-card';\nexport const x = conversationCard;\n", /ThreadPoster port|neither Teams/],
        ['src/domain/x.ts', "import { threadPeople } from '../flows/thread-people';\nexport const x = threadPeople;\n", /nor the flows/],
        ['src/integrations/x/y.ts', "import { registerLeadJobs } from '../../flows/leads/register-lead-jobs';\nexport const x = registerLeadJobs;\n", /flows use it, not the other way round/],
        ['src/flows/x/y.ts', "import { KommoClient } from '../../integrations/kommo/client';\nexport const x = KommoClient;\n", null],
        ['src/integrations/kommo/y.ts', "import { N8nClient } from '../n8n/client';\nexport const x = N8nClient;\n", /what needs two vendors is a flow/],
        ['src/integrations/zendesk/y.ts', "import type { WebhookIngress } from '../ingress';\nexport type X = WebhookIngress;\n", null],
        ['src/integrations/zendesk/y.ts', "import type { HelpdeskAdapter } from '../../domain/helpdesk';\nexport type X = HelpdeskAdapter;\n", null],
        ['src/flows/x/y.ts', "import { TeamsThreadPoster } from '../../teams/thread-poster';\nexport const x = TeamsThreadPoster;\n", /ThreadPoster port/],
        ['src/domain/x.ts', "import { route } from '../http/route';\nexport const x = route;\n", /neither Teams, HTTP/],
        ['src/domain/x.ts', "import { TurnContext } from 'botbuilder';\nexport const x = TurnContext;\n", /Bot Framework lives in src\/teams/],
        ['src/integrations/x/y.ts', "import { replyJob } from '../../teams/jobs/teams-send-jobs';\nexport const x = replyJob;\n", /ThreadPoster port/],
        ['src/http/x.ts', "import { TeamsThreadPoster } from '../teams/thread-poster';\nexport const x = TeamsThreadPoster;\n", /ThreadPoster port/],
        ['src/store/x.ts', "import { asSnapshot } from '../domain/conversation';\nexport const x = asSnapshot;\n", /domain's types only/],
        ['src/store/x.ts', "import type { Lead } from '../domain/lead';\nexport type X = Lead;\n", null],
        ['src/lib/x.ts', "import { STREAMS } from '../store/channel-bindings-repo';\nexport const x = STREAMS;\n", /src\/lib is a leaf/],
        ['src/texts/x.ts', "import type { Lead } from '../domain/lead';\nexport type X = Lead;\n", /src\/texts is a leaf/],
        ['src/texts/x.ts', "import { singleLine } from '../lib/markdown';\nexport const x = singleLine;\n", null],
        ['src/teams/x.ts', "import { TurnContext } from 'botbuilder';\nimport type { Lead } from '../domain/lead';\nexport const x = TurnContext;\nexport type X = Lead;\n", null],
        ['src/integrations/intercom/y.ts', "import { z } from 'zod';\nexport const x = z.string();\n", /zod 4's API/],
        ['src/domain/x.ts', "import { z } from 'zod';\nexport const x = z.string();\n", /zod 4's API/],
        ['src/config.ts', "import { z } from 'zod';\nexport const x = z.string();\n", /zod 4's API/],
        ['src/integrations/intercom/y.ts', "import { z } from 'zod/v4';\nexport const x = z.string();\n", null],
        ['src/http/x.ts', "export const view = (req: { body: string }) => ({ get body() { return req.body; } });\n", /No getters or setters in object literals/],
        ['src/http/x.ts', "export const view = (req: { body: string }) => ({ set body(v: string) { req.body = v; } });\n", /No getters or setters in object literals/],
        ['src/http/x.ts', "export class View { constructor(private readonly req: { body: string }) {}\n    get body() { return this.req.body; } }\n", null]
    ];
    for (const [file, code, expected] of cases) {
        it(`${expected ? 'refuses' : 'allows'} ${code.split('\n')[0]} in ${file}`, async () => {
            const problems = await ruleProblems(file, code);
            if (expected) assert.match(problems.join('\n'), expected);
            else assert.deepEqual(problems, []);
        });
    }
});
