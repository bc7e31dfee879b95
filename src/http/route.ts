import type { Next, Request, RequestHandler, Response } from 'restify';
import type { Logger } from '../lib/logger';
import { HttpError } from '../lib/http-error';
import { sendError } from './raw-body';
import { rateLimited } from './ip-rate-limit';

export type AsyncHandler = (req: Request, res: Response) => Promise<void>;

/**
 * Adapts an async handler to restify: an {@link HttpError} becomes its JSON answer, anything
 * else is logged and answered with a generic 500 that reveals nothing of the failure.
 */
export function route(logger: Logger, handler: AsyncHandler): RequestHandler {
    return (req: Request, res: Response, next: Next) => {
        handler(req, res).then(
            () => next(),
            (err: unknown) => {
                if (err instanceof HttpError && (err.status === 401 || err.status === 403) && req.rateLimitedFor !== undefined) {
                    // Over its limit of failed attempts: the caller is told to wait, not which check failed.
                    sendError(res, rateLimited(req.rateLimitedFor));
                } else if (err instanceof HttpError) {
                    sendError(res, err);
                } else {
                    logger.error({ err, route: req.getRoute()?.path }, 'request failed');
                    sendError(res, new HttpError(500, 'internal_error', 'The request could not be processed; it has been logged'));
                }
                next();
            }
        );
    };
}
