import { createHmac } from 'node:crypto';
import assert from 'node:assert/strict';
import { metaSignature } from '../../src/integrations/meta/verify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALEX, MEGAN, cardAction, channelMention } from '../helpers/activities';
import type { FakeBotConnector } from '../helpers/fake-bot-connector';
import { HttpPeer } from '../helpers/http-peer';
import { FakeKommo, KOMMO_ACCOUNT, KOMMO_API_TOKEN, KOMMO_TOKEN, kommoForm, postKommo } from '../helpers/kommo';
import { post } from '../helpers/post';
import { startTestApp, type TestApp } from '../helpers/start-app';
import { FAST_OUTBOX_ENV, channelIds, eventually, installedApp } from '../helpers/teams-scenario';
import { enforce } from '../helpers/contract';
import { META_GRAPH_CONTRACT } from '../helpers/contracts/meta-graph';
import { N8N_LEAD, n8nContract } from '../helpers/contracts/n8n';

const LEADS_CHANNEL = channelIds(2)[1]!;
const FIXTURE = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'leads-streamleads.json'), 'utf8')) as Record<string, unknown>;
const LEADS_KEY = 'leads-key';
const META_SECRET = 'meta-app-secret';
const RD_TOKEN = 'rd-secret';

describe('Hot leads: intake, scoring, n8n by temperature, claims and follow-ups', function () {
    this.timeout(40000);
    let app: TestApp;
    let connector: FakeBotConnector;
    let n8n: HttpPeer;
    let graph: HttpPeer;
    let kommo: FakeKommo;
    let env: Record<string, string>;

    /** Jobs due later (scheduled reminders) do not count as work in progress. */
    const settledNow = async () => {
        const due = await app.repos.db.kysely.selectFrom('outbox_jobs').select('id').where('status', 'in', ['pending', 'running']).where('run_at', '<=', Date.now()).execute();
        return due.length === 0;
    };
    const sendLead = (body: unknown, key = LEADS_KEY) => post(`${app.url}/api/leads`, body, { 'x-api-key': key });
    const n8nPosts = (path: string) => n8n.requests.filter((r) => r.path === path);
    const leadCards = () => connector.requests.filter((r) => r.method === 'POST' && r.path === '/v3/conversations');
    const threadOfLead = async (id: number) => (await app.repos.threads.get(`lead:${id}`))!.conversationId;
    /** "Advances the clock" for one scheduled job: makes it due now. */
    const makeDue = async (dedupeKey: string) => {
        await app.repos.db.kysely.updateTable('outbox_jobs').set({ run_at: Date.now() }).where('dedupe_key', '=', dedupeKey).where('status', '=', 'pending').execute();
        app.outbox.worker.notify();
    };
    const jobOf = (dedupeKey: string) => app.repos.db.kysely.selectFrom('outbox_jobs').selectAll().where('dedupe_key', '=', dedupeKey).executeTakeFirst();

    beforeEach(async () => {
        n8n = await new HttpPeer().start();
        enforce(n8n, n8nContract('/webhook/:temperature', N8N_LEAD), (problems) => ({ status: 422, body: { message: problems[0] } }));
        for (const path of ['/webhook/hot', '/webhook/warm', '/webhook/cold']) n8n.on('POST', path, () => ({ status: 200, body: { ok: true } }));
        graph = await new HttpPeer().start();
        enforce(graph, META_GRAPH_CONTRACT, (problems) => ({ status: 400, body: { error: { message: problems[0], type: 'OAuthException', code: 100 } } }));
        graph.on('GET', '/:leadgenId', (req, p) =>
            // With META_APP_SECRET set, Graph requires appsecret_proof = hex HMAC-SHA256(token, app secret).
            req.query.get('access_token') === 'page-token' && req.query.get('appsecret_proof') === createHmac('sha256', META_SECRET).update('page-token').digest('hex')
                ? { status: 200, body: { id: p.leadgenId, created_time: '2026-11-22T10:00:00+0000', field_data: [{ name: 'full_name', values: ['Bruna Lima'] }, { name: 'email', values: ['bruna@example.com'] }, { name: 'phone_number', values: ['+5511977776666'] }, { name: 'city', values: ['Campinas'] }, { name: 'qual_seu_interesse?', values: ['Comprar à vista, urgente'] }, { name: 'renda_mensal', values: ['20000'] }] } }
                : { status: 400, body: { error: { message: 'Invalid OAuth access token.' } } }
        );
        kommo = await new FakeKommo().start();
        kommo.on('GET', '/api/v4/leads/:id', (_req, p) => ({ status: 200, body: { id: Number(p.id), name: 'Apto 2 quartos - Maria Souza', custom_fields_values: [{ field_name: 'Renda familiar', values: [{ value: '8000' }] }], _embedded: { contacts: [{ id: 93589657, is_main: true }] } } }));
        kommo.on('GET', '/api/v4/users', () => ({ status: 200, body: { _embedded: { users: [{ id: 15297447, name: 'Carlos Corretor', email: 'carlos@imobiliaria.example' }] } } }));
        env = {
            LEADS_API_KEY: LEADS_KEY,
            N8N_LEAD_WEBHOOK_URL_HOT: `${n8n.url}/webhook/hot`,
            N8N_LEAD_WEBHOOK_URL_WARM: `${n8n.url}/webhook/warm`,
            N8N_LEAD_WEBHOOK_URL_COLD: `${n8n.url}/webhook/cold`,
            META_VERIFY_TOKEN: 'verify-me',
            META_APP_SECRET: META_SECRET,
            META_GRAPH_BASE_URL: graph.url,
            META_PAGE_ACCESS_TOKEN: 'page-token',
            RDSTATION_WEBHOOK_TOKEN: RD_TOKEN,
            KOMMO_WEBHOOK_TOKEN: KOMMO_TOKEN,
            KOMMO_ACCOUNT_ID: KOMMO_ACCOUNT,
            KOMMO_BASE_URL: kommo.url,
            KOMMO_ACCESS_TOKEN: KOMMO_API_TOKEN,
            LEADS_ONCALL_EMAILS: 'carlos@imobiliaria.example'
        };
        ({ app, connector } = await installedApp(env, 2));
        connector.roster = [
            { id: ALEX.id, name: 'Carlos Corretor', email: 'carlos@imobiliaria.example', aadObjectId: ALEX.aadObjectId },
            { id: MEGAN.id, name: 'Megan Bowen', email: 'megan@imobiliaria.example', aadObjectId: MEGAN.aadObjectId }
        ];
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'setup leads', { channelId: LEADS_CHANNEL }));
    });
    afterEach(async () => {
        await app.stop();
        await Promise.all([connector.stop(), n8n.stop(), graph.stop(), kommo.stop()]);
        assert.deepEqual(kommo.violations, []);
    });

    it('takes a lead from the API, keeps its score, sends it to the hot workflow and posts a claimable card once', async () => {
        assert.equal((await sendLead(FIXTURE, 'wrong')).status, 401);
        assert.deepEqual((await sendLead(FIXTURE)).body, { status: 'stored' });
        assert.deepEqual((await sendLead(FIXTURE)).body, { status: 'duplicate' });
        await eventually(settledNow, 'lead handled');
        const [hot] = n8nPosts('/webhook/hot');
        const sent = hot!.body as Record<string, unknown>;
        assert.deepEqual([sent.lead_id, sent.nome, sent.telefone, sent.score, sent.status, sent.origem], ['123', 'Carlos Silva', '+5511999999999', 35, 'QUENTE', 'META_ADS']);
        assert.ok(Array.isArray(sent.breakdown) && (sent.breakdown as unknown[]).length > 0, 'the breakdown goes along');
        assert.equal(leadCards().length, 1);
        const card = JSON.stringify((leadCards()[0]!.body as { activity: unknown }).activity);
        assert.match(card, /Carlos Silva/);
        assert.match(card, /tel:\+5511999999999/);
        assert.match(card, /35\/40 · 🔥 Hot lead/);
        assert.doesNotMatch(card, /QUENTE/, 'the temperature by its name');
        assert.match(card, /\+12 income ≥ R\$ 15,000/);
        assert.match(card, /"verb":"claim_lead"/);
        const sla = await jobOf('sla:1:1');
        assert.ok(sla && Math.abs(Number(sla.run_at) - (Date.now() + 15 * 60_000)) < 10_000, 'claim SLA due in 15 minutes');
    });

    it('refuses bad fields with 422 listing them, storing nothing', async () => {
        const res = await sendLead({ nome: 'X', email: 'x@', telefone: '12', renda_aproximada: 'lots' });
        assert.equal(res.status, 422);
        assert.deepEqual((res.body as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field).sort(), ['email', 'renda_aproximada', 'telefone']);
        assert.equal((await app.repos.db.kysely.selectFrom('inbox').selectAll().execute()).length, 0);
    });

    it('routes leads to the n8n workflow of their temperature; only hot ones get a card', async () => {
        await sendLead({ nome: 'Morna', telefone: '11988887777', email: 'morna@example.com', interesse: 'visita', renda_aproximada: 9000, cidade: 'Santos', origem: 'SITE', lead_id: 'w1' });
        await sendLead({ name: 'Fria', email: 'fria@example.com', source: 'OTHER', lead_id: 'c1' });
        await eventually(settledNow, 'leads handled');
        assert.equal(n8nPosts('/webhook/warm').length, 1);
        assert.equal(n8nPosts('/webhook/cold').length, 1);
        assert.equal((n8nPosts('/webhook/warm')[0]!.body as { status: string }).status, 'MORNO');
        assert.equal(leadCards().length, 0);
    });

    it('lets exactly one of two simultaneous claimers win; the other is told who has it', async () => {
        await sendLead(FIXTURE);
        await eventually(settledNow, 'card posted');
        const thread = await threadOfLead(1);
        const [a, b] = await Promise.all([
            post(`${app.url}/api/messages`, cardAction(connector.url, thread, 'claim_lead', { leadId: 1 }, { from: ALEX })),
            post(`${app.url}/api/messages`, cardAction(connector.url, thread, 'claim_lead', { leadId: 1 }, { from: MEGAN }))
        ]);
        const values = [a, b].map((r) => JSON.stringify((r.body as { value: unknown }).value));
        const winners = values.filter((v) => /Claimed by/.test(v));
        const losers = values.filter((v) => /already claimed this lead/.test(v));
        assert.equal(winners.length, 1);
        assert.equal(losers.length, 1);
        const lead = await app.repos.leads.get(1);
        assert.match(losers[0]!, new RegExp(`${lead!.claimedBy!.name} already claimed`));
        await eventually(settledNow, 'claim handled');
        assert.match(JSON.stringify(connector.requests.filter((r) => r.method === 'PUT').at(-1)?.body), /Claimed by/, 'the card changed for everyone');
        assert.match((await jobOf('sla:1:1'))?.last_error ?? '', /^cancelled: claimed by/);
        const follow = await jobOf('follow:1');
        assert.ok(follow && Math.abs(Number(follow.run_at) - (lead!.claimedAt! + 2 * 3_600_000)) < 1000, 'follow-up in 2 h for a hot lead');

        await sendLead({ nome: 'Sem Dono', telefone: '11911112222', score: 30, origem: 'SITE', lead_id: 'h2' });
        await eventually(settledNow, 'second lead');
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'leads', { channelId: LEADS_CHANNEL }));
        const stats = connector.sentTexts().at(-1) ?? '';
        assert.match(stats, /By temperature: 🔥 2 · 🌤️ 0 · ❄️ 0/);
        assert.match(stats, /By source: META\\_ADS 1 · SITE 1/);
        assert.match(stats, /Median time to claim: [\d.]+ min/);
        assert.match(stats, /Unclaimed hot leads:\n\n- Sem Dono \(\d+ min\)/);
    });

    it('raises an unclaimed hot lead again after the SLA, mentioning the on-call', async () => {
        await sendLead(FIXTURE);
        await eventually(settledNow, 'card posted');
        // Carlos (on call) has used Deskbridge before: he can be @mentioned.
        await app.repos.people.remember({ userId: ALEX.id, aadObjectId: ALEX.aadObjectId!, name: 'Carlos Corretor', email: 'carlos@imobiliaria.example' });
        await makeDue('sla:1:1');
        await eventually(async () => (await settledNow()) && connector.sentTexts().some((t) => /⏰/.test(t)), 're-raised');
        const alert = connector.sent().find(({ activity }) => /⏰/.test(activity.text ?? ''))!;
        assert.match(alert.activity.text ?? '', /without anyone claiming it\. <at>Carlos Corretor<\/at>/);
        assert.equal((alert.activity as { entities?: Array<{ mentioned: { id: string } }> }).entities?.[0]?.mentioned.id, ALEX.id);
        assert.ok(await jobOf('sla:1:2'), 'the next check is scheduled');
    });

    it('reminds the claimer to follow up, survives a restart, and marking contacted cancels it', async () => {
        await sendLead(FIXTURE);
        await sendLead({ ...FIXTURE, lead_id: 124, nome: 'Outra Pessoa', email: 'outra@email.com', telefone: '11977776666' });
        await eventually(settledNow, 'cards posted');
        await post(`${app.url}/api/messages`, cardAction(connector.url, await threadOfLead(1), 'claim_lead', {}, { from: ALEX }));
        await post(`${app.url}/api/messages`, cardAction(connector.url, await threadOfLead(2), 'claim_lead', {}, { from: ALEX }));
        await eventually(settledNow, 'claimed');

        await app.stop();
        app = await startTestApp({ ...FAST_OUTBOX_ENV, ...env, DATABASE_URL: app.databaseUrl });
        await makeDue('follow:1');
        await eventually(async () => (await settledNow()) && connector.sentTexts().some((t) => /🔔/.test(t)), 'follow-up sent');
        assert.match(connector.sentTexts().find((t) => /🔔/.test(t)) ?? '', /<at>Carlos Corretor<\/at>: Carlos Silva was claimed 0 h ago and is not marked contacted yet/);

        const marked = await post(`${app.url}/api/messages`, cardAction(connector.url, await threadOfLead(2), 'mark_contacted', {}, { from: ALEX }));
        assert.match(JSON.stringify((marked.body as { value: unknown }).value), /Contacted by Carlos Corretor/);
        assert.match((await jobOf('follow:2'))?.last_error ?? '', /^cancelled: contacted/);
    });

    it('answers the Meta handshake, refuses bad signatures, and reads Lead Ads leads from the Graph API', async () => {
        const handshake = await fetch(`${app.url}/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`);
        assert.equal(handshake.status, 200);
        assert.equal(await handshake.text(), '1158201444');
        assert.equal((await fetch(`${app.url}/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`)).status, 403);
        const body = Buffer.from(JSON.stringify({ object: 'page', entry: [{ id: '1', time: 1, changes: [{ field: 'leadgen', value: { leadgen_id: '444555', page_id: '1', form_id: '2' } }] }] }));
        assert.equal((await post(`${app.url}/api/webhooks/meta`, body, { 'x-hub-signature-256': metaSignature(body, 'wrong') })).status, 401);
        assert.deepEqual((await post(`${app.url}/api/webhooks/meta`, body, { 'x-hub-signature-256': metaSignature(body, META_SECRET) })).body, { status: 'ok', stored: 1, skipped: 0 });
        // Another Page field in the same subscription is skipped, not a refusal of the delivery.
        const mixed = Buffer.from(JSON.stringify({ object: 'page', entry: [{ id: '1', time: 2, changes: [{ field: 'feed', value: { item: 'status', verb: 'add' } }] }] }));
        assert.deepEqual((await post(`${app.url}/api/webhooks/meta`, mixed, { 'x-hub-signature-256': metaSignature(mixed, META_SECRET) })).body, { status: 'ok', stored: 0, skipped: 1 });
        await eventually(settledNow, 'meta lead handled');
        const lead = await app.repos.leads.get(1);
        assert.deepEqual([lead?.name, lead?.phone, lead?.city, lead?.income, lead?.source, lead?.status], ['Bruna Lima', '+5511977776666', 'Campinas', 20000, 'META_ADS', 'QUENTE']);
        assert.doesNotMatch(app.logs.join('\n'), /page-token/, 'the Page token never reaches the logs');
    });

    it('takes RD Station conversions in both of RD\'s formats, authenticated by the token in the URL', async () => {
        const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'rdstation', name), 'utf8');
        const rd = (body: string, token?: string) => post(`${app.url}/api/webhooks/rdstation${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`, body);
        const current = fixture('webhook-converted.json');
        assert.equal((await rd(current)).status, 401, 'no token');
        assert.equal((await rd(current, 'wrong')).status, 401);
        assert.deepEqual((await rd(current, RD_TOKEN)).body, { status: 'ok', stored: 1, skipped: 0 });
        assert.deepEqual((await rd(fixture('leads-legacy.json'), RD_TOKEN)).body, { status: 'ok', stored: 1, skipped: 0 });
        await eventually(settledNow, 'rd leads handled');
        const [first, second] = [await app.repos.leads.get(1), await app.repos.leads.get(2)];
        assert.deepEqual([first?.name, first?.phone, first?.city, first?.interest, first?.income, first?.source], ['Rita Example', '+5521998765432', 'Niterói', 'Investimento', 15000, 'RD_STATION']);
        assert.deepEqual([second?.name, second?.phone, second?.interest], ['João Example', '+5511988887777', 'Comprar à vista']);
        const bad = await rd(JSON.stringify({ leads: [{ name: 'No way to reach' }] }), RD_TOKEN);
        assert.equal(bad.status, 422);
        assert.match(JSON.stringify(bad.body), /a lead needs a valid email or phone/);
    });

    it('reads and scores Kommo leads from leads[add], and assigns a claimed Kommo lead to the claimer', async () => {
        kommo.on('GET', '/api/v4/leads/:id', (_req, p) => ({
            status: 200,
            body: {
                id: Number(p.id),
                name: 'Apto 2 quartos - Maria Souza',
                custom_fields_values: [
                    { field_name: 'Renda familiar', values: [{ value: '20000' }] },
                    { field_name: 'Interesse', values: [{ value: 'Comprar à vista, urgente' }] },
                    { field_name: 'Cidade', values: [{ value: 'São Paulo' }] }
                ],
                _embedded: { contacts: [{ id: 93589657, is_main: true }] }
            }
        }));
        const res = await postKommo(app.url, kommoForm('leads_add'));
        assert.equal(res.status, 200);
        await eventually(settledNow, 'kommo lead handled');
        assert.ok(kommo.requests.some((r) => r.path === '/api/v4/leads/28455850'), 'the lead was read with its contacts');
        const lead = await app.repos.leads.get(1);
        assert.deepEqual([lead?.name, lead?.phone, lead?.income, lead?.source, lead?.kommoLeadId, lead?.status], ['Maria Souza', '+5511988887777', 20000, 'KOMMO', '28455850', 'QUENTE']);
        assert.match(JSON.stringify((leadCards()[0]!.body as { activity: unknown }).activity), new RegExp(`Open in Kommo.*${kommo.url.replace(/[.]/g, '\\.')}/leads/detail/28455850`));

        // Claimed in Teams, it becomes the claimer's lead in Kommo.
        await post(`${app.url}/api/messages`, cardAction(connector.url, await threadOfLead(1), 'claim_lead', {}, { from: ALEX }));
        await eventually(settledNow, 'claim handled');
        const patch = kommo.requests.find((r) => r.method === 'PATCH' && r.path === '/api/v4/leads/28455850');
        assert.deepEqual(patch?.body, { responsible_user_id: 15297447 });
    });
});
