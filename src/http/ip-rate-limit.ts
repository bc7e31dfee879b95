import type { Request, Response, Next } from 'restify';
import { HttpError } from '../lib/http-error';
import { sendError } from './raw-body';

/** Paths whose callers are outside systems posting webhooks and leads (the limited ones). */
const LIMITED = /^\/api\/(webhooks\/|leads$|n8n\/|bot\/|admin\/|messages$)/;

/** Where a caller of the limited paths can carry a credential: a signature, a key or a URL token. */
const CREDENTIAL_HEADERS = ['x-hub-signature', 'x-hub-signature-256', 'x-api-key', 'authorization', 'x-zendesk-webhook-signature'];

export interface IpRateLimitOptions {
    /** Failed or unauthenticated requests per IP per minute on the limited paths. */
    perMinute: number;
    /** Take the client from the first `X-Forwarded-For` hop (behind Azure App Service or a proxy). */
    trustProxy: boolean;
}

declare module 'restify' {
    interface Request {
        /** Set when the caller is over its limit: an authentication failure answers 429 with these seconds. */
        rateLimitedFor?: number;
    }
}

/** The caller's IP: the socket's, or the first forwarded hop when a trusted proxy is in front. */
export function clientIp(req: Request, trustProxy: boolean): string {
    const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]!.trim() : '';
    // App Service appends the client port (`1.2.3.4:5678`).
    return (forwarded.replace(/:\d+$/, '') || req.socket?.remoteAddress) ?? 'unknown';
}

/** True when the request carries something to authenticate it with (checked later by its route). */
function carriesCredentials(req: Request): boolean {
    if (CREDENTIAL_HEADERS.some((h) => req.headers[h] !== undefined)) return true;
    const query = (req.query ?? {}) as Record<string, unknown>;
    return typeof query.token === 'string' && query.token.length > 0;
}

/**
 * Per-IP limit on the webhook, lead and operator endpoints, one fixed window per minute. It
 * counts what did not authenticate — answers 401/403, and the unauthenticated GET/HEAD endpoint
 * checks — never a correctly signed delivery: Intercom retries a refused delivery only once, so a
 * 429 to an authentic burst would lose events. Once a caller is over the limit, requests without
 * any credential are refused before their body is read, and requests whose credential then fails
 * answer 429 instead of 401 (`Retry-After`: the seconds left in the window). A delivery with a
 * valid signature, token or key is always stored; what one delivery may cost is bounded by the
 * body limit and the per-delivery item limits instead. The counts live in this process.
 */
export class IpRateLimiter {
    private windowStart = 0;
    private counts = new Map<string, number>();

    constructor(private readonly options: IpRateLimitOptions) {}

    /** The `server.pre` handler: refuses callers over the limit that present no credential. */
    readonly pre = (req: Request, res: Response, next: Next) => {
        const path = req.path?.() ?? req.url ?? '';
        if (!LIMITED.test(path)) return next();
        const ip = clientIp(req, this.options.trustProxy);
        // A GET or HEAD without credentials is an endpoint check (Meta's handshake, Intercom's HEAD).
        const credentials = carriesCredentials(req);
        const unauthenticated = !credentials && (req.method === 'GET' || req.method === 'HEAD');
        const retryAfter = this.retryAfter(ip);
        if (retryAfter === undefined) {
            if (unauthenticated) this.count(ip);
            return next();
        }
        if (!credentials) {
            sendError(res, rateLimited(retryAfter));
            return next(false);
        }
        req.rateLimitedFor = retryAfter;
        return next();
    };

    /** Counts an answer that refused the caller's credentials (called once per response). */
    recordResponse(req: Request, status: number): void {
        if (status !== 401 && status !== 403) return;
        if (!LIMITED.test(req.path?.() ?? req.url ?? '')) return;
        this.count(clientIp(req, this.options.trustProxy));
    }

    private count(ip: string): void {
        this.roll();
        this.counts.set(ip, (this.counts.get(ip) ?? 0) + 1);
    }

    /** Seconds until the caller's window ends when it is over the limit; otherwise undefined. */
    private retryAfter(ip: string): number | undefined {
        const now = this.roll();
        if ((this.counts.get(ip) ?? 0) < this.options.perMinute) return undefined;
        return Math.max(1, Math.ceil((this.windowStart + 60_000 - now) / 1000));
    }

    private roll(): number {
        const now = Date.now();
        const window = now - (now % 60_000);
        if (window !== this.windowStart) {
            this.windowStart = window;
            this.counts = new Map();
        }
        return now;
    }
}

/** The 429 answer of a caller over its limit. */
export function rateLimited(retryAfter: number): HttpError {
    return new HttpError(429, 'rate_limited', `Too many failed or unauthenticated requests from this address. Retry after ${retryAfter} s.`, undefined, { 'Retry-After': String(retryAfter) });
}
