import type { Request, Response, Server } from 'restify';
import { z } from 'zod/v4';
import type { Logger } from '../lib/logger';
import { HttpError, issueDetails, unauthorized } from '../lib/http-error';
import { BotAuthenticationError, type TeamsBot } from './app';
import { parseJson } from '../http/json-body';
import { route } from '../http/route';

const id = z.string().min(1).max(1024);

/**
 * The minimum an activity must have before it is handed to the Bot Framework adapter: who sent
 * it to whom, in which conversation, and the collections the SDK iterates as arrays. Anything
 * else would fail inside the turn (a 500, or a turn error) instead of here with a 400.
 */
const activityShape = z
    .object({
        type: z.string().min(1).max(64),
        id: z.string().max(1024).optional(),
        serviceUrl: z.string().url().max(2048),
        channelId: z.string().max(64).optional(),
        conversation: z.object({ id }).passthrough(),
        from: z.object({ id, aadObjectId: z.string().max(128).optional() }).passthrough(),
        recipient: z.object({ id }).passthrough(),
        text: z.string().max(100_000).optional(),
        entities: z.array(z.object({ type: z.string() }).passthrough()).optional(),
        attachments: z.array(z.object({ contentType: z.string() }).passthrough()).optional(),
        membersAdded: z.array(z.object({ id }).passthrough()).optional(),
        membersRemoved: z.array(z.object({ id }).passthrough()).optional(),
        channelData: z.record(z.string(), z.unknown()).optional()
    })
    .passthrough();

/** Hosts of a service URL on this machine: the only ones anonymous mode sends to. */
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** True when the URL points at this machine (127.0.0.0/8, localhost, [::1]). */
export function isLoopbackUrl(value: string): boolean {
    try {
        const url = new URL(value);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
        return LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname);
    } catch {
        return false;
    }
}

/**
 * `POST /api/messages`: Bot Framework activities from Teams or the Agents Playground. Malformed
 * bodies are refused here with a JSON 400/415 before the adapter sees them; the Bot Framework
 * JWT is verified (401 JSON on any failure) unless the bot runs anonymously — and then only
 * activities whose `serviceUrl` is on this machine are taken, so nobody can make the bot post
 * (customer data included) to a server of theirs.
 */
export function registerBotMessages(server: Server, deps: { bot: TeamsBot; logger: Logger; anonymous: boolean }): void {
    server.post('/api/messages', route(deps.logger, async (req: Request, res: Response) => {
        const body = parseJson(req);
        const result = activityShape.safeParse(body);
        if (!result.success) {
            throw new HttpError(400, 'malformed_activity', 'The body is not a Bot Framework activity', issueDetails(result.error.issues));
        }
        if (deps.anonymous && !isLoopbackUrl(result.data.serviceUrl)) {
            deps.logger.warn({ serviceUrlHost: hostOf(result.data.serviceUrl) }, 'anonymous mode: activity with a service URL off this machine refused');
            throw unauthorized('Anonymous mode (no BOT_ID) accepts activities only from this machine: serviceUrl must be a loopback URL');
        }
        let answer: { status: number; body?: unknown };
        try {
            answer = await deps.bot.process(body as Record<string, unknown>, req.header('authorization') ?? '');
        } catch (err) {
            if (!(err instanceof BotAuthenticationError)) throw err;
            deps.logger.warn({ reason: err.reason }, 'Bot Framework authentication failed');
            throw unauthorized(err.message);
        }
        if (answer.body === undefined) res.send(answer.status);
        else res.send(answer.status, answer.body);
    }));
}

function hostOf(value: string): string {
    try {
        return new URL(value).host.slice(0, 255);
    } catch {
        return '(invalid)';
    }
}
