import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { testPostgresUrl } from '../helpers/databases';
import { isAlive } from '../helpers/children';
import { probePostgres, resolveTestPostgres } from '../helpers/postgres-server';

const ROOT = join(__dirname, '..', '..');
const MOCHA = join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');

/** Runs mocha on one file with the suite's global fixture, as `npm test` would, in a child process. */
function runMocha(file: string, env: Record<string, string>) {
    return spawnSync(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', MOCHA, '--no-config', '--require', 'test/helpers/test-run.ts', '--extension', 'ts', '--timeout', '20000', '--exit', file], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
        timeout: 60_000
    });
}

describe('the test run on a machine with nothing but Node.js', () => {
    it('starts an embedded PostgreSQL when none answers, runs queries on it, and removes it afterwards', async function () {
        this.timeout(60_000);
        const server = await resolveTestPostgres({ machineUrl: 'postgres://postgres@127.0.0.1:1/test' });
        let stopped = false;
        try {
            assert.equal(server.origin, 'embedded');
            const client = new pg.Client({ connectionString: server.url });
            await client.connect();
            const { rows } = await client.query<{ v: string }>('SELECT current_database() AS v');
            await client.end();
            assert.equal(rows[0]?.v, 'test', 'the suites get a database named test');
            await server.stop();
            stopped = true;
            assert.deepEqual(await probePostgres(server.url, 1000).then((p) => p.ok), false, 'the server is gone once stopped');
        } finally {
            if (!stopped) await server.stop();
        }
    });

    it('stops at once with one clear line when TEST_DATABASE_URL names a server that does not answer', function () {
        this.timeout(60_000);
        const run = runMocha('test/fixtures/leaky-run.ts', { TEST_DATABASE_URL: 'postgres://someone:hunter2@127.0.0.1:1/test', LEAK_REPORT: '/dev/null' });
        assert.equal(run.status, 1);
        const lines = run.stderr.trim().split('\n');
        assert.equal(lines.length, 1, run.stderr);
        assert.match(lines[0]!, /TEST_DATABASE_URL=postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/test does not answer \(ECONNREFUSED\)/);
        assert.doesNotMatch(run.stderr + run.stdout, /hunter2/, 'the password is not printed');
        assert.doesNotMatch(run.stdout, /passing|failing/, 'no test ran');
    });

    it('leaves no folder, process or schema behind when a test fails', async function () {
        this.timeout(60_000);
        const reportDir = mkdtempSync(join(tmpdir(), 'leak-report-'));
        try {
            const report = join(reportDir, 'report.json');
            const run = runMocha('test/fixtures/leaky-run.ts', { TEST_DATABASE_URL: testPostgresUrl(), LEAK_REPORT: report });
            assert.equal(run.status, 1, 'the leaking test fails');
            assert.match(run.stdout, /1 failing/);
            const leak = JSON.parse(readFileSync(report, 'utf8')) as { dir: string; pid: number; schema: string; tmp: string };
            assert.equal(existsSync(leak.dir), false, 'the temporary folder is gone');
            assert.equal(existsSync(leak.tmp), false, 'and the run folder it was in');
            assert.equal(isAlive(leak.pid), false, 'the child process is gone');
            const client = new pg.Client({ connectionString: testPostgresUrl() });
            await client.connect();
            try {
                const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [leak.schema]);
                assert.equal(rowCount, 0, 'the schema is dropped');
            } finally {
                await client.end();
            }
        } finally {
            rmSync(reportDir, { recursive: true, force: true });
        }
    });
});
