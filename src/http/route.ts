import type { Next, Request, RequestHandler, Response } from 'restify';
import type { Logger } from '../lib/logger';
import { HttpError } from '../lib/http-error';
import { sendError } from './raw-body';

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
                if (err instanceof HttpError) {
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
