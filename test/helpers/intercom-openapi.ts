import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

/** The OpenAPI description of the API version the app pins by default. */
const SPEC_FILE = join(__dirname, '..', 'fixtures', 'intercom-openapi', 'api.intercom.io.2.14.yaml');

type Json = Record<string, unknown>;
interface Operation {
    parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Json }>;
    requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
}

/** OpenAPI 3.0 `nullable` as JSON Schema: `type: [t, "null"]`. */
function toJsonSchema(node: unknown): unknown {
    if (Array.isArray(node)) return node.map(toJsonSchema);
    if (!node || typeof node !== 'object') return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node as Json)) {
        if (k === 'nullable' || k === 'example' || k === 'examples') continue;
        out[k] = toJsonSchema(v);
    }
    if ((node as Json).nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
    return out;
}

/**
 * Checks requests against Intercom's official OpenAPI description: the path and method exist,
 * path parameters have the declared type, `Intercom-Version` is a published version, and the
 * JSON body matches the operation's request schema. Returns what is wrong, or nothing.
 */
export class IntercomOpenApi {
    private static loaded?: IntercomOpenApi;
    private readonly ajv: Ajv;
    private readonly paths: Array<{ template: string; regex: RegExp; params: string[]; literalSegments: number; item: Record<string, Operation> }>;
    private readonly validators = new Map<string, ValidateFunction>();
    private readonly versions: string[];

    /** Parsed once per test run (the file is large). */
    static get(): IntercomOpenApi {
        return (IntercomOpenApi.loaded ??= new IntercomOpenApi());
    }

    private constructor() {
        const doc = toJsonSchema(parse(readFileSync(SPEC_FILE, 'utf8'))) as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Json> } };
        this.ajv = new Ajv({ strict: false, validateFormats: false, validateSchema: false, allErrors: true });
        this.ajv.addSchema({ $id: 'intercom', components: doc.components });
        this.versions = (doc.components.schemas.intercom_version?.enum as string[] | undefined) ?? [];
        this.paths = Object.entries(doc.paths).map(([template, item]) => {
            const params: string[] = [];
            const regex = new RegExp(`^${template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
                params.push(name);
                return '([^/]+)';
            })}$`);
            return { template, regex, params, literalSegments: template.split('/').filter((s) => s && !s.startsWith('{')).length, item };
        });
        // Literal paths (`/conversations/search`) win over templates (`/conversations/{id}`).
        this.paths.sort((a, b) => b.literalSegments - a.literalSegments);
    }

    /** Problems with one request; empty when the description allows it. */
    check(method: string, path: string, headers: Record<string, string | string[] | undefined>, body: unknown): string[] {
        const problems: string[] = [];
        const version = headers['intercom-version'];
        if (typeof version !== 'string' || !this.versions.includes(version)) problems.push(`Intercom-Version ${String(version)} is not a published version`);
        const match = this.paths.map((p) => ({ p, m: p.regex.exec(path) })).find((x) => x.m && x.p.item[method.toLowerCase()]);
        if (!match) return [...problems, `${method} ${path} is not in the API description`];
        const operation = match.p.item[method.toLowerCase()]!;
        const values = Object.fromEntries(match.p.params.map((name, i) => [name, decodeURIComponent(match.m![i + 1]!)]));
        for (const param of operation.parameters ?? []) {
            if (param.in !== 'path') continue;
            if (param.schema?.type === 'integer' && !/^\d+$/.test(values[param.name] ?? '')) problems.push(`path parameter ${param.name} must be an integer, got "${values[param.name]}"`);
        }
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        if (schema) {
            if (body === undefined) {
                if (operation.requestBody?.required) problems.push('a JSON body is required');
            } else {
                const key = `${method} ${match.p.template}`;
                let validate = this.validators.get(key);
                if (!validate) {
                    validate = this.ajv.compile(rebase(schema));
                    this.validators.set(key, validate);
                }
                if (!validate(body)) problems.push(...(validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message ?? 'is invalid'}`));
            }
        }
        return problems;
    }
}

/** Points the operation's `#/components/...` references at the registered document. */
function rebase(schema: unknown): Json {
    return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"intercom#/')) as Json;
}
