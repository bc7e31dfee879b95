import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALEX, cardAction, channelMention, threadReply } from '../helpers/activities';
import type { FakeBotConnector } from '../helpers/fake-bot-connector';
import { HttpPeer, type PeerReply } from '../helpers/http-peer';
import { CONTACT_ID, FakeKommo, KOMMO_ACCOUNT, KOMMO_API_TOKEN, KOMMO_TOKEN, LEAD_ID, REPLY_FIELD_ID, SALESBOT_ID, kommoMessage, postKommo } from '../helpers/kommo';
import { post } from '../helpers/post';
import { startTestApp, type TestApp } from '../helpers/start-app';
import { FAST_OUTBOX_ENV, channelIds, eventually, installedApp , nothingDue } from '../helpers/teams-scenario';
import { enforce } from '../helpers/contract';
import { N8N_AI_MESSAGE, n8nContract } from '../helpers/contracts/n8n';

const SALES_CHANNEL = channelIds(2)[1]!;
const N8N_FIXTURE = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'n8n-inbound-message.json'), 'utf8')) as Record<string, unknown>;
const CALLBACK_TOKEN = 'n8n-callback-token';
const N8N_KEY = 'n8n-api-key';
const ADMIN_KEY = 'admin-key';

describe('WhatsApp through Kommo, the n8n AI and Teams', function () {
    this.timeout(40000);
    let app: TestApp;
    let connector: FakeBotConnector;
    let kommo: FakeKommo;
    let n8n: HttpPeer;
    let n8nAnswer: PeerReply;
    let env: Record<string, string>;

    const settled = () => nothingDue(app);
    const n8nCalls = () => n8n.requests.filter((r) => r.method === 'POST');
    const threadTexts = () => connector.sentTexts().join('\n');
    const lastCard = () => JSON.stringify(connector.requests.filter((r) => r.method === 'PUT').at(-1)?.body ?? {});
    const customerSays = async (text: string, id: string) => {
        const res = await postKommo(app.url, kommoMessage('message_add_incoming', { id, text, created_at: '1760000500' }));
        assert.equal(res.status, 200);
        await eventually(settled, `customer message ${id} handled`);
    };
    const threadOf = async () => (await app.repos.threads.get(`kommo:${CONTACT_ID}`))!.conversationId;
    const inThread = async (text: string) => {
        await post(`${app.url}/api/messages`, threadReply(connector.url, await threadOf(), text, { locale: 'pt-BR' }));
        await eventually(settled, `"${text}" handled`);
    };
    const callback = (body: unknown, token = CALLBACK_TOKEN) => post(`${app.url}/api/n8n/replies`, body, { authorization: `Bearer ${token}` });

    beforeEach(async () => {
        kommo = await new FakeKommo().start();
        n8nAnswer = { status: 200, body: { response_text: 'Olá, Maria! Sim, o apartamento aceita FGTS. Quer agendar uma visita?', should_handoff: false } };
        n8n = await new HttpPeer().start();
        enforce(n8n, n8nContract('/webhook/ai', N8N_AI_MESSAGE, N8N_KEY), (problems) => ({ status: 403, body: { message: problems[0] } }));
        n8n.on('POST', '/webhook/ai', () => n8nAnswer);
        env = {
            KOMMO_WEBHOOK_TOKEN: KOMMO_TOKEN,
            KOMMO_ACCOUNT_ID: KOMMO_ACCOUNT,
            KOMMO_BASE_URL: kommo.url,
            KOMMO_ACCESS_TOKEN: KOMMO_API_TOKEN,
            KOMMO_SALESBOT_ID: SALESBOT_ID,
            KOMMO_REPLY_FIELD_ID: REPLY_FIELD_ID,
            N8N_WEBHOOK_URL: `${n8n.url}/webhook/ai`,
            N8N_API_KEY: N8N_KEY,
            N8N_CALLBACK_TOKEN: CALLBACK_TOKEN,
            N8N_TIMEOUT_MS: '500',
            // Sends here do not wait for the Salesbot's echo (its own test below does).
            KOMMO_SEND_GAP_MS: '1',
            ADMIN_API_KEY: ADMIN_KEY,
            DEFAULT_LOCALE: 'pt-BR'
        };
        ({ app, connector } = await installedApp(env, 2));
        connector.roster = [{ id: ALEX.id, name: 'Carlos Corretor', email: 'carlos@imobiliaria.example', aadObjectId: ALEX.aadObjectId }];
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'setup whatsapp', { channelId: SALES_CHANNEL }));
    });
    afterEach(async () => {
        await app.stop();
        await connector.stop();
        await kommo.stop();
        await n8n.stop();
        assert.deepEqual(kommo.violations, []);
    });

    it('says the AI is off, and offers no Pause button, when no AI workflow is connected', async () => {
        await app.stop();
        await connector.stop();
        const withoutAi = Object.fromEntries(Object.entries(env).filter(([key]) => key !== 'N8N_WEBHOOK_URL'));
        ({ app, connector } = await installedApp(withoutAi, 2));
        connector.roster = [{ id: ALEX.id, name: 'Carlos Corretor', email: 'carlos@imobiliaria.example', aadObjectId: ALEX.aadObjectId }];
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'setup whatsapp', { channelId: SALES_CHANNEL }));
        await customerSays('Oi, ainda tem o apartamento?', 'msg-off');
        const sent = JSON.stringify(connector.requests.map((r) => r.body));
        assert.match(sent, /IA desligada: os vendedores respondem/);
        assert.doesNotMatch(sent, /IA ativa/);
        assert.doesNotMatch(sent, /pause_ai/, 'no Pause AI button');
        await inThread('#status');
        assert.match(connector.sentTexts().at(-1) ?? '', /IA desligada/);
        assert.equal(n8nCalls().length, 0);
    });

    it('runs the seller scenario: AI answers, a salesperson pauses from Teams, a late AI answer is withheld, #voltar lets the AI answer again', async () => {
        await customerSays('Olá! Tenho interesse no apartamento de 2 quartos. Aceita FGTS?', 'msg-1');
        // The contact's thread, in the channel bound to whatsapp, with the contact card.
        const root = connector.requests.find((r) => r.method === 'POST' && r.path === '/v3/conversations')!.body as { channelData: { channel: { id: string } } };
        assert.equal(root.channelData.channel.id, SALES_CHANNEL);
        assert.match(threadTexts(), /\*\*Maria Souza\*\* escreveu:\n\n> Olá! Tenho interesse no apartamento de 2 quartos\. Aceita FGTS\?/);
        assert.match(lastCard(), /\+55 11 98888-7777/);
        assert.ok(lastCard().includes(`${kommo.url}/leads/detail/${LEAD_ID}`), 'the card links the Kommo lead');
        assert.match(lastCard(), /· WhatsApp"/, 'the channel by its name');
        assert.doesNotMatch(lastCard(), /waba/, 'not Kommo\'s key for it');
        // n8n got the documented payload with the API key.
        assert.deepEqual(n8nCalls()[0]!.body, { ...N8N_FIXTURE, message_text: 'Olá! Tenho interesse no apartamento de 2 quartos. Aceita FGTS?', timestamp: '2025-10-09T09:01:40Z', deskbridge_message_id: 'msg-1' });
        assert.equal(n8nCalls()[0]!.headers.authorization, `Bearer ${N8N_KEY}`);
        // Its answer went to the customer through the Salesbot, then into the thread.
        assert.deepEqual(kommo.requests.filter((r) => r.method !== 'GET').map((r) => [r.method, r.path, r.body]), [
            ['PATCH', `/api/v4/leads/${LEAD_ID}`, { custom_fields_values: [{ field_id: Number(REPLY_FIELD_ID), values: [{ value: 'Olá, Maria! Sim, o apartamento aceita FGTS. Quer agendar uma visita?' }] }] }],
            ['POST', `/api/v4/bots/${SALESBOT_ID}/run`, { entity_id: Number(LEAD_ID), entity_type: 'leads' }]
        ]);
        assert.match(threadTexts(), /🤖 \*\*IA:\*\*\n\nOlá, Maria!/);

        // The Salesbot's message comes back from Kommo as an outgoing message: not a human.
        await postKommo(app.url, kommoMessage('message_add_outgoing_pausar', { id: 'msg-echo', text: 'Olá, Maria! Sim, o apartamento aceita FGTS. Quer agendar uma visita?' }));
        await eventually(settled, 'echo handled');
        assert.equal((await app.repos.contacts.get(CONTACT_ID))?.ai.paused, false);

        await inThread('#pausar');
        assert.match(threadTexts(), /⏸️ IA pausada para este contato por Carlos Corretor \(pelo Teams\)/);
        assert.match(lastCard(), /⏸ IA pausada por Carlos Corretor/);
        assert.match(lastCard(), /Retomar IA/);

        await customerSays('Quero falar com um humano', 'msg-2');
        assert.equal(n8nCalls().length, 1, "a paused contact's message does not reach the AI");
        assert.match(threadTexts(), /> Quero falar com um humano\n\n_IA pausada para este contato: responda aqui\._/);

        const late = await callback({ contact_id: Number(CONTACT_ID), lead_id: Number(LEAD_ID), response_text: 'Posso ajudar com mais alguma coisa?', should_handoff: false });
        assert.equal(late.status, 200);
        await eventually(settled, 'late reply handled');
        assert.equal(kommo.sentTexts().length, 1, 'the withheld answer is not sent');
        assert.match(threadTexts(), /Resposta da IA retida \(pausada\)\*\* — reaproveite se ajudar:\n\n> Posso ajudar com mais alguma coisa\?/);

        await inThread('#voltar');
        assert.match(threadTexts(), /▶️ IA retomada para este contato por Carlos Corretor/);
        await customerSays('E o condomínio?', 'msg-3');
        assert.equal(n8nCalls().length, 2);
        assert.equal(kommo.sentTexts().length, 2, 'the AI answers again');
    });

    it('gives the customer one AI answer per message when a slow workflow is retried and also calls back', async () => {
        // The first call outlives N8N_TIMEOUT_MS (the workflow keeps running and will call back);
        // the retry answers synchronously. Both carry the message's idempotency key.
        let calls = 0;
        n8n.on('POST', '/webhook/ai', () => (++calls === 1 ? { status: 200, delayMs: 1500, body: { response_text: 'Resposta lenta' } } : { status: 200, body: [{ json: { response_text: 'Resposta rápida' } }] }));
        await customerSays('Oi', 'msg-slow');
        await eventually(() => kommo.sentTexts().length === 1, 'answered once');
        assert.deepEqual(n8nCalls().map((c) => (c.body as { deskbridge_message_id: string }).deskbridge_message_id), ['msg-slow', 'msg-slow']);
        const late = await callback({ contact_id: Number(CONTACT_ID), response_text: 'Resposta lenta', deskbridge_message_id: 'msg-slow' });
        assert.deepEqual(late.body, { status: 'duplicate' }, 'the first run\'s answer is refused: the message was answered');
        await eventually(settled, 'settled');
        assert.deepEqual(kommo.sentTexts(), ['Resposta rápida']);
    });

    it('pauses from the WhatsApp chat with #pausar, answering with a note on the lead', async () => {
        await customerSays('Oi', 'msg-1');
        const res = await postKommo(app.url, kommoMessage('message_add_outgoing_pausar'));
        assert.deepEqual(res.body, { status: 'stored', stored: 1, duplicates: 0, skipped: 0 });
        await eventually(settled, '#pausar handled');
        const contact = await app.repos.contacts.get(CONTACT_ID);
        assert.deepEqual([contact?.ai.paused, contact?.ai.by, contact?.ai.via], [true, 'Carlos Corretor', 'whatsapp']);
        assert.match(kommo.notes().at(-1) ?? '', /^Deskbridge: ⏸️ IA pausada por Carlos Corretor \(pelo WhatsApp\)/);
        assert.match(threadTexts(), /IA pausada para este contato por Carlos Corretor \(pelo WhatsApp\)/);
        await customerSays('Alguém aí?', 'msg-2');
        assert.equal(n8nCalls().length, 1);
    });

    it("mirrors a salesperson's own WhatsApp message and pauses the AI (a human took over)", async () => {
        await customerSays('Oi', 'msg-1');
        await postKommo(app.url, kommoMessage('message_add_outgoing_pausar', { id: 'msg-human', text: 'Oi Maria, aqui é o Carlos 😊' }));
        await eventually(settled, 'human message handled');
        assert.match(threadTexts(), /\*\*Carlos Corretor \(WhatsApp\):\*\*\n\nOi Maria, aqui é o Carlos 😊/);
        assert.equal((await app.repos.contacts.get(CONTACT_ID))?.ai.paused, true);
    });

    it("sends a salesperson's thread reply to the customer, signed, and adds #nota to the lead", async () => {
        await customerSays('Oi', 'msg-1');
        await inThread('Olá Maria, posso te ligar às 15h?');
        assert.equal(kommo.sentTexts().at(-1), 'Olá Maria, posso te ligar às 15h?\n\n— Carlos Corretor');
        assert.match(threadTexts(), /✓ Enviado ao cliente no WhatsApp \(Carlos Corretor\)/);
        assert.equal((await app.repos.contacts.get(CONTACT_ID))?.ai.paused, true, 'a human is talking');
        await inThread('#nota Cliente prefere ligação');
        assert.equal(kommo.notes().at(-1), 'Cliente prefere ligação\n\n— Carlos Corretor (Teams)');
        assert.match(threadTexts(), /📝 Nota adicionada ao lead no Kommo por Carlos Corretor/);
    });

    it('pauses and resumes from the card buttons, answering with the card', async () => {
        await customerSays('Oi', 'msg-1');
        const forged = await post(`${app.url}/api/messages`, cardAction(connector.url, await threadOf(), 'pause_ai', { contactId: '111' }));
        assert.match(JSON.stringify((forged.body as { value: unknown }).value), /cannot act on another one/);
        assert.equal((await app.repos.contacts.get(CONTACT_ID))?.ai.paused, false, 'a button naming another contact changes nothing');
        const pressed = await post(`${app.url}/api/messages`, cardAction(connector.url, await threadOf(), 'pause_ai', { contactId: CONTACT_ID }));
        assert.match(JSON.stringify((pressed.body as { value: unknown }).value), /Resume AI/);
        assert.equal((await app.repos.contacts.get(CONTACT_ID))?.ai.paused, true, 'the card pressed decides the contact');
        await post(`${app.url}/api/messages`, cardAction(connector.url, await threadOf(), 'resume_ai', {}));
        await eventually(settled, 'resumed');
        assert.equal((await app.repos.contacts.get(CONTACT_ID))?.ai.paused, false);
        assert.match(lastCard(), /Pausar IA/, 'the thread\'s card is in the channel\'s language');
    });

    it('hands over to the responsible salesperson when the AI asks, @mentioning them', async () => {
        await customerSays('Oi', 'msg-1');
        // Carlos has acted in Teams before, so Deskbridge knows his Teams account by email.
        await inThread('#pausar');
        await inThread('#voltar');
        n8nAnswer = { status: 200, body: { response_text: 'Vou chamar um corretor para você.', should_handoff: true } };
        await customerSays('Quero negociar o preço', 'msg-2');
        assert.equal(kommo.sentTexts().at(-1), 'Vou chamar um corretor para você.');
        const alert = connector.sent().find(({ activity }) => /Transferência/.test(activity.text ?? ''))!;
        assert.match(alert.activity.text ?? '', /<at>Carlos Corretor<\/at>, por favor assuma/);
        assert.deepEqual((alert.activity as { entities?: unknown[] }).entities, [{ type: 'mention', text: '<at>Carlos Corretor</at>', mentioned: { id: ALEX.id, name: 'Carlos Corretor' } }]);
        const contact = await app.repos.contacts.get(CONTACT_ID);
        assert.deepEqual([contact?.ai.paused, contact?.ai.via], [true, 'handoff']);

        // The card asks who takes it; Carlos does, from the card: the pause and the Kommo lead become his.
        await eventually(settled, 'handoff posted');
        assert.match(lastCard(), /"title":"Assumir","verb":"take_contact"/);
        kommo.on('GET', '/api/v4/users', () => ({ status: 200, body: { _embedded: { users: [{ id: 15297447, name: 'Carlos Corretor', email: 'carlos@imobiliaria.example' }] } } }));
        const taken = await post(`${app.url}/api/messages`, cardAction(connector.url, await threadOf(), 'take_contact', { contactId: CONTACT_ID }));
        assert.equal(taken.status, 200);
        await eventually(settled, 'taken over');
        assert.match(threadTexts(), /✋ Carlos Corretor assumiu este contato: a IA continua pausada\./);
        assert.deepEqual(kommo.requests.find((r) => r.method === 'PATCH' && r.path === `/api/v4/leads/${LEAD_ID}` && 'responsible_user_id' in (r.body as object))?.body, { responsible_user_id: 15297447 });
        assert.deepEqual([(await app.repos.contacts.get(CONTACT_ID))?.ai.by, (await app.repos.contacts.get(CONTACT_ID))?.ai.via], ['Carlos Corretor', 'teams']);
        assert.doesNotMatch(lastCard(), /take_contact/, 'taken: no Take it any more');
        assert.match(lastCard(), /⏸ IA pausada por Carlos Corretor/);
    });

    it('says in the thread at once when the AI is unavailable, and keeps retrying', async () => {
        n8nAnswer = { status: 503, body: { message: 'down' } };
        await postKommo(app.url, kommoMessage('message_add_incoming', { id: 'msg-1' }));
        await eventually(() => /A IA está indisponível \(o n8n teve um erro do lado dele\)/.test(threadTexts()), 'AI unavailable notice');
        n8nAnswer = { status: 200, body: { response_text: 'Voltei!' } };
        await eventually(async () => kommo.sentTexts().includes('Voltei!') && (await settled()), 'answered after n8n came back');
    });

    it('refuses a wrong token (401), another account (403) and malformed bodies (400/415), and skips unusable items, storing nothing', async () => {
        const body = kommoMessage('message_add_incoming');
        assert.equal((await postKommo(app.url, body, 'wrong')).status, 401);
        assert.equal((await post(`${app.url}/api/webhooks/kommo`, body, { 'content-type': 'application/x-www-form-urlencoded' })).status, 401);
        assert.equal((await postKommo(app.url, body.replace(`account%5Bid%5D=${KOMMO_ACCOUNT}`, 'account%5Bid%5D=999'))).status, 403);
        assert.equal((await postKommo(app.url, '')).status, 400);
        assert.equal((await postKommo(app.url, 'message%5Badd%5D%5B0%5D%5Btext%5D=%E0%A4%A')).status, 400);
        assert.equal((await postKommo(app.url, '{"message":1}', KOMMO_TOKEN, 'application/json')).status, 415);
        // An item Deskbridge cannot use is skipped and counted, and the authentic form answered 200:
        // Kommo switches off a hook after more than 100 non-2xx answers in two hours.
        const unusable = await postKommo(app.url, kommoMessage('message_add_incoming', { contact_id: undefined, element_type: '2' }));
        assert.equal(unusable.status, 200);
        assert.deepEqual(unusable.body, { status: 'ignored', reason: 'no usable item', stored: 0, duplicates: 0, skipped: 1 });
        const malformedId = await postKommo(app.url, kommoMessage('message_add_incoming', { contact_id: 'x'.repeat(200) }));
        assert.equal((malformedId.body as { skipped: number }).skipped, 1);
        assert.match(await (await fetch(`${app.url}/metrics`)).text(), /deskbridge_webhook_items_skipped_total\{source="kommo",reason="no_contact"\} 1/);
        assert.equal((await app.repos.db.kysely.selectFrom('inbox').selectAll().execute()).length, 0);
        assert.equal((await callback({ contact_id: 1, response_text: 'x' }, 'wrong')).status, 401);
        assert.equal((await callback({ contact_id: 1 })).status, 422);
    });

    it('handles a repeated delivery once, and messages with only an attachment or emoji', async () => {
        const body = kommoMessage('message_add_incoming');
        const answers = await Promise.all([postKommo(app.url, body), postKommo(app.url, body)]);
        assert.deepEqual(answers.map((a) => (a.body as { stored: number }).stored).sort(), [0, 1]);
        await eventually(settled, 'delivered');
        assert.equal(n8nCalls().length, 1);
        await postKommo(app.url, kommoMessage('message_add_incoming', { id: 'msg-file', text: '', attachment: { type: 'picture', link: 'https://files.example/planta.jpg', file_name: 'planta.jpg' } }));
        await eventually(settled, 'attachment handled');
        assert.match(threadTexts(), /📎 \[planta\.jpg\]\(https:\/\/files\.example\/planta\.jpg\)/);
        assert.equal(n8nCalls().length, 1, 'nothing to ask the AI without text');
        await customerSays('👍🏽✨ obrigado!', 'msg-emoji');
        assert.match(threadTexts(), /> 👍🏽✨ obrigado!/);
    });

    it('pauses, resumes and reports over REST, and keeps the pause across a restart', async () => {
        await customerSays('Oi', 'msg-1');
        const headers = { 'x-api-key': ADMIN_KEY };
        assert.equal((await post(`${app.url}/api/bot/pause/${CONTACT_ID}`, '', {})).status, 401);
        const paused = await post(`${app.url}/api/bot/pause/${CONTACT_ID}`, { by: 'n8n flow' }, headers);
        assert.equal(paused.status, 200);
        const view = paused.body as Record<string, unknown>;
        assert.deepEqual([view.contact_id, view.known, view.ai_active, view.paused_by, view.paused_via, view.lead_id, view.name, view.changed], [CONTACT_ID, true, false, 'n8n flow', 'api', LEAD_ID, 'Maria Souza', true]);
        const status = await fetch(`${app.url}/api/bot/status/${CONTACT_ID}`, { headers });
        assert.equal(((await status.json()) as { ai_active: boolean }).ai_active, false);
        assert.equal((await post(`${app.url}/api/bot/command`, { contact_id: CONTACT_ID, command: '#dance' }, headers)).status, 422);
        assert.equal((await post(`${app.url}/api/bot/pause/bad%20id`, '', headers)).status, 400);

        await app.stop();
        app = await startTestApp({ ...FAST_OUTBOX_ENV, ...env, DATABASE_URL: app.databaseUrl });
        await customerSays('Ainda aí?', 'msg-2');
        assert.equal(n8nCalls().length, 1, 'still paused after the restart');
        const resumed = await post(`${app.url}/api/bot/command`, { contact_id: Number(CONTACT_ID), command: '#voltar' }, headers);
        assert.equal((resumed.body as { ai_active: boolean }).ai_active, true);
        await eventually(settled, 'resume announced');
        assert.match(threadTexts(), /IA retomada para este contato por API \(pela API\)/);
    });

    it('holds a second send to the same lead until Kommo has run the Salesbot of the first', async () => {
        await app.stop();
        await connector.stop();
        ({ app, connector } = await installedApp({ ...env, KOMMO_SEND_GAP_MS: '8000' }, 2));
        connector.roster = [{ id: ALEX.id, name: 'Carlos Corretor', email: 'carlos@imobiliaria.example', aadObjectId: ALEX.aadObjectId }];
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'setup whatsapp', { channelId: SALES_CHANNEL }));
        await customerSays('Oi', 'msg-1');
        await eventually(() => kommo.sentTexts().length === 1, 'the AI answered');
        // A salesperson answers right after the AI: the reply field must not be overwritten yet.
        await post(`${app.url}/api/messages`, threadReply(connector.url, await threadOf(), 'Sou o Carlos, posso ligar?', { locale: 'pt-BR' }));
        await new Promise((r) => setTimeout(r, 700));
        assert.equal(kommo.sentTexts().length, 1, 'the second write waits');
        // Kommo runs the bot: its message comes back as an outgoing message webhook.
        const echoAt = Date.now();
        await postKommo(app.url, kommoMessage('message_add_outgoing_pausar', { id: 'msg-echo', text: kommo.sentTexts()[0]! }));
        await eventually(() => kommo.sentTexts().length === 2, 'sent once the first ran');
        assert.ok(Date.now() - echoAt < 4000, 'released by the echo, not by the 8 s grace period');
        assert.deepEqual(kommo.sentTexts(), [n8nAnswer.body && (n8nAnswer.body as { response_text: string }).response_text, 'Sou o Carlos, posso ligar?\n\n— Carlos Corretor']);
    });

    it("shows Kommo's own example (a chat on a contact, no lead) in a thread, says it cannot be answered from Teams, and does not ask the AI", async () => {
        const official = readFileSync(join(__dirname, '..', 'fixtures', 'kommo', 'message_add_official_example.form.txt'), 'utf8');
        assert.deepEqual((await postKommo(app.url, official)).body, { status: 'stored', stored: 1, duplicates: 0, skipped: 0 });
        await eventually(settled, 'handled');
        assert.ok(await app.repos.threads.get('kommo:123456789'), 'a thread for the contact');
        assert.match(threadTexts(), /Hello World!/);
        assert.match(threadTexts(), /não pode ser respondida pelo Teams/);
        assert.equal(n8nCalls().length, 0, 'no AI answer that could not be sent');
    });
});

