import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { WhatsAppThreads } from '../../domain/whatsapp-jobs';
import type { Logger } from '../../lib/logger';
import type { Outbox } from '../../outbox/index';
import type { Repositories } from '../../store/index';
import type { Database } from '../../store/schema';
import type { KommoClient } from '../../integrations/kommo/client';
import type { ConversationActivity } from '../../domain/conversation-activity';
import { kommoMessageHandler } from './message-job';
import { kommoSendHandlers } from '../../integrations/kommo/jobs';
import { aiReplyHandler } from './ai-reply-job';
import { N8nClient } from '../../integrations/n8n/client';
import { n8nForwardHandler } from './forward-job';

/**
 * Registers the job handlers of the WhatsApp flow (Kommo ↔ n8n ↔ Teams) with what is configured:
 * messages are always mirrored; Kommo calls need `KOMMO_BASE_URL` + `KOMMO_ACCESS_TOKEN`; the AI
 * needs `N8N_WEBHOOK_URL`.
 */
export function registerWhatsAppJobs(outbox: Outbox, deps: { config: Config; repos: Repositories; logger: Logger; db: Kysely<Database>; threads: WhatsAppThreads; kommo?: KommoClient; activity?: ConversationActivity }): void {
    const { config, repos, logger, threads, kommo, activity } = deps;
    const autoResumeMinutes = config.WHATSAPP_AUTO_RESUME_MINUTES;
    outbox.handlers.register(
        kommoMessageHandler({
            db: deps.db,
            contacts: repos.contacts,
            sentParts: repos.sentParts,
            kommoSends: repos.kommoSends,
            threads,
            logger,
            kommo,
            aiConfigured: !!config.N8N_WEBHOOK_URL,
            pauseOnHumanReply: config.WHATSAPP_PAUSE_ON_HUMAN_REPLY,
            autoResumeMinutes,
            defaultLocale: config.DEFAULT_LOCALE,
            activity
        }),
        aiReplyHandler({ contacts: repos.contacts, threads, people: repos.people, kommo, autoResumeMinutes, logger, activity, identities: repos.identities })
    );
    const salesbot = config.KOMMO_SALESBOT_ID && config.KOMMO_REPLY_FIELD_ID ? { botId: config.KOMMO_SALESBOT_ID, fieldId: config.KOMMO_REPLY_FIELD_ID } : undefined;
    outbox.handlers.register(...kommoSendHandlers({ client: kommo, contacts: repos.contacts, sentParts: repos.sentParts, threads, salesbot, activity, sends: repos.kommoSends, sendGapMs: config.KOMMO_SEND_GAP_MS }));
    if (config.N8N_WEBHOOK_URL) {
        outbox.handlers.register(n8nForwardHandler({ client: new N8nClient({ webhookUrl: config.N8N_WEBHOOK_URL, apiKey: config.N8N_API_KEY, timeoutMs: config.N8N_TIMEOUT_MS, responseField: config.N8N_RESPONSE_FIELD }), contacts: repos.contacts, threads, autoResumeMinutes }));
    }
}
