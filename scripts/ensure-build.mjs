// `npm run build` (with --force) and `prestart`: compiles only when a file under src/ is newer than the last build, so that
// `npm start` is fast after `npm install` (which builds) and still never runs stale code.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
// Written after each build here: tsc's own .tsbuildinfo keeps its old time when nothing changed.
const stamp = join(root, 'dist', '.build-stamp');

function newest(dir) {
    let latest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }
    return latest;
}

const inputs = Math.max(newest(join(root, 'src')), statSync(join(root, 'tsconfig.json')).mtimeMs, statSync(join(root, 'tsconfig.build.json')).mtimeMs);
if (process.argv.includes('--force') || !existsSync(stamp) || statSync(stamp).mtimeMs < inputs) {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
    writeFileSync(stamp, new Date().toISOString());
}
