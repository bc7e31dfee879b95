import type { Next, Request, Response } from 'restify';
import { HttpError, payloadTooLarge } from '../lib/http-error';

/** The exact bytes received: signatures are verified on these, never on re-serialised JSON. */
export function rawBodyOf(req: Request): Buffer {
    return Buffer.isBuffer(req.rawBody) ? req.rawBody : Buffer.alloc(0);
}

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * How much of an oversized body is read and thrown away before the 413 is sent. A client that
 * is still sending when the server answers and closes sees a reset connection, not the answer;
 * draining first lets a webhook sender read the 413. Beyond this the connection is cut.
 */
export const OVERSIZE_DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * Reads the whole body into `req.rawBody`. A body over `limit` bytes (declared by Content-Length
 * or found while streaming) is read on and discarded up to {@link OVERSIZE_DRAIN_BYTES}, then
 * answered with the 413 JSON error and the connection closed.
 */
export function readRawBody(limit: number) {
    return (req: Request, res: Response, next: Next): void => {
        if (!METHODS_WITH_BODY.has(req.method ?? '')) return next();
        const chunks: Buffer[] = [];
        let size = 0;
        let finished = false;
        let oversized = false;
        const refuse = () => {
            finished = true;
            res.header('connection', 'close');
            sendError(res, payloadTooLarge(limit));
            next(false);
        };
        const declared = Number(req.headers['content-length'] ?? NaN);
        if (Number.isFinite(declared) && declared > limit) {
            if (declared > limit + OVERSIZE_DRAIN_BYTES) {
                refuse();
                req.socket?.end();
                return;
            }
            oversized = true;
        }
        req.on('data', (chunk: Buffer) => {
            if (finished) return;
            size += chunk.length;
            if (size > limit) {
                oversized = true;
                chunks.length = 0;
            }
            if (oversized) {
                if (size > limit + OVERSIZE_DRAIN_BYTES) {
                    refuse();
                    req.pause();
                    setTimeout(() => req.socket?.destroy(), 1000).unref();
                }
                return;
            }
            chunks.push(chunk);
        });
        req.on('end', () => {
            if (finished) return;
            if (oversized) return refuse();
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
