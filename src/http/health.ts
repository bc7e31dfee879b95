import type { Server } from 'restify';
import type { Db } from '../store/database';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../lib/metrics';
import { HttpError } from '../lib/http-error';
import { route } from './route';

/** `/healthz` (process alive), `/readyz` (database answers, migrations applied), `/metrics`. */
export function registerHealthRoutes(server: Server, deps: { db: Db; metrics: Metrics; logger: Logger; isShuttingDown: () => boolean }): void {
    server.get('/healthz', route(deps.logger, async (_req, res) => {
        res.send(200, { status: 'ok' });
    }));
    server.get('/readyz', route(deps.logger, async (_req, res) => {
        if (deps.isShuttingDown()) throw new HttpError(503, 'shutting_down', 'The server is shutting down');
        try {
            await deps.db.checkReady();
        } catch (err) {
            deps.logger.warn({ err }, 'readiness check failed');
            throw new HttpError(503, 'not_ready', 'The database is not reachable or not migrated');
        }
        res.send(200, { status: 'ready', database: deps.db.dialect });
    }));
    server.get('/metrics', route(deps.logger, async (_req, res) => {
        const body = await deps.metrics.registry.metrics();
        res.setHeader('Content-Type', deps.metrics.registry.contentType);
        res.writeHead(200);
        res.end(body);
    }));
}
