import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { ConversationActivity } from '../../domain/conversation-activity';
import { parseKeywordCategories } from '../../domain/keyword-categories';
import type { ThreadPoster } from '../../domain/thread-post';
import type { Clients } from '../../integrations/clients';
import { intercomAdapter, intercomDescribe, intercomSyncHandler, mirrorEventHandler } from '../../integrations/intercom/index';
import { ticketMirrorHandler, zendeskAdapter, zendeskDescribe, zendeskSyncHandler } from '../../integrations/zendesk/index';
import type { JobHandler } from '../../outbox/job-handler';
import type { Repositories } from '../../store/index';
import type { Database } from '../../store/schema';
import { supportActHandler } from './act-job';
import { categorizeHandler } from './categorize-job';
import { supportMirror } from './mirror';

/**
 * The support flow's jobs, for each helpdesk the configuration connects: the vendor's mirror
 * (deliveries into threads, through {@link supportMirror}), agent actions and keyword categories
 * (through the vendor's adapter), and sync. Intercom's mirror is registered even without a token:
 * its deliveries carry the conversation. Zendesk's deliveries are notifications that need the
 * API, so without a token none of its jobs exist and stored deliveries wait for one.
 */
export function supportJobs(deps: { config: Config; repos: Repositories; db: Kysely<Database>; clients: Clients; poster: ThreadPoster; activity: ConversationActivity }): JobHandler[] {
    const { config, repos, poster, activity, db } = deps;
    const { intercom, directory, zendesk } = deps.clients;
    const categories = parseKeywordCategories(config.SUPPORT_KEYWORD_CATEGORIES).categories;
    const common = { snapshots: repos.snapshots, sentParts: repos.sentParts, routingRules: repos.routingRules, poster, activity, defaultLocale: config.DEFAULT_LOCALE };
    const act = { snapshots: repos.snapshots, sentParts: repos.sentParts, defaultLocale: config.DEFAULT_LOCALE, activity, poster };
    const handlers: JobHandler[] = [];

    // Without a token nothing can be set in Intercom: no keyword categories.
    const intercomMirror = supportMirror({ ...common, describe: intercomDescribe(directory), categories: intercom ? categories : [] });
    handlers.push(mirrorEventHandler({ db, snapshots: repos.snapshots, mirror: intercomMirror, poster, client: intercom, tierAttribute: config.INTERCOM_TIER_ATTRIBUTE }));
    if (intercom && directory) {
        const adapter = intercomAdapter({ client: intercom, directory, defaultAdminId: config.INTERCOM_DEFAULT_ADMIN_ID, tierAttribute: config.INTERCOM_TIER_ATTRIBUTE });
        handlers.push(supportActHandler(adapter, act), categorizeHandler(adapter, { poster, defaultLocale: config.DEFAULT_LOCALE }), intercomSyncHandler(db, intercom));
    }

    if (zendesk) {
        const baseUrl = config.ZENDESK_BASE_URL!;
        const adapter = zendeskAdapter({ client: zendesk.client, directory: zendesk.directory, baseUrl, defaultAuthorId: config.ZENDESK_DEFAULT_AUTHOR_ID, tierField: config.ZENDESK_TIER_FIELD });
        const mirror = supportMirror({ ...common, describe: zendeskDescribe(zendesk.directory), categories });
        handlers.push(
            ticketMirrorHandler({ db, mirror, adapter, client: zendesk.client }),
            supportActHandler(adapter, act),
            categorizeHandler(adapter, { poster, defaultLocale: config.DEFAULT_LOCALE }),
            zendeskSyncHandler(db, zendesk.client)
        );
    }
    return handlers;
}
