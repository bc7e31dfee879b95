import { SUPPORT_CHANNEL_ID, TEAM_ID, TENANT_ID, botAddedToTeam } from './activities';
import { FakeBotConnector } from './fake-bot-connector';
import { post } from './post';
import { startTestApp, type TestApp } from './start-app';

/** Fast retry settings so that outbox tests finish in seconds. */
export const FAST_OUTBOX_ENV = {
    OUTBOX_RETRY_BASE_MS: '20',
    OUTBOX_RETRY_CAP_MS: '300',
    OUTBOX_POLL_MS: '50',
    OUTBOX_JOB_TIMEOUT_MS: '500',
    CIRCUIT_OPEN_MS: '300',
    LOG_LEVEL: 'warn'
};

/** Channel ids of a team with `count` channels besides General. */
export function channelIds(count: number): string[] {
    return Array.from({ length: count }, (_, i) => (i === 0 ? SUPPORT_CHANNEL_ID : `19:channel-${i}@thread.tacv2`));
}

/** The app installed in a team of the fake connector, ready to post proactively. */
export async function installedApp(env: Record<string, string> = {}, channels = 1): Promise<{ app: TestApp; connector: FakeBotConnector }> {
    const connector = await new FakeBotConnector().start();
    connector.channels = [{ id: TEAM_ID }, ...channelIds(channels).map((id) => ({ id, name: id }))];
    const app = await startTestApp({ ...FAST_OUTBOX_ENV, ...env });
    await post(`${app.url}/api/messages`, botAddedToTeam(connector.url));
    return { app, connector };
}

/** A start_thread payload for a key in one of the team's channels. */
export function threadIn(threadKey: string, channelId = SUPPORT_CHANNEL_ID, text = `root ${threadKey}`) {
    return { threadKey, teamId: TEAM_ID, channelId, tenantId: TENANT_ID, activity: { text } };
}

/** Polls until `check` is true, or fails with `what` after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (await check()) return;
        await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for: ${what}`);
}

/**
 * True when no job is due or running: everything a step caused is done. Jobs scheduled for later
 * (SLA checks, follow-up reminders) do not count.
 */
export async function nothingDue(app: { repos: { db: { kysely: import('kysely').Kysely<import('../../src/store/schema').Database> } } }): Promise<boolean> {
    const due = await app.repos.db.kysely.selectFrom('outbox_jobs').select('id').where('status', 'in', ['pending', 'running']).where('run_at', '<=', Date.now()).limit(1).execute();
    return due.length === 0;
}
