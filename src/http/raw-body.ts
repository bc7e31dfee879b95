import type { Next, Request, Response } from 'restify';
import { HttpError, payloadTooLarge } from '../lib/http-error';

/** The exact bytes received: signatures are verified on these, never on re-serialised JSON. */
export function rawBodyOf(req: Request): Buffer {
    return Buffer.isBuffer(req.rawBody) ? req.rawBody : Buffer.alloc(0);
}

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Reads the whole body into `req.rawBody`, refusing more than `limit` bytes with 413 (from
 * Content-Length up front, or while streaming when the length is not declared).
 */
export function readRawBody(limit: number) {
    return (req: Request, res: Response, next: Next): void => {
        if (!METHODS_WITH_BODY.has(req.method ?? '')) return next();
        const declared = Number(req.headers['content-length'] ?? NaN);
        if (Number.isFinite(declared) && declared > limit) {
            sendError(res, payloadTooLarge(limit));
            req.resume();
            return next(false);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        let finished = false;
        req.on('data', (chunk: Buffer) => {
            if (finished) return;
            size += chunk.length;
            if (size > limit) {
                finished = true;
                sendError(res, payloadTooLarge(limit));
                req.resume();
                next(false);
                return;
            }
            chunks.push(chunk);
        });
        req.on('end', () => {
            if (finished) return;
            finished = true;
            req.rawBody = Buffer.concat(chunks, size);
            next();
        });
        req.on('error', () => {
            if (finished) return;
            finished = true;
            sendError(res, new HttpError(400, 'malformed_request', 'The request body could not be read'));
            next(false);
        });
    };
}

/** Writes an {@link HttpError} as the JSON error body, with its extra headers. */
export function sendError(res: Response, err: HttpError): void {
    if (res.headersSent) return;
    for (const [name, value] of Object.entries(err.headers ?? {})) res.header(name, value);
    res.send(err.status, err.toBody());
}
