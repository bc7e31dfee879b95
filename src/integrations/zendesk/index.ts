/**
 * Zendesk Support, the second helpdesk of the support flow: its webhook (`ingress`), its REST
 * client and directory, the adapter the support flow acts through, and its jobs (mirror, sync),
 * which src/flows/support/ registers.
 */
import type { Config } from '../../config';
import type { Logger } from '../../lib/logger';
import { describeWith } from './adapter';
import { ZendeskClient } from './client';
import { ZendeskDirectory } from './directory';

export { zendeskIngress } from './ingress';
export { ZendeskClient } from './client';
export { ZendeskDirectory } from './directory';
export { zendeskAdapter } from './adapter';
export { syncJob, ticketJob, ticketMirrorHandler, zendeskSyncHandler, TICKET_JOB, SYNC_JOB } from './jobs';

/** Whether the configuration connects Zendesk's API (a base URL and a token). */
export const zendeskConfigured = (config: Config): boolean => !!config.ZENDESK_BASE_URL && !!(config.ZENDESK_OAUTH_TOKEN || (config.ZENDESK_API_TOKEN && config.ZENDESK_EMAIL));

/** The client and directory the configuration allows, or none. */
export function createZendesk(config: Config, logger: Logger): { client: ZendeskClient; directory: ZendeskDirectory } | undefined {
    if (!zendeskConfigured(config)) return undefined;
    const client = new ZendeskClient({ baseUrl: config.ZENDESK_BASE_URL!, email: config.ZENDESK_EMAIL, apiToken: config.ZENDESK_API_TOKEN, oauthToken: config.ZENDESK_OAUTH_TOKEN });
    return { client, directory: new ZendeskDirectory(client, logger) };
}

/** The directory's names for a snapshot's assignees (the support flow's `describe`). */
export const zendeskDescribe = (directory: ZendeskDirectory | undefined) => (directory ? (s: Parameters<typeof describeWith>[1]) => describeWith(directory, s) : undefined);
