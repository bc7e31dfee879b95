import type { Server } from 'restify';
import type { Kysely } from 'kysely';
import type { Logger } from '../lib/logger';
import { badRequest, notFound } from '../lib/http-error';
import { listDeadLetters, queueStats, replayDeadLetters, type Job } from '../outbox/job-store';
import type { Database } from '../store/schema';
import { requireApiKey } from './api-key';
import { route } from './route';

/** A dead letter as operators see it (the payload may hold customer text: it stays out). */
export function deadLetterView(job: Job) {
    return {
        id: job.id,
        kind: job.kind,
        ordering_key: job.orderingKey,
        attempts: job.attempts,
        last_error: job.lastError,
        created_at: new Date(job.createdAt).toISOString(),
        failed_at: new Date(job.updatedAt).toISOString()
    };
}

/**
 * `GET /api/admin/dead-letters`, `POST /api/admin/dead-letters/:id/replay` (`:id` may be `all`),
 * `GET /api/admin/outbox` (queue counts): for operators and automations, with `X-API-Key`.
 */
export function registerDeadLetterRoutes(server: Server, deps: { db: Kysely<Database>; adminApiKey: string | undefined; logger: Logger; onReplay: () => void }): void {
    const auth = (req: Parameters<typeof requireApiKey>[0]) => requireApiKey(req, deps.adminApiKey, 'ADMIN_API_KEY');

    server.get('/api/admin/dead-letters', route(deps.logger, async (req, res) => {
        auth(req);
        const limitParam = (req.query as Record<string, string | undefined>).limit;
        const limit = limitParam === undefined ? 100 : Number(limitParam);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badRequest('limit must be a whole number from 1 to 1000');
        const dead = await listDeadLetters(deps.db, limit);
        res.send(200, { dead_letters: dead.map(deadLetterView) });
    }));

    server.post('/api/admin/dead-letters/:id/replay', route(deps.logger, async (req, res) => {
        auth(req);
        const id = String(req.params.id);
        let replayed: number[];
        if (id === 'all') {
            replayed = await replayDeadLetters(deps.db, 'all');
        } else {
            if (!/^\d{1,15}$/.test(id)) throw badRequest('id must be a job id or "all"');
            replayed = await replayDeadLetters(deps.db, { id: Number(id) });
            if (replayed.length === 0) throw notFound(`No dead letter with id ${id}`);
        }
        deps.logger.info({ replayed }, 'dead letters replayed');
        deps.onReplay();
        res.send(200, { replayed });
    }));

    server.get('/api/admin/outbox', route(deps.logger, async (req, res) => {
        auth(req);
        const stats = await queueStats(deps.db);
        res.send(200, { counts: stats.counts, oldest_pending_age_seconds: Math.round(stats.oldestPendingAgeMs / 1000) });
    }));
}
