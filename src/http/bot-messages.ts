import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../lib/logger';
import { HttpError, issueDetails } from '../lib/http-error';
import type { TeamsBot } from '../teams/app';
import { parseJson } from './json-body';
import { route } from './route';

/** The minimum an activity must have before it is handed to the Bot Framework adapter. */
const activityShape = z
    .object({
        type: z.string().min(1),
        id: z.string().optional(),
        serviceUrl: z.string().optional(),
        channelId: z.string().optional(),
        conversation: z.object({ id: z.string().min(1) }).passthrough().optional(),
        from: z.object({ id: z.string() }).passthrough().optional(),
        recipient: z.object({ id: z.string() }).passthrough().optional(),
        text: z.string().optional()
    })
    .passthrough();

/**
 * `POST /api/messages`: Bot Framework activities from Teams or the Agents Playground. Malformed
 * bodies are refused here with a JSON 400/415/422 before the adapter (which would 500) sees them;
 * the adapter verifies the Bot Framework JWT unless the bot runs anonymously.
 */
export function registerBotMessages(server: Server, deps: { bot: TeamsBot; logger: Logger }): void {
    server.post('/api/messages', route(deps.logger, async (req: Request, res: Response) => {
        const body = parseJson(req);
        const result = activityShape.safeParse(body);
        if (!result.success) {
            throw new HttpError(400, 'malformed_activity', 'The body is not a Bot Framework activity', issueDetails(result.error.issues));
        }
        req.body = body;
        await deps.bot.adapter.process(req, res, (context) => deps.bot.handle(context));
    }));
}
