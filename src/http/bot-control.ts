import type { Request, Server } from 'restify';
import { z } from 'zod/v4';
import { aiStateLine, setAiState } from '../domain/ai-pause';
import type { WhatsAppContact } from '../domain/whatsapp-contact';
import type { WhatsAppThreads } from '../domain/whatsapp-jobs';
import { badRequest, schemaMismatch } from '../lib/http-error';
import type { Logger } from '../lib/logger';
import type { Outbox } from '../outbox/index';
import type { WhatsAppContactsRepo } from '../store/whatsapp-contacts-repo';
import { requireApiKey } from './api-key';
import { parseJson } from './json-body';
import { rawBodyOf } from './raw-body';
import { route } from './route';

export interface BotControlDeps {
    adminApiKey: string | undefined;
    contacts: WhatsAppContactsRepo;
    threads: WhatsAppThreads;
    outbox: Outbox;
    logger: Logger;
}

const CONTACT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const COMMANDS: Record<string, 'pause' | 'resume' | 'status'> = { pausar: 'pause', pause: 'pause', voltar: 'resume', resume: 'resume', status: 'status' };
const commandSchema = z.object({ contact_id: z.union([z.string().regex(CONTACT_ID), z.number().int().nonnegative()]).transform(String), command: z.string().min(1), by: z.string().max(100).optional() });

/** A contact's AI state as the API answers it. */
function stateView(contactId: string, contact: WhatsAppContact | undefined, line: string) {
    return {
        contact_id: contactId,
        known: contact !== undefined,
        ai_active: !contact?.ai.paused,
        paused_by: contact?.ai.paused ? contact.ai.by : null,
        paused_via: contact?.ai.paused ? contact.ai.via : null,
        paused_at: contact?.ai.paused && contact.ai.at ? new Date(contact.ai.at).toISOString() : null,
        lead_id: contact?.leadId ?? null,
        name: contact?.name ?? null,
        summary: line
    };
}

/**
 * `GET /api/bot/status/:contactId`, `POST /api/bot/pause/:contactId`, `POST /api/bot/resume/:contactId`,
 * `POST /api/bot/command {contact_id, command}` (`X-API-Key: ADMIN_API_KEY`): the per-contact AI
 * switch for operators and automations (n8n itself, for instance). Changes show in the contact's
 * Teams thread like any other.
 */
export function registerBotControl(server: Server, deps: BotControlDeps): void {
    const auth = (req: Request) => requireApiKey(req, deps.adminApiKey, 'ADMIN_API_KEY');
    const contactIdOf = (req: Request) => {
        const id = String(req.params?.contactId ?? '');
        if (!CONTACT_ID.test(id)) throw badRequest('contactId must be a Kommo contact id (letters, digits, - or _)');
        return id;
    };
    const act = async (contactId: string, action: 'pause' | 'resume' | 'status', by: string) => {
        if (action === 'status') {
            const contact = await deps.contacts.get(contactId);
            return stateView(contactId, contact, aiStateLine(deps.threads, contact));
        }
        const result = await setAiState(deps.contacts, deps.threads, contactId, { paused: action === 'pause', by, via: 'api' });
        if (result.jobs.length > 0) await deps.outbox.enqueue(result.jobs);
        deps.logger.info({ contactId, action, changed: result.changed }, 'AI state changed through the API');
        return { ...stateView(contactId, result.contact, aiStateLine(deps.threads, result.contact)), changed: result.changed };
    };
    /** Optional JSON body `{by}` naming who acted; no body is fine. */
    const byOf = (req: Request) => {
        if (rawBodyOf(req).length === 0) return 'API';
        const body = z.object({ by: z.string().min(1).max(100).optional() }).passthrough().safeParse(parseJson(req));
        if (!body.success) throw schemaMismatch(body.error.issues);
        return body.data.by ?? 'API';
    };

    server.get('/api/bot/status/:contactId', route(deps.logger, async (req, res) => {
        auth(req);
        res.send(200, await act(contactIdOf(req), 'status', 'API'));
    }));
    server.post('/api/bot/pause/:contactId', route(deps.logger, async (req, res) => {
        auth(req);
        res.send(200, await act(contactIdOf(req), 'pause', byOf(req)));
    }));
    server.post('/api/bot/resume/:contactId', route(deps.logger, async (req, res) => {
        auth(req);
        res.send(200, await act(contactIdOf(req), 'resume', byOf(req)));
    }));
    server.post('/api/bot/command', route(deps.logger, async (req, res) => {
        auth(req);
        const parsed = commandSchema.safeParse(parseJson(req));
        if (!parsed.success) throw schemaMismatch(parsed.error.issues);
        const action = COMMANDS[parsed.data.command.trim().replace(/^#/, '').toLowerCase()];
        if (!action) throw schemaMismatch([{ path: ['command'], message: 'must be #pausar, #voltar or #status (or pause, resume, status)' }]);
        res.send(200, await act(parsed.data.contact_id, action, parsed.data.by ?? 'API'));
    }));
}
