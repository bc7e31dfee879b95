import restify, { type Server } from 'restify';
import type { Logger } from './lib/logger';
import type { Metrics } from './lib/metrics';
import { readRawBody } from './http/raw-body';
import { IpRateLimiter, type IpRateLimitOptions } from './http/ip-rate-limit';

declare module 'restify' {
    interface Request {
        /** High-resolution start time, for the latency histogram. */
        startedAt?: bigint;
    }
}

/** A function that adds one group of routes (webhooks, bot, admin, health…) to the server. */
export type RouteModule = (server: Server) => void;

export interface HttpServerOptions {
    logger: Logger;
    metrics: Metrics;
    /** Largest accepted request body in bytes; larger bodies get 413. */
    bodyLimit: number;
    /** Per-IP limit of failed and unauthenticated requests on the webhook endpoints. */
    ipRateLimit?: IpRateLimitOptions;
    /** Slow clients are cut off: all headers within `headersMs`, the whole request within `requestMs`. */
    timeouts?: { headersMs: number; requestMs: number };
    routes: RouteModule[];
}

/**
 * The restify server: raw-body capture with a size limit, the JSON error format for restify's
 * own errors (404, 405), and request metrics. Routes come from the modules in `http/`.
 */
export function createHttpServer(options: HttpServerOptions): Server {
    const { logger, metrics } = options;
    const server = restify.createServer({ name: 'deskbridge', handleUncaughtExceptions: false });
    const timeouts = options.timeouts ?? { headersMs: 10_000, requestMs: 30_000 };
    // Node enforces both only when it sweeps its connections, every `connectionsCheckingInterval`
    // (30 s by default, read when the server starts listening): sweep at a quarter of the shorter
    // timeout so a slow client is cut off close to its deadline, not up to 30 s after it.
    server.server.headersTimeout = timeouts.headersMs;
    server.server.requestTimeout = timeouts.requestMs;
    Object.assign(server.server, { connectionsCheckingInterval: Math.max(250, Math.floor(Math.min(timeouts.headersMs, timeouts.requestMs) / 4)) });

    server.pre((req, _res, next) => {
        req.startedAt = process.hrtime.bigint();
        return next();
    });
    // Before the body is read: a caller over its limit costs no body buffering.
    const limiter = options.ipRateLimit ? new IpRateLimiter(options.ipRateLimit) : undefined;
    if (limiter) server.pre(limiter.pre);
    server.use(restify.plugins.queryParser({ mapParams: false }));
    server.use(readRawBody(options.bodyLimit));

    // restify's own errors (no route, wrong method, …) answer in the same JSON shape as ours.
    server.on('restifyError', (_req, _res, err: Error & { statusCode?: number; body?: { code?: string } }, callback: () => void) => {
        const code = snake(err.body?.code ?? err.name ?? 'error');
        Object.assign(err, { toJSON: () => ({ error: { code, message: err.message || code } }) });
        return callback();
    });

    server.on('after', (req: restify.Request, res: restify.Response) => {
        const routePath = req.getRoute?.()?.path?.toString() ?? 'unmatched';
        const labels = { method: req.method ?? 'GET', route: routePath };
        metrics.httpRequests.inc({ ...labels, status: String(res.statusCode) });
        limiter?.recordResponse(req, res.statusCode);
        if (req.startedAt !== undefined) {
            metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - req.startedAt) / 1e9);
        }
    });

    for (const register of options.routes) register(server);
    logger.debug({ routes: options.routes.length }, 'routes registered');
    return server;
}

function snake(name: string): string {
    return name
        .replace(/Error$/, '')
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .toLowerCase();
}
