import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'qs';
import { HttpPeer } from './http-peer';
import { post } from './post';
import { enforce } from './contract';
import { KOMMO_CONTRACT } from './contracts/kommo';

export const KOMMO_TOKEN = 'kommo-webhook-token-for-tests';
export const KOMMO_ACCOUNT = '31234567';
export const KOMMO_API_TOKEN = 'kommo-api-token';
export const SALESBOT_ID = '36143';
export const REPLY_FIELD_ID = '777001';
export const CONTACT_ID = '93589657';
export const LEAD_ID = '28455849';

const FIXTURES = join(__dirname, '..', 'fixtures', 'kommo');

/** A fixture body (`test/fixtures/kommo/<name>.form.txt`), raw as Kommo sends it. */
export function kommoForm(name: string): string {
    return readFileSync(join(FIXTURES, `${name}.form.txt`), 'utf8').trim();
}

/** A message[add] body like the fixture, with fields of the message replaced. */
export function kommoMessage(name: 'message_add_incoming' | 'message_add_outgoing_pausar', change: Record<string, unknown> = {}): string {
    const form = parse(kommoForm(name), { depth: 6 }) as { message: { add: Array<Record<string, unknown>> } };
    Object.assign(form.message.add[0]!, change);
    return stringify(form, { encodeValuesOnly: false });
}

/** Posts a form body to the Kommo webhook with the token (as Kommo does). */
export function postKommo(appUrl: string, body: string, token = KOMMO_TOKEN, contentType = 'application/x-www-form-urlencoded') {
    return post(`${appUrl}/api/webhooks/kommo?token=${encodeURIComponent(token)}`, body, { 'content-type': contentType });
}

/**
 * A fake Kommo API on 127.0.0.1: the lead field write and Salesbot run of a send, notes, a
 * contact with a phone, a lead with its responsible user, and that user. Every request is checked
 * against {@link KOMMO_CONTRACT} (Kommo's reference); requests without this test's Bearer token or
 * not matching it are refused (Kommo's problem+json 400/401) and listed in `violations`.
 */
export class FakeKommo extends HttpPeer {
    readonly violations: string[] = [];
    responsibleEmail = 'carlos@imobiliaria.example';

    constructor() {
        super();
        this.inspect = (req) => {
            if (req.headers.authorization === `Bearer ${KOMMO_API_TOKEN}`) return undefined;
            this.violations.push(`${req.method} ${req.path}: no Bearer token`);
            return { status: 401, body: { title: 'Unauthorized', status: 401 } };
        };
        enforce(this, KOMMO_CONTRACT, (problems) => ({ status: 400, body: { title: 'Bad Request', status: 400, detail: problems[0] } }));
        this.on('PATCH', '/api/v4/leads/:id', (_req, p) => ({ status: 200, body: { id: Number(p.id), updated_at: 1760000400 } }));
        this.on('POST', '/api/v4/bots/:id/run', () => ({ status: 202, body: {} }));
        this.on('POST', '/api/v4/leads/:id/notes', () => ({ status: 200, body: { _embedded: { notes: [{ id: 1 }] } } }));
        this.on('GET', '/api/v4/contacts/:id', (_req, p) => ({ status: 200, body: { id: Number(p.id), name: 'Maria Souza', custom_fields_values: [{ field_code: 'PHONE', values: [{ value: '+55 11 98888-7777' }] }] } }));
        this.on('GET', '/api/v4/leads/:id', (_req, p) => ({ status: 200, body: { id: Number(p.id), responsible_user_id: 14271535 } }));
        this.on('GET', '/api/v4/users/:id', (_req, p) => ({ status: 200, body: { id: Number(p.id), name: 'Carlos Corretor', email: this.responsibleEmail } }));
    }

    /** Texts sent to the customer: each field write followed by its Salesbot run. */
    sentTexts(): string[] {
        return this.requests
            .filter((r) => r.method === 'PATCH')
            .map((r) => String((r.body as { custom_fields_values: Array<{ values: Array<{ value: unknown }> }> }).custom_fields_values[0]!.values[0]!.value));
    }

    notes(): string[] {
        return this.requests.filter((r) => r.path.endsWith('/notes')).map((r) => String((r.body as Array<{ params: { text: string } }>)[0]!.params.text));
    }
}
