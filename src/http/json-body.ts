import type { Request } from 'restify';
import { rawBodyOf } from './raw-body';
import { badRequest, unsupportedMediaType } from '../lib/http-error';

/** True when the Content-Type is JSON (`application/json`, `application/*+json`, any charset). */
export function isJsonContentType(req: Request): boolean {
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** Parses the raw body as JSON: 415 for another content type, 400 for bytes that are not JSON. */
export function parseJson(req: Request): unknown {
    return jsonBody(req).value;
}

/**
 * {@link parseJson}, also returning the body's text: a delivery stored as received is kept as
 * that text, not parsed and serialised again.
 */
export function jsonBody(req: Request): { text: string; value: unknown } {
    if (!isJsonContentType(req)) throw unsupportedMediaType('application/json');
    const raw = rawBodyOf(req);
    if (raw.length === 0) throw badRequest('The request body is empty; a JSON document is required');
    const text = raw.toString('utf8');
    try {
        return { text, value: JSON.parse(text) as unknown };
    } catch (err) {
        throw badRequest(`The request body is not valid JSON: ${(err as Error).message}`);
    }
}
