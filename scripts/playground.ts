/**
 * `npm run playground`: starts the Microsoft 365 Agents Playground against the local bot
 * (`http://localhost:${PORT:-3978}/api/messages`) with the team and channel of
 * `.m365agentsplayground.yml`, and opens it in the browser (set TEAMSAPPTESTER_BROWSER=none for
 * headless use).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { stopWhenNpmParentExits } from '../src/lib/parent-watch';

const root = join(__dirname, '..');
const botPort = process.env.PORT ?? '3978';
const child = spawn(
    process.execPath,
    [
        join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
        'start',
        '--app-endpoint', `http://localhost:${botPort}/api/messages`,
        '--channel-id', 'msteams',
        '--port', process.env.PLAYGROUND_PORT ?? '56150',
        '--disable-telemetry'
    ],
    {
        stdio: 'inherit',
        env: { ...process.env, M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(root, '.m365agentsplayground.yml') }
    }
);
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
// Under `npm run playground` the signal reaches npm's shell, not this process: stop with it.
stopWhenNpmParentExits(() => child.kill('SIGTERM'));
