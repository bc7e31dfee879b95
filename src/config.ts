import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod/v4';
import { parseBusinessHours } from './domain/business-hours';
import { parseKeywordCategories } from './domain/keyword-categories';
import { loadScoringRules } from './domain/lead-scoring';
import { SUPPORTED_LOCALES, type Locale } from './texts/locales';

/**
 * The one place that reads the environment. Every variable is optional: unset means a working
 * local default (SQLite file, anonymous Bot Framework mode, integrations switched off).
 */

/** Empty strings in env files (`KEY=`) mean "unset", not "the empty value". */
const optionalString = z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const csvList = optionalString.transform((v) =>
    v === undefined
        ? []
        : v
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s.length > 0)
);

const httpUrl = (fallback?: string) =>
    optionalString
        .refine((v) => v === undefined || /^https?:\/\/[^\s]+$/i.test(v), 'must be an http(s) URL')
        .transform((v) => (v ?? fallback)?.replace(/\/+$/, ''));

const positiveInt = (fallback: number, max = Number.MAX_SAFE_INTEGER) =>
    optionalString
        .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) > 0 && Number(v) <= max), `must be a whole number from 1 to ${max}`)
        .transform((v) => (v === undefined ? fallback : Number(v)));

const booleanFlag = (fallback: boolean) =>
    optionalString
        .refine((v) => v === undefined || /^(true|false|1|0|yes|no)$/i.test(v), 'must be true or false')
        .transform((v) => (v === undefined ? fallback : /^(true|1|yes)$/i.test(v)));

const isTimeZone = (zone: string): boolean => {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
    } catch {
        return false;
    }
};

export { SUPPORTED_LOCALES, type Locale };

/** The folder of package.json (this file is src/config.ts or dist/config.js). */
const APP_ROOT = join(__dirname, '..');

/** Every variable Deskbridge reads, each with its own check and default. */
const fields = {
    NODE_ENV: optionalString,
    PORT: optionalString
        .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) <= 65535), 'must be a port number (0-65535)')
        .transform((v) => (v === undefined ? 3978 : Number(v))),
    /** Unset: 127.0.0.1 in anonymous local mode (no BOT_ID), all interfaces (0.0.0.0) otherwise. */
    HOST: optionalString,
    DATABASE_URL: optionalString.refine(
        (v) => v === undefined || /^(postgres|postgresql):\/\//i.test(v) || /^(sqlite:|file:)/i.test(v),
        'must be a postgres:// URL, or sqlite:<path> / file:<path> for SQLite'
    ),
    LOG_LEVEL: optionalString
        .refine((v) => v === undefined || ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(v), 'must be one of fatal, error, warn, info, debug, trace, silent')
        .transform((v) => v ?? 'info'),
    DEFAULT_LOCALE: optionalString
        .refine((v) => v === undefined || (SUPPORTED_LOCALES as readonly string[]).includes(v), `must be one of ${SUPPORTED_LOCALES.join(', ')}`)
        .transform((v) => (v ?? 'en') as Locale),
    BODY_LIMIT_BYTES: positiveInt(1024 * 1024, 50 * 1024 * 1024),
    /** A client must have sent all request headers within this time (slowloris), else 408. */
    HEADERS_TIMEOUT_MS: positiveInt(10_000, 600_000),
    /** A client must have sent its whole request within this time, else 408. */
    REQUEST_TIMEOUT_MS: positiveInt(30_000, 3_600_000),

    BOT_ID: optionalString,
    BOT_PASSWORD: optionalString,
    BOT_TYPE: optionalString
        .refine((v) => v === undefined || ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(v), 'must be SingleTenant, UserAssignedMSI or MultiTenant')
        // Azure stopped creating multi-tenant bot registrations in July 2025: single-tenant by default.
        .transform((v) => v ?? 'SingleTenant'),
    BOT_TENANT_ID: optionalString,
    ALLOWED_TENANT_IDS: csvList,
    ADMIN_USERS: csvList.transform((list) => list.map((u) => u.toLowerCase())),
    ADMIN_API_KEY: optionalString,
    GRAPH_BASE_URL: httpUrl('https://graph.microsoft.com'),
    MICROSOFT_LOGIN_BASE_URL: httpUrl('https://login.microsoftonline.com'),

    INTERCOM_ACCESS_TOKEN: optionalString,
    INTERCOM_CLIENT_SECRET: optionalString,
    INTERCOM_API_BASE_URL: httpUrl('https://api.intercom.io'),
    INTERCOM_API_VERSION: optionalString
        .refine((v) => v === undefined || /^(\d+\.\d+|Unstable)$/.test(v), 'must be a version like 2.14')
        .transform((v) => v ?? '2.14'),
    INTERCOM_DEFAULT_ADMIN_ID: optionalString,
    /** The contact's custom attribute holding the customer's plan, for `route tier:…` rules. */
    INTERCOM_TIER_ATTRIBUTE: optionalString.transform((v) => v ?? 'plan'),

    /** `https://<subdomain>.zendesk.com`. */
    ZENDESK_BASE_URL: httpUrl(),
    /** With ZENDESK_API_TOKEN: the integration user's email (Basic `{email}/token:{token}`). */
    ZENDESK_EMAIL: optionalString,
    ZENDESK_API_TOKEN: optionalString,
    /** Instead of an API token: an OAuth access token (Bearer). */
    ZENDESK_OAUTH_TOKEN: optionalString,
    /** The signing secret of the Zendesk webhook (X-Zendesk-Webhook-Signature). */
    ZENDESK_WEBHOOK_SECRET: optionalString,
    /** The Zendesk user replies of agents without a Zendesk user are written as, signed with their name. */
    ZENDESK_DEFAULT_AUTHOR_ID: optionalString.refine((v) => v === undefined || /^\d{1,20}$/.test(v), 'must be a Zendesk user id (digits)'),
    /** The user or organization field holding the customer's tier, for `route tier:…` rules. */
    ZENDESK_TIER_FIELD: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_]{1,64}$/.test(v), 'must be a field key (letters, digits, _)').transform((v) => v ?? 'tier'),
    /**
     * Keyword categories for new helpdesk conversations: `tag:word,word;tag!:word` — a match adds
     * the tag in the helpdesk, and `!` raises the priority too.
     */
    SUPPORT_KEYWORD_CATEGORIES: optionalString,

    KOMMO_BASE_URL: httpUrl(),
    KOMMO_ACCESS_TOKEN: optionalString,
    KOMMO_WEBHOOK_TOKEN: optionalString,
    KOMMO_ACCOUNT_ID: optionalString,
    KOMMO_SALESBOT_ID: optionalString,
    KOMMO_REPLY_FIELD_ID: optionalString,
    /**
     * The longest a send waits for Kommo to run the previous Salesbot of the same lead (its
     * message coming back by webhook) before writing the reply field again.
     */
    KOMMO_SEND_GAP_MS: positiveInt(10_000, 120_000),
    /** A salesperson writing to the customer (in WhatsApp or from Teams) pauses the AI for that contact. */
    WHATSAPP_PAUSE_ON_HUMAN_REPLY: booleanFlag(true),
    /** Resume the AI after this many minutes without a human message; 0 = never (default). */
    WHATSAPP_AUTO_RESUME_MINUTES: optionalString
        .refine((v) => v === undefined || /^\d+$/.test(v), 'must be a whole number of minutes (0 = off)')
        .transform((v) => (v === undefined ? 0 : Number(v))),

    N8N_WEBHOOK_URL: httpUrl(),
    N8N_API_KEY: optionalString,
    N8N_CALLBACK_TOKEN: optionalString,
    /** How long to wait for a synchronous answer of the AI workflow before the send is retried. */
    N8N_TIMEOUT_MS: positiveInt(25_000, 300_000),
    /** The Webhook node's "Put Response in Field" name, when the workflow nests its answer. */
    N8N_RESPONSE_FIELD: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_.-]{1,64}$/.test(v), 'must be a field name'),
    N8N_LEAD_WEBHOOK_URL_HOT: httpUrl(),
    N8N_LEAD_WEBHOOK_URL_WARM: httpUrl(),
    N8N_LEAD_WEBHOOK_URL_COLD: httpUrl(),
    LEADS_API_KEY: optionalString,
    /** A hot lead not claimed within this many minutes is raised again in its thread. */
    LEADS_CLAIM_SLA_MINUTES: positiveInt(15, 1440),
    /** A JSON or YAML file with the lead scoring rules; unset = the rules shipped in src/domain/lead-scoring-rules.ts. */
    LEADS_SCORING_RULES: optionalString,
    /** Emails of the sales on-call, @mentioned when a hot lead waits unclaimed. */
    LEADS_ONCALL_EMAILS: csvList.transform((list) => list.map((u) => u.toLowerCase())),
    META_VERIFY_TOKEN: optionalString,
    META_APP_SECRET: optionalString,
    /** A Graph API version supported today (Meta retires each about two years after release). */
    META_GRAPH_BASE_URL: httpUrl('https://graph.facebook.com/v24.0'),
    META_PAGE_ACCESS_TOKEN: optionalString,
    /** RD Station signs no webhook: this secret goes in the webhook URL as `?token=`. */
    RDSTATION_WEBHOOK_TOKEN: optionalString,

    OUTBOX_WORKERS: positiveInt(8, 64),
    OUTBOX_MAX_ATTEMPTS: positiveInt(8, 100),
    OUTBOX_RETRY_BASE_MS: positiveInt(1000, 3_600_000),
    OUTBOX_RETRY_CAP_MS: positiveInt(600_000, 86_400_000),
    OUTBOX_LEASE_MS: positiveInt(60_000, 3_600_000),
    OUTBOX_JOB_TIMEOUT_MS: positiveInt(30_000, 600_000),
    OUTBOX_POLL_MS: positiveInt(500, 60_000),
    OUTBOX_RETENTION_DAYS: positiveInt(7, 3650),
    INBOX_RETENTION_DAYS: positiveInt(30, 3650),
    /** The prune runs this often, the first time this long after start (not during a restart's catch-up). */
    OUTBOX_PRUNE_EVERY_MINUTES: positiveInt(60, 10_080),
    OUTBOX_PRUNE_FIRST_AFTER_SECONDS: positiveInt(60, 86_400),
    CIRCUIT_FAILURES: positiveInt(5, 1000),
    CIRCUIT_OPEN_MS: positiveInt(30_000, 3_600_000),
    RUN_WORKER: booleanFlag(true),
    /** A customer waiting this long (business time) for a human answer gets a reminder in the thread. */
    SLA_FIRST_RESPONSE_MINUTES: positiveInt(15, 10_080),
    /** When the SLA clock runs: `Mon-Fri 09:00-18:00` style, or `24/7`. */
    SLA_BUSINESS_HOURS: optionalString.transform((v) => v ?? '24/7'),
    SLA_TIMEZONE: optionalString.refine((v) => v === undefined || isTimeZone(v), 'must be an IANA time zone such as America/Sao_Paulo').transform((v) => v ?? 'UTC'),
    /** Failed or unauthenticated requests per minute per caller IP on the webhook and API endpoints (429 beyond). */
    WEBHOOK_RATE_LIMIT_PER_MINUTE: positiveInt(6000, 1_000_000),
    /** Behind Azure App Service or another proxy: the caller is the first X-Forwarded-For hop. */
    TRUST_PROXY: booleanFlag(false),
    /** The HTML served at /privacy and /terms (the manifest's privacy and terms links). */
    PRIVACY_PAGE_FILE: optionalString.transform((v) => resolve(v ?? join(APP_ROOT, 'docs', 'legal', 'privacy.html'))),
    TERMS_PAGE_FILE: optionalString.transform((v) => resolve(v ?? join(APP_ROOT, 'docs', 'legal', 'terms.html')))
};

type Fields = { [K in keyof typeof fields]: z.output<(typeof fields)[K]> };

/**
 * Checks across variables. They run on whatever variables parsed, so one run reports every
 * problem (a check whose inputs are themselves invalid is skipped: their own error says why).
 */
function crossChecks(env: Partial<Fields>): string[] {
    const problems: string[] = [];
    const production = env.NODE_ENV === 'production';
    if (!env.BOT_ID && production) problems.push('BOT_ID is required when NODE_ENV=production (anonymous Bot Framework mode is for local use only)');
    if (env.BOT_ID && !env.BOT_PASSWORD && env.BOT_TYPE !== undefined && env.BOT_TYPE !== 'UserAssignedMSI') {
        problems.push(`BOT_PASSWORD is required when BOT_ID is set and BOT_TYPE is ${env.BOT_TYPE}`);
    }
    if (env.HEADERS_TIMEOUT_MS !== undefined && env.REQUEST_TIMEOUT_MS !== undefined && env.HEADERS_TIMEOUT_MS > env.REQUEST_TIMEOUT_MS) {
        problems.push('HEADERS_TIMEOUT_MS must not be longer than REQUEST_TIMEOUT_MS');
    }
    if (env.BOT_TYPE !== undefined && env.BOT_TYPE !== 'MultiTenant' && env.BOT_ID && !env.BOT_TENANT_ID) {
        problems.push(`BOT_TENANT_ID is required when BOT_TYPE is ${env.BOT_TYPE} (the default: Azure creates no new multi-tenant bots since July 2025)`);
    }
    if (env.SLA_BUSINESS_HOURS !== undefined) {
        try {
            parseBusinessHours(env.SLA_BUSINESS_HOURS, env.SLA_TIMEZONE ?? 'UTC');
        } catch (err) {
            problems.push(`SLA_BUSINESS_HOURS ${(err as Error).message}`);
        }
    }
    const zendeskAuth = env.ZENDESK_API_TOKEN || env.ZENDESK_OAUTH_TOKEN;
    if (zendeskAuth && !env.ZENDESK_BASE_URL) problems.push('ZENDESK_BASE_URL is required when a Zendesk token is set (e.g. https://yourcompany.zendesk.com)');
    if (env.ZENDESK_API_TOKEN && !env.ZENDESK_EMAIL) problems.push('ZENDESK_EMAIL is required with ZENDESK_API_TOKEN (Zendesk authenticates {email}/token:{token})');
    if (env.ZENDESK_API_TOKEN && env.ZENDESK_OAUTH_TOKEN) problems.push('set either ZENDESK_API_TOKEN or ZENDESK_OAUTH_TOKEN, not both');
    if (env.SUPPORT_KEYWORD_CATEGORIES !== undefined) for (const p of parseKeywordCategories(env.SUPPORT_KEYWORD_CATEGORIES).problems) problems.push(`SUPPORT_KEYWORD_CATEGORIES: ${p}`);
    if (env.KOMMO_ACCESS_TOKEN && !env.KOMMO_BASE_URL) problems.push('KOMMO_BASE_URL is required when KOMMO_ACCESS_TOKEN is set (e.g. https://yourcompany.kommo.com)');
    for (const key of ['PRIVACY_PAGE_FILE', 'TERMS_PAGE_FILE'] as const) {
        const file = env[key];
        if (file !== undefined && !existsSync(file)) problems.push(`${key} names ${file}, which does not exist`);
    }
    if (env.LEADS_SCORING_RULES) {
        if (!existsSync(env.LEADS_SCORING_RULES)) {
            problems.push(`LEADS_SCORING_RULES names ${env.LEADS_SCORING_RULES}, which does not exist (relative paths start at ${process.cwd()})`);
        } else {
            try {
                loadScoringRules(env.LEADS_SCORING_RULES);
            } catch (err) {
                const message = (err as Error).message;
                problems.push(message.startsWith('LEADS_SCORING_RULES') ? message : `LEADS_SCORING_RULES ${env.LEADS_SCORING_RULES}: ${message}`);
            }
        }
    }
    return problems;
}

export type Config = Omit<Fields, 'HOST'> & {
    /** The address to listen on (see `HOST` above for the default). */
    readonly HOST: string;
    /** True when no Bot Framework credentials are set: the bot accepts unauthenticated activities (local use). */
    readonly anonymousBot: boolean;
    readonly database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
};

/** Thrown when the environment is invalid; `message` lists every bad variable and why. */
export class ConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        this.name = 'ConfigError';
    }
}

/**
 * Reads and validates the configuration from an environment map.
 * @throws ConfigError listing every invalid variable (values are never echoed: they may be secrets).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
    const problems: string[] = [];
    const parsed: Partial<Record<keyof Fields, unknown>> = {};
    for (const key of Object.keys(fields) as Array<keyof Fields>) {
        const result = fields[key].safeParse(env[key]);
        if (result.success) parsed[key] = result.data;
        else problems.push(...result.error.issues.map((issue) => `${key} ${issue.message}`));
    }
    problems.push(...crossChecks(parsed as Partial<Fields>));
    if (problems.length > 0) throw new ConfigError(problems);
    const value = parsed as Fields;
    const url = value.DATABASE_URL;
    const database: Config['database'] =
        url && /^postgres(ql)?:\/\//i.test(url)
            ? { kind: 'postgres', url }
            : { kind: 'sqlite', file: url ? url.replace(/^(sqlite|file):(\/\/)?/i, '') : './data/deskbridge.db' };
    const anonymousBot = !value.BOT_ID;
    // Anonymous mode trusts any caller that reaches it: only this machine, unless HOST says otherwise.
    const HOST = value.HOST ?? (anonymousBot ? '127.0.0.1' : '0.0.0.0');
    return { ...value, HOST, anonymousBot, database };
}
