import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

interface Report {
    answered: boolean;
    afterTurn: string[];
    heavyLoaded: { dialogs: boolean; recognizers: boolean; tokenizers: boolean };
    promptIsDialog: boolean;
    afterSignInUse: string[];
}

describe('The Teams AI library without the parts Deskbridge does not use', () => {
    it('answers Teams turns without loading the sign-in dialogs or the AI planner, and loads the dialogs when sign-in is used', async function () {
        this.timeout(60000);
        const child = join(__dirname, '..', 'fixtures', 'teams-ai-footprint-child.ts');
        const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', child], { env: { PATH: process.env.PATH ?? '' } });
        const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as Report;
        assert.equal(report.answered, true, 'the bot answered @Deskbridge help');
        assert.deepEqual(report.afterTurn, [], 'nothing deferred was needed for a turn');
        assert.deepEqual(report.heavyLoaded, { dialogs: false, recognizers: false, tokenizers: false });
        // Sign-in still works as the library means it: the real modules load on first use.
        assert.equal(report.promptIsDialog, true);
        assert.deepEqual([...report.afterSignInUse].sort(), ['./authentication/TeamsBotSsoPrompt', 'botbuilder-dialogs']);
    });
});
