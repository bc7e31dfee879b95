import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

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
});
