import type { Server } from 'restify';
import { secretEquals } from '../lib/constant-time';
import { forbidden, HttpError } from '../lib/http-error';
import type { Logger } from '../lib/logger';
import { route } from './route';

/**
 * `GET /api/webhooks/meta`: the handshake Meta makes when the Page's `leadgen` subscription is
 * set up (`hub.mode=subscribe`, `hub.verify_token` = `META_VERIFY_TOKEN`, echo `hub.challenge`).
 * The deliveries themselves are `metaLeadsIngress` (src/flows/leads/ingress.ts).
 */
export function registerMetaHandshake(server: Server, deps: { verifyToken?: string; logger: Logger }): void {
    server.get('/api/webhooks/meta', route(deps.logger, async (req, res) => {
        const q = (req.query ?? {}) as Record<string, unknown>;
        const token = typeof q['hub.verify_token'] === 'string' ? q['hub.verify_token'] : undefined;
        if (q['hub.mode'] !== 'subscribe' || !deps.verifyToken || !secretEquals(token, deps.verifyToken)) throw forbidden('hub.verify_token does not match META_VERIFY_TOKEN');
        const challenge = typeof q['hub.challenge'] === 'string' ? q['hub.challenge'] : '';
        // Meta's challenge is a number; anything else is not echoed (the answer is text/plain, but a browser may sniff).
        if (!/^[A-Za-z0-9_-]{0,256}$/.test(challenge)) throw new HttpError(400, 'malformed_request', 'hub.challenge must be a short token');
        res.setHeader('content-type', 'text/plain');
        res.sendRaw(200, challenge);
    }));
}
