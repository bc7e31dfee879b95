import assert from 'node:assert/strict';
import { conversationTexts } from '../../src/texts/conversation-texts';
import { failureCause } from '../../src/texts/failure-texts';
import { whatsappTexts } from '../../src/texts/whatsapp-texts';

/** Reasons as the outbox records them (the worker's prefix, the peer's own answer). */
const REASONS = {
    refused: 'permanent: intercom answered 422: {"type":"error.list","errors":[{"code":"parameter_invalid","message":"Admin is not a teammate"}]}',
    credentials: 'permanent: zendesk answered 401: Couldn\'t authenticate you',
    down: 'gave up after 8 attempts: kommo answered 503: Service Unavailable',
    noAnswer: 'gave up after 8 attempts: n8n unreachable: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5678',
    busy: 'gave up after 8 attempts: intercom answered 429: rate limited'
};

describe('failures told in the thread', () => {
    it('say the cause in the reader\'s language and never repeat the peer\'s own words', () => {
        for (const reason of Object.values(REASONS)) {
            for (const locale of ['en', 'pt-BR', 'de'] as const) {
                const text = conversationTexts(locale, 'en', 'intercom').failed('Reply', 'Ana', conversationTexts(locale, 'en', 'intercom').cause(reason));
                assert.doesNotMatch(text, /answered|\{|errors|ECONN|Service Unavailable|authenticate|teammate/, `${locale}: ${text}`);
            }
        }
        assert.equal(
            conversationTexts('pt-BR', 'en', 'intercom').failed('Resposta', 'Ana', conversationTexts('pt-BR', 'en', 'intercom').cause(REASONS.refused)),
            '⚠️ Resposta de Ana não foi feita no Intercom: o Intercom recusou o pedido. Um administrador vê os detalhes nas mensagens não entregues em `status`.'
        );
        assert.equal(failureCause('de', REASONS.down, 'Kommo'), 'Kommo hatte einen Fehler auf seiner Seite, 8 Versuche');
        assert.equal(failureCause('en', REASONS.credentials, 'Zendesk'), "Zendesk refused Deskbridge's credentials (an admin needs to check them)");
        assert.equal(failureCause('en', REASONS.busy, 'Intercom'), 'Intercom asked Deskbridge to slow down, 8 attempts');
    });

    it('quote a vendor\'s short message as its own, and say Deskbridge\'s own sentences as they are', () => {
        assert.equal(failureCause('pt-BR', 'permanent: Intercom says: Admin not found (HTTP 400)', 'Intercom'), 'o Intercom recusou o pedido: “Admin not found”');
        assert.equal(failureCause('en', 'permanent: Megan Bowen has no Intercom teammate', 'Intercom'), 'Megan Bowen has no Intercom teammate');
        assert.equal(failureCause('en', 'permanent: Intercom says: <b>x</b> *y* (HTTP 404)', 'Intercom'), 'Intercom no longer has it: “\\<b\\>x\\</b\\> \\*y\\*”');
    });

    it('tell a salesperson why the AI is away or a WhatsApp message was not sent', () => {
        assert.equal(whatsappTexts('pt-BR', 'en').aiUnavailable(REASONS.noAnswer), '⚠️ A IA está indisponível (o n8n não respondeu, 8 tentativas). Responda o cliente por aqui; o Deskbridge continua tentando.');
        assert.match(whatsappTexts('de', 'en').notSent(REASONS.down), /^⚠️ Nicht an WhatsApp gesendet: Kommo hatte einen Fehler auf seiner Seite, 8 Versuche\. Ein Admin/);
    });
});
