import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { openDatabase, DatabaseUnreachableError } from '../../src/store/database';
import { networkFilesystemName, UnsafeSqliteLocationError } from '../../src/store/network-filesystem';
import { startTestApp } from '../helpers/start-app';

const ROOT = join(__dirname, '..', '..');

describe("a newcomer's first hour", () => {
    describe('the database', () => {
        it('says "database unreachable" (no password) when PostgreSQL does not answer', async () => {
            await assert.rejects(
                openDatabase({ kind: 'postgres', url: 'postgres://deskbridge:hunter2@127.0.0.1:1/deskbridge' }),
                (err: Error) => {
                    assert.ok(err instanceof DatabaseUnreachableError);
                    assert.match(err.message, /^database unreachable: postgres:\/\/deskbridge:\*\*\*@127\.0\.0\.1:1\/deskbridge \(ECONNREFUSED\)/);
                    assert.doesNotMatch(err.message, /hunter2|migration/);
                    return true;
                }
            );
        });

        it('refuses a SQLite file on a network filesystem, saying what to do, and creates nothing', async () => {
            const dir = mkdtempSync(join(tmpdir(), 'netfs-'));
            try {
                const file = join(dir, 'deskbridge.db');
                // App Service's /home is SMB: statfs reports CIFS's magic number.
                await assert.rejects(openDatabase({ kind: 'sqlite', file }, { filesystemTypeOf: () => 0xff534d42 }), (err: Error) => {
                    assert.ok(err instanceof UnsafeSqliteLocationError);
                    assert.match(err.message, /network filesystem \(cifs\)/);
                    assert.match(err.message, /Set DATABASE_URL to a PostgreSQL server/);
                    return true;
                });
                assert.equal(existsSync(file), false, 'no database file was opened');
                const local = await openDatabase({ kind: 'sqlite', file });
                await local.close();
            } finally {
                rmSync(dir, { recursive: true, force: true });
            }
        });

        it('knows the network filesystems by their statfs type', () => {
            assert.equal(networkFilesystemName(0x6969), 'nfs');
            assert.equal(networkFilesystemName(0xfe534d42), 'smb2');
            assert.equal(networkFilesystemName(-0xacb2be), 'cifs', 'a negative 32-bit reading of 0xFF534D42');
            assert.equal(networkFilesystemName(0xef53), undefined, 'ext4 is local');
            assert.equal(networkFilesystemName(0x01021994), undefined, 'tmpfs is local');
        });
    });

    describe('the privacy and terms pages the manifest links to', () => {
        it('serves both as HTML, without scripts, and the admin can replace them', async () => {
            const app = await startTestApp();
            try {
                for (const path of ['/privacy', '/terms']) {
                    const res = await fetch(`${app.url}${path}`);
                    assert.equal(res.status, 200);
                    assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
                    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
                    assert.match(await res.text(), /<h1>Deskbridge (privacy statement|terms of use)<\/h1>/);
                }
            } finally {
                await app.stop();
            }
            const own = await startTestApp({ PRIVACY_PAGE_FILE: join(ROOT, 'docs', 'legal', 'terms.html') });
            try {
                assert.match(await (await fetch(`${own.url}/privacy`)).text(), /terms of use/);
            } finally {
                await own.stop();
            }
        });

        it('are the URLs of the manifest', () => {
            const manifest = readFileSync(join(ROOT, 'appPackage', 'manifest.json'), 'utf8');
            assert.match(manifest, /"privacyUrl": "https:\/\/\$\{\{BOT_DOMAIN\}\}\/privacy"/);
            assert.match(manifest, /"termsOfUseUrl": "https:\/\/\$\{\{BOT_DOMAIN\}\}\/terms"/);
        });
    });

    describe('the Agents Toolkit profiles', () => {
        // The toolkit CLI (1.1.x) reads teamsapp.yml, teamsapp.local.yml for environment "local" and
        // teamsapp.testtool.yml for environment "testtool" (the Agents Playground).
        it('has one profile per environment, under the names the toolkit reads', () => {
            for (const [file, env] of [['teamsapp.yml', 'dev'], ['teamsapp.local.yml', 'local'], ['teamsapp.testtool.yml', 'testtool']] as const) {
                const profile = parseYaml(readFileSync(join(ROOT, file), 'utf8')) as { version: string };
                assert.match(profile.version, /^v1\.\d+$/, file);
                if (env !== 'local') assert.ok(existsSync(join(ROOT, 'env', `.env.${env}`)), `env/.env.${env}`);
            }
            assert.equal(existsSync(join(ROOT, 'teamsapp.playground.yml')), false, 'no profile under a name the toolkit ignores');
        });

        it('writes nothing committed: generated env files and configs are ignored, and teamsapp.yml has its projectId', () => {
            const ignored = readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n');
            for (const entry of ['env/.env.*.user', 'env/.env.local', '.localConfigs*', 'appPackage/build/', '.env']) assert.ok(ignored.includes(entry), entry);
            assert.match(readFileSync(join(ROOT, 'teamsapp.yml'), 'utf8'), /^projectId: [0-9a-f-]{36}$/m);
            const testtool = readFileSync(join(ROOT, 'teamsapp.testtool.yml'), 'utf8');
            for (const target of testtool.matchAll(/target: (\S+)/g)) assert.match(target[1]!, /^\.\/\.localConfigs/);
        });

        it('has the VS Code debug profiles for the Playground and for Teams through a dev tunnel', () => {
            const strip = (text: string) => text.replace(/^\s*\/\/.*$/gm, '');
            const launch = JSON.parse(strip(readFileSync(join(ROOT, '.vscode', 'launch.json'), 'utf8'))) as { compounds: Array<{ name: string; preLaunchTask: string }> };
            const tasks = JSON.parse(strip(readFileSync(join(ROOT, '.vscode', 'tasks.json'), 'utf8'))) as { tasks: Array<{ label: string; command: string; args?: { env?: string } }> };
            const names = launch.compounds.map((c) => c.name);
            assert.ok(names.includes('Debug in Microsoft 365 Agents Playground'));
            assert.ok(names.includes('Debug in Teams (Edge)'));
            for (const compound of launch.compounds) assert.ok(tasks.tasks.some((t) => t.label === compound.preLaunchTask), compound.preLaunchTask);
            const envs = new Set(tasks.tasks.map((t) => t.args?.env).filter(Boolean));
            assert.deepEqual([...envs].sort(), ['local', 'testtool']);
            const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
            for (const task of tasks.tasks) {
                const npmRun = /^npm run (\S+)$/.exec(task.command ?? '');
                if (npmRun) assert.ok(scripts[npmRun[1]!], `npm script ${npmRun[1]}`);
            }
        });
    });

    describe('Azure', () => {
        it('runs the app on App Service exactly as `npm start` does, without npm in between', () => {
            const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
            const bicep = readFileSync(join(ROOT, 'infra', 'azure.bicep'), 'utf8');
            const command = /appCommandLine: '([^']+)'/.exec(bicep)?.[1];
            assert.equal(command, scripts.start);
        });

        it('keeps the data in Azure Database for PostgreSQL by default, never in SQLite on /home', () => {
            const bicep = readFileSync(join(ROOT, 'infra', 'azure.bicep'), 'utf8');
            assert.match(bicep, /param deployPostgres bool = true/);
            assert.match(bicep, /Microsoft\.DBforPostgreSQL\/flexibleServers@/);
            assert.doesNotMatch(bicep, /sqlite:/);
        });
    });
});
