import { readFileSync } from 'node:fs';
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

/**
 * Fills every `${{VAR}}` of the manifest template from `vars`.
 * @throws naming every variable that is missing or empty, so nothing half-filled is packaged.
 */
export function fillManifest(template: string, vars: Record<string, string | undefined>): string {
    const missing = new Set<string>();
    const filled = template.replace(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, name: string) => {
        const value = vars[name];
        // APP_NAME_SUFFIX may legitimately be empty; the others identify the app.
        if (value === undefined || (value === '' && name !== 'APP_NAME_SUFFIX')) missing.add(name);
        return value ?? '';
    });
    if (missing.size > 0) throw new Error(`manifest variables not set: ${[...missing].join(', ')}`);
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
    const vars = { ...readEnvFile(join(ROOT, 'env', `.env.${envName}`)) };
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
