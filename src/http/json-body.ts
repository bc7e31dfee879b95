import type { Request } from 'restify';
import type { z } from 'zod';
import { rawBodyOf } from './raw-body';
import { badRequest, schemaMismatch, unsupportedMediaType } from '../lib/http-error';

/** True when the Content-Type is JSON (`application/json`, `application/*+json`, any charset). */
export function isJsonContentType(req: Request): boolean {
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** Parses the raw body as JSON: 415 for another content type, 400 for bytes that are not JSON. */
export function parseJson(req: Request): unknown {
    if (!isJsonContentType(req)) throw unsupportedMediaType('application/json');
    const raw = rawBodyOf(req);
    if (raw.length === 0) throw badRequest('The request body is empty; a JSON document is required');
    try {
        return JSON.parse(raw.toString('utf8')) as unknown;
    } catch (err) {
        throw badRequest(`The request body is not valid JSON: ${(err as Error).message}`);
    }
}

/** Parses JSON and validates it: 422 naming each failing field when it does not match. */
export function parseJsonWith<T extends z.ZodTypeAny>(req: Request, schema: T): z.output<T> {
    const result = schema.safeParse(parseJson(req));
    if (!result.success) throw schemaMismatch(result.error.issues);
    return result.data as z.output<T>;
}
