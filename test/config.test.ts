import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from '../src/config';
import { loadEnvFile } from '../src/env-file';

function problemsOf(env: Record<string, string>): string[] {
    try {
        loadConfig(env);
    } catch (err) {
        if (err instanceof ConfigError) return err.problems;
        throw err;
    }
    return [];
}

describe('configuration', () => {
    it('runs on working local defaults with nothing set', () => {
        const config = loadConfig({});
        assert.equal(config.PORT, 3978);
        assert.deepEqual(config.database, { kind: 'sqlite', file: './data/deskbridge.db' });
        assert.equal(config.anonymousBot, true);
        assert.equal(config.DEFAULT_LOCALE, 'en');
        assert.equal(config.INTERCOM_API_BASE_URL, 'https://api.intercom.io');
        assert.deepEqual(config.ADMIN_USERS, []);
    });

    it('treats empty values from env files as unset', () => {
        const config = loadConfig({ PORT: '', BOT_ID: '', DATABASE_URL: ' ' });
        assert.equal(config.PORT, 3978);
        assert.equal(config.anonymousBot, true);
    });

    it('selects PostgreSQL for a postgres:// URL and parses lists', () => {
        const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/x', ADMIN_USERS: 'Ana@Contoso.com, aad-1 ,', ALLOWED_TENANT_IDS: 't1,t2' });
        assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://u@db:5432/x' });
        assert.deepEqual(config.ADMIN_USERS, ['ana@contoso.com', 'aad-1']);
        assert.deepEqual(config.ALLOWED_TENANT_IDS, ['t1', 't2']);
    });

    it('lists every bad variable with the reason, in one error', () => {
        assert.throws(
            () => loadConfig({ PORT: 'eighty', DEFAULT_LOCALE: 'fr', INTERCOM_API_BASE_URL: 'api.intercom.io', DATABASE_URL: 'mysql://x', BOT_ID: 'abc', BOT_TYPE: 'Weird' }),
            (err: unknown) => {
                assert.ok(err instanceof ConfigError);
                const fields = err.problems.map((p) => p.split(' ')[0]);
                for (const name of ['PORT', 'DEFAULT_LOCALE', 'INTERCOM_API_BASE_URL', 'DATABASE_URL', 'BOT_TYPE']) assert.ok(fields.includes(name), `${name} reported in ${err.message}`);
                return true;
            }
        );
    });

    it('refuses anonymous Bot Framework mode in production', () => {
        assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /BOT_ID is required when NODE_ENV=production/);
        const config = loadConfig({ NODE_ENV: 'production', BOT_ID: 'app-id', BOT_PASSWORD: 'pw', BOT_TENANT_ID: 'tenant-1' });
        assert.equal(config.anonymousBot, false);
    });

    it('requires the password for a bot id and the tenant for single-tenant bots', () => {
        assert.throws(() => loadConfig({ BOT_ID: 'app-id' }), /BOT_PASSWORD is required/);
        assert.throws(() => loadConfig({ BOT_ID: 'app-id', BOT_PASSWORD: 'pw', BOT_TYPE: 'SingleTenant' }), /BOT_TENANT_ID is required/);
        // Azure creates no new multi-tenant bots (July 2025): single-tenant is the default, and needs its tenant.
        assert.throws(() => loadConfig({ BOT_ID: 'app-id', BOT_PASSWORD: 'pw' }), /BOT_TENANT_ID is required when BOT_TYPE is SingleTenant/);
        assert.equal(loadConfig({ BOT_ID: 'app-id', BOT_PASSWORD: 'pw', BOT_TENANT_ID: 't' }).BOT_TYPE, 'SingleTenant');
        assert.equal(loadConfig({ BOT_ID: 'app-id', BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: 't' }).BOT_TYPE, 'UserAssignedMSI');
        assert.equal(loadConfig({ BOT_ID: 'app-id', BOT_PASSWORD: 'pw', BOT_TYPE: 'MultiTenant' }).BOT_TYPE, 'MultiTenant', 'bots registered before July 2025 keep working');
    });

    it('never echoes a value in the error (it may be a secret)', () => {
        try {
            loadConfig({ PORT: 'super-secret-value-123' });
            assert.fail('should throw');
        } catch (err) {
            assert.doesNotMatch((err as Error).message, /super-secret-value-123/);
        }
    });

    it('makes the process exit at start with the list of problems', () => {
        const result = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'src', 'index.ts')], {
            env: { PATH: process.env.PATH, PORT: 'x', DEFAULT_LOCALE: 'fr' },
            encoding: 'utf8',
            timeout: 20000
        });
        assert.equal(result.status, 1);
        assert.match(result.stderr, /Invalid configuration:/);
        assert.match(result.stderr, /PORT must be a port number/);
        assert.match(result.stderr, /DEFAULT_LOCALE must be one of en, pt-BR, de/);
    });

    it('reports every problem at once, checks across variables included', () => {
        const problems = problemsOf({ PORT: 'x', SLA_BUSINESS_HOURS: 'Mon-Fri 9-6', BOT_ID: 'app-id', LOG_LEVEL: 'loud', KOMMO_ACCESS_TOKEN: 'tok' });
        const named = problems.map((p) => p.split(' ')[0]);
        assert.deepEqual(named.sort(), ['BOT_PASSWORD', 'BOT_TENANT_ID', 'KOMMO_BASE_URL', 'LOG_LEVEL', 'PORT', 'SLA_BUSINESS_HOURS'].sort(), problems.join('\n'));
    });

    it('names LEADS_SCORING_RULES when its file is missing or wrong', () => {
        const dir = mkdtempSync(join(tmpdir(), 'rules-'));
        try {
            const [missing] = problemsOf({ LEADS_SCORING_RULES: join(dir, 'nope.yml') });
            assert.match(missing ?? '', /^LEADS_SCORING_RULES names .*nope\.yml, which does not exist/);
            writeFileSync(join(dir, 'bad.json'), '{"thresholds": 3}');
            const [bad] = problemsOf({ LEADS_SCORING_RULES: join(dir, 'bad.json') });
            assert.match(bad ?? '', /^LEADS_SCORING_RULES .*bad\.json: /);
            writeFileSync(join(dir, 'broken.json'), '{');
            assert.match(problemsOf({ LEADS_SCORING_RULES: join(dir, 'broken.json') })[0] ?? '', /^LEADS_SCORING_RULES .*broken\.json: /);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    describe('.env', () => {
        let dir: string;
        beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'envfile-'))));
        afterEach(() => rmSync(dir, { recursive: true, force: true }));

        it('reads .env in the working folder, comments and quotes included; the environment wins', () => {
            writeFileSync(join(dir, '.env'), '# local settings\nPORT=4100\nDEFAULT_LOCALE="pt-BR"\nLOG_LEVEL=debug # noisy\n');
            const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn' };
            assert.equal(loadEnvFile(env, dir), join(dir, '.env'));
            const config = loadConfig(env);
            assert.equal(config.PORT, 4100);
            assert.equal(config.DEFAULT_LOCALE, 'pt-BR');
            assert.equal(config.LOG_LEVEL, 'warn', 'a variable set in the environment is not overridden');
        });

        it('does without a file, and says so when DESKBRIDGE_ENV_FILE names one that is missing', () => {
            assert.equal(loadEnvFile({}, dir), undefined);
            assert.throws(() => loadEnvFile({ DESKBRIDGE_ENV_FILE: 'prod.env' }, dir), /DESKBRIDGE_ENV_FILE names .*prod\.env, which does not exist/);
        });

        it('is read by the app at start', () => {
            writeFileSync(join(dir, '.env'), 'PORT=not-a-port\nDEFAULT_LOCALE=fr\n');
            // Another working folder: tsx is given by path, as it is not found from there.
            const tsx = pathToFileURL(join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
            const result = spawnSync(process.execPath, ['--import', tsx, join(__dirname, '..', 'src', 'index.ts')], { cwd: dir, env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 20000 });
            assert.equal(result.status, 1);
            assert.match(result.stderr, /PORT must be a port number/);
            assert.match(result.stderr, /DEFAULT_LOCALE must be one of/);
        });
    });

    it('lists every variable it reads in .env.example, and nothing it does not', async () => {
        const { readFileSync } = await import('node:fs');
        const example = readFileSync(join(__dirname, '..', '.env.example'), 'utf8');
        const listed = new Set([...example.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
        const source = readFileSync(join(__dirname, '..', 'src', 'config.ts'), 'utf8');
        const fieldsBlock = source.slice(source.indexOf('const fields = {'), source.indexOf('\n};', source.indexOf('const fields = {')));
        const read = new Set([...fieldsBlock.matchAll(/^\s{4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]));
        read.add('DESKBRIDGE_ENV_FILE');
        assert.deepEqual([...read].filter((v) => !listed.has(v)), [], 'variables missing from .env.example');
        assert.deepEqual([...listed].filter((v) => !read.has(v!)), [], 'variables in .env.example that Deskbridge does not read');
    });
});

