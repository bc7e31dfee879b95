import type { Config } from '../config';
import type { Logger } from '../lib/logger';
import { IntercomClient } from './intercom/client';
import { IntercomDirectory } from './intercom/directory';
import { createZendesk, type ZendeskClient, type ZendeskDirectory } from './zendesk/index';
import { KOMMO_REQUEST_LIMITS, KommoClient } from './kommo/client';
import { requestGate, type RateLimiter } from '../outbox/rate-limits';

/** The vendor API clients the configuration allows, built once and shared by jobs and Teams handlers. */
export interface Clients {
    intercom?: IntercomClient;
    directory?: IntercomDirectory;
    kommo?: KommoClient;
    zendesk?: { client: ZendeskClient; directory: ZendeskDirectory };
}

export function createClients(config: Config, logger: Logger, limiter?: RateLimiter): Clients {
    const intercom = config.INTERCOM_ACCESS_TOKEN ? new IntercomClient({ baseUrl: config.INTERCOM_API_BASE_URL!, accessToken: config.INTERCOM_ACCESS_TOKEN, version: config.INTERCOM_API_VERSION }) : undefined;
    return {
        intercom,
        directory: intercom ? new IntercomDirectory(intercom, logger) : undefined,
        zendesk: createZendesk(config, logger),
        kommo: config.KOMMO_ACCESS_TOKEN && config.KOMMO_BASE_URL ? new KommoClient({
                  baseUrl: config.KOMMO_BASE_URL,
                  accessToken: config.KOMMO_ACCESS_TOKEN,
                  gate: limiter ? requestGate(limiter, { key: 'kommo-requests', limits: KOMMO_REQUEST_LIMITS }, { onWait: (ms) => logger.debug({ ms }, 'kommo: waiting for a request slot') }) : undefined
              }) : undefined
    };
}
