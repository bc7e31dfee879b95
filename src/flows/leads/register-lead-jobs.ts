import type { Config } from '../../config';
import { loadScoringRules } from '../../domain/lead-scoring';
import type { LeadThreads } from '../../domain/lead-threads';
import type { Logger } from '../../lib/logger';
import type { Outbox } from '../../outbox/index';
import type { Repositories } from '../../store/index';
import type { KommoClient } from '../../integrations/kommo/client';
import { leadFetchHandlers } from './fetch-jobs';
import { leadJobHandlers, type LeadJobDeps } from './lead-jobs';

/**
 * Registers the lead jobs: scoring (rules from `LEADS_SCORING_RULES` or the shipped ones, checked
 * at start), n8n by temperature, claim SLA and follow-ups, and reading leads from Kommo and Meta.
 */
export function registerLeadJobs(outbox: Outbox, deps: { config: Config; repos: Repositories; logger: Logger; threads: LeadThreads; kommo?: KommoClient }): void {
    const { config, repos, logger } = deps;
    const leadDeps: LeadJobDeps = {
        db: repos.db.kysely,
        leads: repos.leads,
        people: repos.people,
        threads: deps.threads,
        rules: loadScoringRules(config.LEADS_SCORING_RULES),
        claimSlaMs: config.LEADS_CLAIM_SLA_MINUTES * 60_000,
        oncallEmails: config.LEADS_ONCALL_EMAILS,
        n8n: { urls: { QUENTE: config.N8N_LEAD_WEBHOOK_URL_HOT, MORNO: config.N8N_LEAD_WEBHOOK_URL_WARM, FRIO: config.N8N_LEAD_WEBHOOK_URL_COLD }, apiKey: config.N8N_API_KEY },
        logger
    };
    const kommo = deps.kommo;
    outbox.handlers.register(...leadJobHandlers(leadDeps), ...leadFetchHandlers({ ...leadDeps, kommo, meta: { graphBaseUrl: config.META_GRAPH_BASE_URL!, accessToken: config.META_PAGE_ACCESS_TOKEN, appSecret: config.META_APP_SECRET } }));
}
