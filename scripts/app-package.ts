import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';

export const ROOT = join(__dirname, '..');
export const APP_PACKAGE_DIR = join(ROOT, 'appPackage');

/** Reads an Agents Toolkit env file (`KEY=value` lines, `#` comments). */
export function readEnvFile(path: string): Record<string, string> {
    const values: Record<string, string> = {};
    for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
        const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
        if (!match || line.trim().startsWith('#')) continue;
        values[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, '$2');
    }
    return values;
}

/** What each manifest variable is, and where it comes from, for the message when one is missing. */
const MANIFEST_VARIABLES: Record<string, string> = {
    TEAMS_APP_ID: 'the Teams app id (a GUID); `atk provision` writes it, or create one in the Teams Developer Portal',
    BOT_ID: "the bot's Entra app (client) id; `atk provision` writes it, or copy it from the Azure Bot's configuration",
    BOT_DOMAIN: 'the host name the bot is reached at, without https:// (e.g. deskbridge.azurewebsites.net); `atk provision` writes it'
};

/**
 * Fills every `${{VAR}}` of the manifest template from `vars`.
 * @throws naming every variable that is missing or empty, so nothing half-filled is packaged.
 */
export function fillManifest(template: string, vars: Record<string, string | undefined>): string {
    const missing = new Set<string>();
    const filled = template.replace(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, name: string) => {
        const value = vars[name];
        if (value === undefined || value === '') missing.add(name);
        return value ?? '';
    });
    if (missing.size > 0) {
        const lines = [...missing].map((name) => `  ${name}: ${MANIFEST_VARIABLES[name] ?? 'used by appPackage/manifest.json'}`);
        throw new Error(`the manifest needs these variables, which are not set:\n${lines.join('\n')}`);
    }
    return filled;
}

/** Width and height of a PNG file, and whether it has any transparent pixel. */
export function pngInfo(buffer: Buffer): { width: number; height: number; hasTransparency: boolean } {
    const png = PNG.sync.read(buffer);
    let hasTransparency = false;
    for (let i = 3; i < png.data.length; i += 4) {
        if (png.data[i]! < 255) {
            hasTransparency = true;
            break;
        }
    }
    return { width: png.width, height: png.height, hasTransparency };
}

/** Schema errors of a filled manifest (offline: the schemas ship in @microsoft/app-manifest). */
export async function validateManifest(manifestJson: string): Promise<string[]> {
    const manifest = JSON.parse(manifestJson) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
    return AppManifestUtils.validateAgainstSchema(manifest);
}

/** Problems with the icons Teams requires (192×192 colour, 32×32 transparent outline). */
export function iconProblems(color: Buffer, outline: Buffer): string[] {
    const problems: string[] = [];
    const c = pngInfo(color);
    const o = pngInfo(outline);
    if (c.width !== 192 || c.height !== 192) problems.push(`color.png is ${c.width}×${c.height}, must be 192×192`);
    if (o.width !== 32 || o.height !== 32) problems.push(`outline.png is ${o.width}×${o.height}, must be 32×32`);
    if (!o.hasTransparency) problems.push('outline.png must have a transparent background');
    return problems;
}

/**
 * Builds the sideloadable zip for an environment: the manifest filled from `env/.env.<name>`
 * (process environment wins) plus both icons, validated before it is written.
 */
export async function buildAppPackage(envName: string, overrides: Record<string, string | undefined> = process.env): Promise<Buffer> {
    const envFile = join(ROOT, 'env', `.env.${envName}`);
    const vars = existsSync(envFile) ? readEnvFile(envFile) : {};
    for (const [k, v] of Object.entries(overrides)) if (v !== undefined && v !== '') vars[k] = v;
    try {
        fillManifest(readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8'), vars);
    } catch (err) {
        const where = existsSync(envFile) ? `env/.env.${envName}` : `env/.env.${envName} (there is none yet)`;
        throw new Error(`${(err as Error).message}\nSet them in ${where} or in the environment, e.g. \`TEAMS_APP_ID=… BOT_ID=… BOT_DOMAIN=… npm run package -- --env ${envName}\`, or run \`atk provision --env ${envName}\`.`, { cause: err });
    }
    for (const [k, v] of Object.entries(overrides)) if (v !== undefined && v !== '') vars[k] = v;
    const manifest = fillManifest(readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8'), vars);
    const color = readFileSync(join(APP_PACKAGE_DIR, 'color.png'));
    const outline = readFileSync(join(APP_PACKAGE_DIR, 'outline.png'));
    const problems = [...(await validateManifest(manifest)), ...iconProblems(color, outline)];
    if (problems.length > 0) throw new Error(`the app package is not valid:\n  - ${problems.join('\n  - ')}`);
    const zip = new AdmZip();
    zip.addFile('manifest.json', Buffer.from(manifest, 'utf8'));
    zip.addFile('color.png', color);
    zip.addFile('outline.png', outline);
    return zip.toBuffer();
}
