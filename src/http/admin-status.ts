import type { Server } from 'restify';
import type { Config } from '../config';
import { loadAdminStatus } from '../domain/admin-status';
import type { Logger } from '../lib/logger';
import type { Outbox } from '../outbox/index';
import type { Repositories } from '../store/index';
import { requireApiKey } from './api-key';
import { route } from './route';

/** `GET /api/admin/status` (`X-API-Key: ADMIN_API_KEY`): the status card's data as JSON. */
export function registerAdminStatus(server: Server, deps: { config: Config; repos: Repositories; outbox: Outbox; logger: Logger }): void {
    server.get('/api/admin/status', route(deps.logger, async (req, res) => {
        requireApiKey(req, deps.config.ADMIN_API_KEY, 'ADMIN_API_KEY');
        res.send(200, await loadAdminStatus({ config: deps.config, repos: deps.repos, health: (p) => deps.outbox.health.view(p), circuit: (p) => deps.outbox.breakers.state(p) }));
    }));
}
