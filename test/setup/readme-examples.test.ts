import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../helpers/start-app';

const ROOT = join(__dirname, '..', '..');

/** Runs a bash script (asynchronously: the server under test lives in this process). */
function bash(script: string): Promise<{ status: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        execFile('bash', ['-euo', 'pipefail', '-c', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 }, (err, stdout, stderr) => {
            resolve({ status: err ? Number((err as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr });
        });
    });
}

/** The shell block between the README's webhook-examples markers, as a reader copies it. */
function readmeWebhookExamples(): string {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = /<!-- webhook-examples:start -->\s*```bash\n([\s\S]*?)```\s*<!-- webhook-examples:end -->/.exec(readme);
    assert.ok(section, 'README has the webhook examples block');
    return section[1]!;
}

describe('the README', () => {
    let app: TestApp;
    afterEach(async () => app?.stop());

    it("runs its curl examples of every webhook against a started server, each accepted (and each vendor's example stored)", async function () {
        this.timeout(60_000);
        app = await startTestApp({
            INTERCOM_CLIENT_SECRET: 'intercom-secret',
            ZENDESK_WEBHOOK_SECRET: 'zendesk-secret',
            KOMMO_WEBHOOK_TOKEN: 'kommo-token',
            META_APP_SECRET: 'meta-secret',
            META_VERIFY_TOKEN: 'meta-verify',
            RDSTATION_WEBHOOK_TOKEN: 'rd-token',
            LEADS_API_KEY: 'leads-key',
            N8N_CALLBACK_TOKEN: 'n8n-token',
            RUN_WORKER: 'false'
        });
        // The reader's block, pointed at this server instead of localhost:3978.
        const script = readmeWebhookExamples().replace('DESKBRIDGE=http://localhost:3978', `DESKBRIDGE=${app.url}`);
        const run = await bash(script);
        assert.equal(run.status, 0, run.stderr);
        const codes = Object.fromEntries(run.stdout.trim().split('\n').map((line) => line.split(' ') as [string, string]));
        assert.deepEqual(Object.keys(codes).sort(), ['intercom', 'kommo', 'leads', 'meta', 'meta-handshake', 'n8n', 'rdstation', 'zendesk'], 'one example per webhook');
        for (const [source, code] of Object.entries(codes)) assert.match(code, /^20[02]$/, `${source} answered ${code}`);
        const stored = await app.repos.db.kysely.selectFrom('inbox').select('source').execute();
        for (const source of ['intercom', 'zendesk', 'kommo', 'meta', 'rdstation']) assert.ok(stored.some((r) => r.source === source), `the ${source} delivery is stored`);
    });

    it('its examples fail with a wrong secret (the signing one-liner really signs)', async function () {
        this.timeout(60_000);
        app = await startTestApp({ INTERCOM_CLIENT_SECRET: 'another-secret', ZENDESK_WEBHOOK_SECRET: 'another-secret', RUN_WORKER: 'false' });
        const script = readmeWebhookExamples().replace('DESKBRIDGE=http://localhost:3978', `DESKBRIDGE=${app.url}`);
        const signedOnes = script.split('\n# Kommo')[0]!;
        const run = await bash(signedOnes);
        assert.equal(run.stdout.trim(), 'intercom 401\nzendesk 401');
    });

    it('never points outside the repository for how Deskbridge works', () => {
        const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
        assert.doesNotMatch(readme, /\.\.\/shared|DESIGN\.md/);
        for (const link of readme.matchAll(/\]\((?!https?:|mailto:|#)([^)]+)\)/g)) {
            const target = link[1]!.split('#')[0]!;
            if (target) assert.ok(existsSync(join(ROOT, target)), `README links to ${target}, which is not in the repository`);
        }
    });
});
