import type { ThreadPoster } from './domain/thread-post';
import type { Config } from './config';
import { parseBusinessHours } from './domain/business-hours';
import { ConversationActivity } from './domain/conversation-activity';
import type { LeadThreads } from './domain/lead-threads';
import { restoreCardHandler } from './domain/restore-card-job';
import { slaCheckHandler } from './domain/sla-check-handler';
import type { WhatsAppThreads } from './domain/whatsapp-jobs';
import { supportJobs } from './flows/support/register-jobs';
import type { Clients } from './integrations/clients';
import { registerLeadJobs } from './flows/leads/register-lead-jobs';
import { threadPeople } from './flows/thread-people';
import { registerWhatsAppJobs } from './flows/whatsapp/register-jobs';
import type { Logger } from './lib/logger';
import type { Outbox } from './outbox/index';
import type { Repositories } from './store/index';
import type { TeamsBot } from './teams/app';
import { teamsJobHandlers } from './teams/jobs/teams-send-jobs';
import { slaTexts } from './texts/sla-texts';

/**
 * Registers every job handler with the outbox, each with the clients its configuration allows:
 * Teams sends, the support flow (Intercom, Zendesk), the WhatsApp flow, leads, SLA checks.
 */
export function registerJobs(outbox: Outbox, deps: { config: Config; repos: Repositories; logger: Logger; bot: TeamsBot; whatsapp: WhatsAppThreads; leads: LeadThreads; clients: Clients; poster: ThreadPoster }): void {
    const { config, repos, logger } = deps;
    const db = repos.db.kysely;
    const { directory, kommo } = deps.clients;
    const policy = { minutes: config.SLA_FIRST_RESPONSE_MINUTES, hours: parseBusinessHours(config.SLA_BUSINESS_HOURS, config.SLA_TIMEZONE) };
    const activity = new ConversationActivity(repos.activity, policy);
    const people = threadPeople({ repos, intercom: directory, zendesk: deps.clients.zendesk?.directory, kommo });

    outbox.handlers.register(
        ...teamsJobHandlers({ messenger: deps.bot.messenger, threads: repos.threads, bindings: repos.bindings, teams: repos.teams }),
        restoreCardHandler(repos.snapshots, deps.poster),
        slaCheckHandler({ policy, activity: repos.activity, people: repos.people, bindings: repos.bindings, threads: repos.threads, teams: repos.teams, texts: slaTexts(undefined, config.DEFAULT_LOCALE), poster: deps.poster, ...people })
    );
    outbox.handlers.register(...supportJobs({ config, repos, db, clients: deps.clients, poster: deps.poster, activity }));
    registerWhatsAppJobs(outbox, { config, repos, logger, db, threads: deps.whatsapp, kommo, activity });
    registerLeadJobs(outbox, { config, repos, logger, threads: deps.leads, kommo });
}
