import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { APP_PACKAGE_DIR, ROOT, buildAppPackage, fillManifest, iconProblems, validateManifest } from '../scripts/app-package';

const template = readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');
const vars = { TEAMS_APP_ID: '6c0e8a5e-3a1b-4d44-9a53-2f7c1e0d9b11', BOT_ID: '2f0e4d3c-1b2a-4c5d-8e9f-0a1b2c3d4e5f', BOT_DOMAIN: 'deskbridge.example.com' };

describe('Teams app package', () => {
    it('has a manifest that validates offline against its $schema once filled', async () => {
        const manifest = JSON.parse(template) as { $schema: string; manifestVersion: string };
        assert.match(manifest.$schema, /teams\/v1\.(19|2\d)\//);
        const errors = await validateManifest(fillManifest(template, vars));
        assert.deepEqual(errors, []);
    });

    it('declares the bot scopes, commands, RSC permission and web application info', () => {
        const m = JSON.parse(fillManifest(template, vars)) as {
            bots: Array<{ botId: string; scopes: string[]; commandLists: Array<{ commands: Array<{ title: string }> }> }>;
            authorization: { permissions: { resourceSpecific: Array<{ name: string }> } };
            webApplicationInfo: { id: string };
            validDomains: string[];
        };
        assert.deepEqual(m.bots[0]!.scopes.sort(), ['groupChat', 'personal', 'team']);
        assert.equal(m.bots[0]!.botId, vars.BOT_ID);
        assert.ok(m.bots[0]!.commandLists[0]!.commands.some((c) => c.title === 'setup intercom'));
        assert.ok(m.authorization.permissions.resourceSpecific.some((p) => p.name === 'ChannelMessage.Read.Group'));
        assert.equal(m.webApplicationInfo.id, vars.BOT_ID);
        assert.deepEqual(m.validDomains, ['deskbridge.example.com']);
    });

    it('catches a manifest that breaks the schema', async () => {
        const broken = JSON.parse(fillManifest(template, vars)) as Record<string, unknown>;
        broken.accentColor = 'blue';
        delete broken.developer;
        const errors = await validateManifest(JSON.stringify(broken));
        assert.ok(errors.length >= 2, errors.join('\n'));
    });

    it('names every unset variable instead of packaging a half-filled manifest', () => {
        assert.throws(() => fillManifest(template, { BOT_DOMAIN: 'x' }), /TEAMS_APP_ID: the Teams app id[\s\S]*BOT_ID: the bot's Entra app/);
    });

    it('says on a fresh clone which variables to set for the dev environment, and where', () => {
        const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'package-app.ts'), '--env', 'dev'], { cwd: ROOT, env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 30000 });
        assert.equal(run.status, 1);
        assert.match(run.stderr, /TEAMS_APP_ID: /);
        assert.match(run.stderr, /BOT_DOMAIN: the host name/);
        assert.match(run.stderr, /Set them in env\/\.env\.dev or in the environment/);
        assert.doesNotMatch(run.stderr, /at .*\.ts:\d+/, 'no stack trace');
    });

    it('ships a 192×192 colour icon and a transparent 32×32 outline icon', () => {
        const color = readFileSync(join(APP_PACKAGE_DIR, 'color.png'));
        const outline = readFileSync(join(APP_PACKAGE_DIR, 'outline.png'));
        assert.deepEqual(iconProblems(color, outline), []);
        assert.match(iconProblems(outline, color).join('\n'), /must be 192×192/);
    });

    it('builds the sideloadable zip with the filled manifest and both icons', async () => {
        const zip = new AdmZip(await buildAppPackage('testtool', {}));
        assert.deepEqual(zip.getEntries().map((e) => e.entryName).sort(), ['color.png', 'manifest.json', 'outline.png']);
        const manifest = zip.readAsText('manifest.json');
        assert.doesNotMatch(manifest, /\$\{\{/);
        assert.match(manifest, /"short": "Deskbridge"/);
    });
});
