import assert from 'node:assert/strict';
import type { Contract } from './helpers/contract';
import type { RecordedRequest } from './helpers/http-peer';
import { BOT_CONNECTOR_CONTRACT } from './helpers/contracts/bot-connector';
import { KOMMO_CONTRACT } from './helpers/contracts/kommo';
import { META_GRAPH_CONTRACT } from './helpers/contracts/meta-graph';
import { MICROSOFT_GRAPH_CONTRACT, MICROSOFT_LOGIN_CONTRACT } from './helpers/contracts/microsoft-graph';
import { N8N_AI_MESSAGE, n8nContract } from './helpers/contracts/n8n';

const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}): RecordedRequest => {
    const u = new URL(url, 'http://peer');
    const rawBody = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    return { method, path: decodeURIComponent(u.pathname), query: u.searchParams, headers: { 'content-type': 'application/json', authorization: 'Bearer t', ...headers }, body: typeof body === 'string' ? body : body, rawBody, at: Date.now() };
};
const ok = (c: Contract, r: RecordedRequest) => assert.deepEqual(c.check(r), [], `${r.method} ${r.path}`);
const refused = (c: Contract, r: RecordedRequest, pattern: RegExp) => assert.match(c.check(r).join('\n'), pattern);

/** The fakes' contracts catch what the vendors would refuse (so a wrong request fails a test). */
describe("fake peers' contracts, from the vendors' references", () => {
    it('Kommo: the Salesbot run takes an int entity id and leads|contacts; notes are an array; users at most 250', () => {
        ok(KOMMO_CONTRACT, request('POST', '/api/v4/bots/36143/run', { entity_id: 28455849, entity_type: 'leads' }));
        refused(KOMMO_CONTRACT, request('POST', '/api/v4/bots/36143/run', { entity_id: '28455849', entity_type: 2 }), /entity_id|entity_type/);
        refused(KOMMO_CONTRACT, request('POST', '/api/v4/leads/1/notes', { note_type: 'common', params: { text: 'x' } }), /expected array/i);
        refused(KOMMO_CONTRACT, request('GET', '/api/v4/users?limit=500'), /limit is 1\.\.250/);
        refused(KOMMO_CONTRACT, request('GET', '/api/v4/contacts/1', undefined, { authorization: '' }), /Bearer/);
        refused(KOMMO_CONTRACT, request('GET', '/api/v4/contacts/abc'), /does not match/);
    });

    it('Bot Connector: activities have a known type and format; mentions appear in the text', () => {
        ok(BOT_CONNECTOR_CONTRACT, request('POST', '/v3/conversations/19:a@thread.tacv2;messageid=1/activities', { type: 'message', text: 'hi', textFormat: 'markdown' }));
        refused(BOT_CONNECTOR_CONTRACT, request('POST', '/v3/conversations/c/activities', { type: 'message', text: 'hi', textFormat: 'html' }), /textFormat/);
        refused(BOT_CONNECTOR_CONTRACT, request('POST', '/v3/conversations/c/activities', { type: 'message', text: 'hi', entities: [{ type: 'mention', text: '<at>Ana</at>', mentioned: { id: '29:a' } }] }), /mention whose <at> text is not in the message/);
        refused(BOT_CONNECTOR_CONTRACT, request('PUT', '/v3/conversations/c/activities/1', { type: 'message' }), /neither text nor attachments/);
    });

    it('Microsoft Graph and the token endpoint: channel names Teams allows; scope <resource>/.default', () => {
        ok(MICROSOFT_GRAPH_CONTRACT, request('POST', '/v1.0/teams/group-1/channels', { displayName: 'Support', membershipType: 'standard' }));
        refused(MICROSOFT_GRAPH_CONTRACT, request('POST', '/v1.0/teams/group-1/channels', { displayName: 'a/b', membershipType: 'public' }), /displayName|membershipType/);
        ok(MICROSOFT_LOGIN_CONTRACT, request('POST', '/t/oauth2/v2.0/token', 'client_id=a&client_secret=b&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&grant_type=client_credentials', { 'content-type': 'application/x-www-form-urlencoded' }));
        refused(MICROSOFT_LOGIN_CONTRACT, request('POST', '/t/oauth2/v2.0/token', 'client_id=a&client_secret=b&scope=User.Read&grant_type=client_credentials', { 'content-type': 'application/x-www-form-urlencoded' }), /scope/);
    });

    it('Meta: a lead is read by its numeric id with fields and a token; appsecret_proof is hex', () => {
        ok(META_GRAPH_CONTRACT, request('GET', `/444555?fields=created_time,field_data&access_token=x&appsecret_proof=${'a'.repeat(64)}`));
        refused(META_GRAPH_CONTRACT, request('GET', '/444555?fields=created_time'), /access_token/);
        refused(META_GRAPH_CONTRACT, request('GET', '/444555?fields=created_time&access_token=x&appsecret_proof=zz'), /64 hex/);
    });

    it('n8n: the Header Auth credential and the message contract', () => {
        const c = n8nContract('/webhook/ai', N8N_AI_MESSAGE, 'key');
        const message = { conversation_id: null, contact_id: 1, lead_id: null, talk_id: null, message_text: 'Oi', timestamp: '2026-01-01T00:00:00Z', chat_type: 'whatsapp', deskbridge_message_id: 'm1' };
        ok(c, request('POST', '/webhook/ai', message, { authorization: 'Bearer key' }));
        refused(c, request('POST', '/webhook/ai', message, { authorization: 'Basic a2V5' }), /Header Auth/);
        refused(c, request('POST', '/webhook/ai', { ...message, deskbridge_message_id: undefined }, { authorization: 'Bearer key' }), /deskbridge_message_id/);
    });
});
