import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake peer received. */
export interface RecordedRequest {
    method: string;
    path: string;
    query: URLSearchParams;
    headers: IncomingMessage['headers'];
    body: unknown;
    rawBody: string;
    at: number;
}

export type PeerReply = {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
    /** Answer after this long (timeouts). */
    delayMs?: number;
    /** Drop the connection without an answer (connection reset). */
    reset?: boolean;
};
export type PeerRoute = (req: RecordedRequest, params: Record<string, string>) => PeerReply | Promise<PeerReply>;

/**
 * A real HTTP server on 127.0.0.1 (port 0) standing in for an external system. Routes are
 * `METHOD /path/:param` patterns; every request is recorded for assertions.
 */
export class HttpPeer {
    readonly requests: RecordedRequest[] = [];
    private readonly routes: Array<{ method: string; pattern: RegExp; names: string[]; handler: PeerRoute }> = [];
    private server?: Server;
    /** Replies served before the routes, in order (for 429/5xx on demand). */
    private readonly queued: PeerReply[] = [];
    url = '';
    /** Checks every request first; a reply returned here is sent instead of the route's. */
    protected inspect?: (req: RecordedRequest) => PeerReply | undefined;

    /** Adds a route; later routes with the same pattern take precedence. */
    on(method: string, path: string, handler: PeerRoute): this {
        const names: string[] = [];
        const pattern = new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\?:([a-zA-Z]+)/g, (_m, name: string) => {
            names.push(name);
            return '([^/]+)';
        })}$`);
        this.routes.unshift({ method, pattern, names, handler });
        return this;
    }

    /** The next requests get these replies, whatever their route. */
    queueReplies(...replies: PeerReply[]): void {
        this.queued.push(...replies);
    }

    async start(): Promise<this> {
        this.server = createServer((req, res) => void this.handle(req, res));
        await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        return this;
    }

    async stop(): Promise<void> {
        if (!this.server) return;
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }

    private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://peer');
        let body: unknown = rawBody;
        try {
            body = rawBody ? JSON.parse(rawBody) : undefined;
        } catch {
            // Not JSON (form bodies): keep the text.
        }
        const recorded: RecordedRequest = { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query: url.searchParams, headers: req.headers, body, rawBody, at: Date.now() };
        this.requests.push(recorded);
        let reply: PeerReply = { status: 404, body: { error: 'no route' } };
        const queued = this.queued.shift();
        const refused = this.inspect?.(recorded);
        if (refused) {
            reply = refused;
        } else if (queued) {
            reply = queued;
        } else {
            for (const r of this.routes) {
                const match = r.method === recorded.method ? r.pattern.exec(recorded.path) : null;
                if (!match) continue;
                const params = Object.fromEntries(r.names.map((n, i) => [n, match[i + 1]!]));
                reply = await r.handler(recorded, params);
                break;
            }
        }
        if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
        if (reply.reset) {
            req.socket.destroy();
            return;
        }
        if (res.destroyed) return;
        res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
        res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    }
}
