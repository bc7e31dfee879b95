import type { Request } from 'restify';
import { badRequest, unsupportedMediaType } from '../lib/http-error';
import { rawBodyOf } from './raw-body';

/**
 * The raw body of an `application/x-www-form-urlencoded` request as text: 415 for another
 * content type, 400 when empty or not valid UTF-8 percent-encoding.
 */
export function formText(req: Request): string {
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') throw unsupportedMediaType('application/x-www-form-urlencoded');
    const raw = rawBodyOf(req).toString('utf8');
    if (raw.trim().length === 0) throw badRequest('The request body is empty; a form-encoded body is required');
    try {
        // Every field must decode: a broken escape would silently change the values.
        for (const pair of raw.split('&')) decodeURIComponent(pair.replace(/\+/g, ' '));
    } catch {
        throw badRequest('The request body is not valid form encoding (broken %-escape)');
    }
    return raw;
}
