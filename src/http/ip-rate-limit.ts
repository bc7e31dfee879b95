import type { Request, Response, Next } from 'restify';
import { HttpError } from '../lib/http-error';
import { sendError } from './raw-body';

/** Paths whose callers are outside systems posting webhooks and leads (the limited ones). */
const LIMITED = /^\/api\/(webhooks\/|leads$|n8n\/)/;

export interface IpRateLimitOptions {
    /** Requests per IP per minute on the webhook paths. */
    perMinute: number;
    /** Take the client from the first `X-Forwarded-For` hop (behind Azure App Service or a proxy). */
    trustProxy: boolean;
}

/** The caller's IP: the socket's, or the first forwarded hop when a trusted proxy is in front. */
export function clientIp(req: Request, trustProxy: boolean): string {
    const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]!.trim() : '';
    // App Service appends the client port (`1.2.3.4:5678`).
    return (forwarded.replace(/:\d+$/, '') || req.socket?.remoteAddress) ?? 'unknown';
}

/**
 * Per-IP limit on the webhook endpoints, one fixed window per minute: a caller over the limit
 * gets 429 with `Retry-After` (the seconds left in its window). The counts live in this process
 * (each instance limits on its own).
 */
export function ipRateLimit(options: IpRateLimitOptions) {
    let windowStart = 0;
    let counts = new Map<string, number>();
    return (req: Request, res: Response, next: Next) => {
        if (!LIMITED.test(req.path?.() ?? req.url ?? '')) return next();
        const now = Date.now();
        const window = now - (now % 60_000);
        if (window !== windowStart) {
            windowStart = window;
            counts = new Map();
        }
        const ip = clientIp(req, options.trustProxy);
        const n = (counts.get(ip) ?? 0) + 1;
        counts.set(ip, n);
        if (n <= options.perMinute) return next();
        const retryAfter = Math.max(1, Math.ceil((window + 60_000 - now) / 1000));
        sendError(res, new HttpError(429, 'rate_limited', `Too many requests from this address: at most ${options.perMinute} per minute. Retry after ${retryAfter} s.`, undefined, { 'Retry-After': String(retryAfter) }));
        return next(false);
    };
}
