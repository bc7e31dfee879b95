import type { Server } from 'restify';
import { leadExternalKey } from '../flows/leads/external-key';
import { processLeadJob } from '../flows/leads/lead-jobs';
import { normalizeJsonLead } from '../domain/normalize-lead';
import { schemaMismatch } from '../lib/http-error';
import type { Logger } from '../lib/logger';
import type { Outbox } from '../outbox/index';
import { requireApiKey } from './api-key';
import { parseJson } from './json-body';
import { route } from './route';

/**
 * `POST /api/leads` (`X-API-Key: LEADS_API_KEY`): a lead from a capture system, with Portuguese or
 * English field names. Validated (422 lists every bad field), stored once per lead id, answered;
 * scoring and the rest happen in jobs.
 */
export function registerLeadsIntake(server: Server, deps: { apiKey: string | undefined; outbox: Outbox; logger: Logger }): void {
    server.post('/api/leads', route(deps.logger, async (req, res) => {
        requireApiKey(req, deps.apiKey, 'LEADS_API_KEY');
        const { lead, issues } = normalizeJsonLead(parseJson(req));
        if (!lead) throw schemaMismatch(issues.map((i) => ({ path: [i.field], message: i.message })));
        const externalKey = leadExternalKey('api', lead);
        const result = await deps.outbox.ingest({ source: 'leads', eventId: externalKey, topic: 'lead', payload: lead }, [processLeadJob(externalKey, lead)]);
        res.send(200, { status: result.stored ? 'stored' : 'duplicate' });
    }));
}
