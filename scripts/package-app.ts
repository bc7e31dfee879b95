/**
 * `npm run package [-- --env dev|local|testtool]`: writes the sideloadable Teams app package to
 * `appPackage/build/appPackage.<env>.zip`. Default env: testtool (the Playground) (works with no setup).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_PACKAGE_DIR, buildAppPackage } from './app-package';

async function main(): Promise<void> {
    const index = process.argv.indexOf('--env');
    const envName = index >= 0 ? process.argv[index + 1] : 'testtool';
    if (!envName || !/^[a-z0-9-]+$/.test(envName)) throw new Error('usage: npm run package -- --env <dev|local|testtool>');
    const zip = await buildAppPackage(envName);
    const outDir = join(APP_PACKAGE_DIR, 'build');
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `appPackage.${envName}.zip`);
    writeFileSync(file, zip);
    process.stdout.write(`wrote ${file}\n`);
}

main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
});
