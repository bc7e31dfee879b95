import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Settings from a file: `.env` in the working directory (or the file `DESKBRIDGE_ENV_FILE`
 * names), in the `KEY=value` format of Node's `--env-file` (`#` comments, quoted values).
 * A variable already set in the environment wins over the file, so a deployment's settings are
 * never overridden by a stray file. `.env.example` lists every variable.
 * @returns the file read, or undefined when there is none.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
    const named = env.DESKBRIDGE_ENV_FILE?.trim();
    const file = resolve(cwd, named || '.env');
    if (!existsSync(file)) {
        if (named) throw new Error(`DESKBRIDGE_ENV_FILE names ${file}, which does not exist`);
        return undefined;
    }
    const values = parseEnv(readFileSync(file, 'utf8'));
    for (const [key, value] of Object.entries(values)) {
        if (env[key] === undefined && value !== undefined) env[key] = value;
    }
    return file;
}
