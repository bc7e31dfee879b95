import { conversationCardTexts, leadCardTexts, threadMessageTexts, whatsappCardTexts } from './texts/card-texts';
import { TeamsThreadPoster } from './teams/thread-poster';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import type { Config } from './config';
import { registerBotMessages } from './teams/bot-messages';
import { registerDeadLetterRoutes } from './http/admin-dead-letters';
import { registerHealthRoutes } from './http/health';
import { mountWebhook, webhookCounter } from './http/webhook-route';
import { intercomIngress } from './integrations/intercom/ingress';
import { zendeskIngress } from './integrations/zendesk/ingress';
import type { Logger } from './lib/logger';
import { createMetrics, type Metrics } from './lib/metrics';
import { createHttpServer } from './server';
import { migrateToLatest, openDatabase } from './store/database';
import { createRepositories, type Repositories } from './store/index';
import { createTeamsBot, type TeamsBot } from './teams/app';
import { createOutbox, type Outbox } from './outbox/index';
import { WhatsAppThreads } from './domain/whatsapp-jobs';
import { whatsappTexts } from './texts/whatsapp-texts';
import { kommoIngress } from './integrations/kommo/ingress';
import { kommoMessageJob } from './flows/whatsapp/message-job';
import { fetchKommoLeadJob } from './flows/leads/fetch-jobs';
import { n8nRepliesIngress } from './flows/whatsapp/ingress';
import { registerBotControl } from './http/bot-control';
import { LeadThreads } from './domain/lead-threads';
import { leadTexts } from './texts/lead-texts';
import { registerMetaHandshake } from './http/meta-handshake';
import { leadsIntakeIngress, metaLeadsIngress, rdStationLeadsIngress } from './flows/leads/ingress';
import { registerJobs } from './jobs';
import { createClients } from './integrations/clients';
import { registerAdminStatus } from './http/admin-status';
import { registerLegalPages } from './http/legal-pages';
import { configuredIntegrations, loadAdminStatus } from './domain/admin-status';

/** A running Deskbridge: what tests and the entry point need to reach and to stop it. */
export interface RunningApp {
    readonly server: Server;
    readonly url: string;
    readonly port: number;
    readonly repos: Repositories;
    readonly bot: TeamsBot;
    readonly metrics: Metrics;
    readonly outbox: Outbox;
    /** Graceful stop: refuse new requests, finish in-flight ones, close the database. */
    stop(): Promise<void>;
}

/**
 * The composition root: config → store (migrated) → outbox → Teams bot and job handlers → HTTP
 * server, listening → outbox worker.
 * Kept apart from `index.ts` so that integration tests start exactly what production starts.
 */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
    const db = await openDatabase(config.database, { onBackgroundCheckpointError: (err) => logger.error({ err }, 'database checkpoint') });
    try {
        await migrateToLatest(db);
    } catch (err) {
        await db.close();
        throw err;
    }
    const repos = createRepositories(db);
    const metrics = createMetrics();
    const outbox = createOutbox({ config, db, registry: metrics.registry, logger });
    // Root cards are seen by the whole channel: they speak the default locale.
    // Root cards are read by the whole channel: the default locale.
    const cardTexts = { whatsapp: whatsappTexts(undefined, config.DEFAULT_LOCALE), leads: leadTexts(undefined, config.DEFAULT_LOCALE) };
    const poster = new TeamsThreadPoster({ conversation: conversationCardTexts(undefined, config.DEFAULT_LOCALE), whatsappCard: whatsappCardTexts(undefined, config.DEFAULT_LOCALE), leadCard: leadCardTexts(undefined, config.DEFAULT_LOCALE), messages: threadMessageTexts(undefined, config.DEFAULT_LOCALE) });
    const whatsapp = new WhatsAppThreads(poster, cardTexts.whatsapp, config.KOMMO_BASE_URL, !!config.N8N_WEBHOOK_URL);
    const leadThreads = new LeadThreads(poster, cardTexts.leads, config.KOMMO_BASE_URL);
    const clients = createClients(config, logger, outbox.limiter);
    const bot = createTeamsBot({
        clients,
        config,
        repos,
        logger,
        wakeOutbox: () => outbox.worker.notify(),
        enqueue: (jobs) => outbox.enqueue(jobs),
        whatsapp,
        leads: leadThreads,
        adminStatus: () => loadAdminStatus({ config, repos, health: (p) => outbox.health.view(p), circuit: (p) => outbox.breakers.state(p) })
    });
    registerJobs(outbox, { config, repos, logger, bot, whatsapp, leads: leadThreads, clients, poster });

    let shuttingDown = false;
    let inFlight = 0;
    let drained: (() => void) | undefined;

    const server = createHttpServer({
        logger,
        metrics,
        bodyLimit: config.BODY_LIMIT_BYTES,
        timeouts: { headersMs: config.HEADERS_TIMEOUT_MS, requestMs: config.REQUEST_TIMEOUT_MS },
        ipRateLimit: { perMinute: config.WEBHOOK_RATE_LIMIT_PER_MINUTE, trustProxy: config.TRUST_PROXY },
        routes: [
            (s) => registerHealthRoutes(s, { db, metrics, logger, isShuttingDown: () => shuttingDown }),
            (s) => registerLegalPages(s, { privacyFile: config.PRIVACY_PAGE_FILE, termsFile: config.TERMS_PAGE_FILE, logger }),
            (s) => registerBotMessages(s, { bot, logger, anonymous: config.anonymousBot }),
            (s) => mountWebhook(s, intercomIngress(config.INTERCOM_CLIENT_SECRET), { outbox, logger, counter: webhookCounter(metrics.registry, 'deskbridge_intercom_webhooks_total', 'Intercom deliveries by topic group and outcome') }),
            (s) => mountWebhook(s, zendeskIngress(config.ZENDESK_WEBHOOK_SECRET), { outbox, logger, counter: webhookCounter(metrics.registry, 'deskbridge_zendesk_webhooks_total', 'Zendesk deliveries by event type and outcome') }),
            (s) =>
                mountWebhook(s, kommoIngress({ webhookToken: config.KOMMO_WEBHOOK_TOKEN, accountId: config.KOMMO_ACCOUNT_ID, messageJobs: (contactId, eventId) => [kommoMessageJob(contactId, eventId)], leadJobs: (leadId) => [fetchKommoLeadJob(leadId)] }), {
                    outbox,
                    logger,
                    counter: webhookCounter(metrics.registry, 'deskbridge_kommo_webhooks_total', 'Kommo webhook deliveries by kind (message, lead, mixed) and outcome'),
                    skipped: metrics.webhookItemsSkipped
                }),
            (s) => mountWebhook(s, n8nRepliesIngress(config.N8N_CALLBACK_TOKEN), { outbox, logger }),
            (s) => mountWebhook(s, leadsIntakeIngress(config.LEADS_API_KEY), { outbox, logger }),
            (s) => registerMetaHandshake(s, { verifyToken: config.META_VERIFY_TOKEN, logger }),
            (s) => mountWebhook(s, metaLeadsIngress(config.META_APP_SECRET), { outbox, logger, skipped: metrics.webhookItemsSkipped }),
            (s) => mountWebhook(s, rdStationLeadsIngress(config.RDSTATION_WEBHOOK_TOKEN), { outbox, logger, skipped: metrics.webhookItemsSkipped }),
            (s) => registerAdminStatus(s, { config, repos, outbox, logger }),
            (s) => registerBotControl(s, { adminApiKey: config.ADMIN_API_KEY, contacts: repos.contacts, threads: whatsapp, outbox, logger }),
            (s) => registerDeadLetterRoutes(s, { db: db.kysely, adminApiKey: config.ADMIN_API_KEY, logger, onReplay: () => outbox.worker.notify() })
        ]
    });
    server.pre((_req, res, next) => {
        inFlight++;
        res.once('close', () => {
            inFlight--;
            if (inFlight === 0) drained?.();
        });
        return next();
    });

    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => {
            server.removeListener('error', reject);
            resolve();
        });
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}`;
    if (config.RUN_WORKER) await outbox.start();
    const integrations = configuredIntegrations(config);
    const on = integrations.filter((i) => i.on).map((i) => i.name);
    const off = integrations.filter((i) => !i.on).map((i) => i.name);
    logger.info(
        { host: config.HOST, port, database: db.dialect, anonymousBot: config.anonymousBot, integrationsOn: on, integrationsOff: off, worker: config.RUN_WORKER },
        `Deskbridge listening on ${config.HOST}:${port} (${db.dialect}); integrations on: ${on.join(', ') || 'none'}; off: ${off.join(', ') || 'none'}`
    );

    return {
        server,
        url,
        port,
        repos,
        bot,
        metrics,
        outbox,
        async stop() {
            if (shuttingDown) return;
            shuttingDown = true;
            const closed = new Promise<void>((resolve) => server.close(() => resolve()));
            server.server.closeIdleConnections();
            if (inFlight > 0) {
                await Promise.race([new Promise<void>((resolve) => (drained = resolve)), delay(10_000)]);
            }
            server.server.closeAllConnections();
            await closed;
            // Jobs in flight finish (or their lease expires and another instance takes them).
            await outbox.stop();
            await db.close();
            logger.info('Deskbridge stopped');
        }
    };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
