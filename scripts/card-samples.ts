import type { AdminStatus } from '../src/domain/admin-status';
import type { ConversationSnapshot } from '../src/domain/conversation';
import type { Lead } from '../src/domain/lead';
import type { WhatsAppContact } from '../src/domain/whatsapp-contact';
import type { AdaptiveCard } from '../src/teams/cards/adaptive-card';
import { conversationCard } from '../src/teams/cards/conversation-card';
import { helpCard } from '../src/teams/cards/help-card';
import { leadCard } from '../src/teams/cards/lead-card';
import { statusCard } from '../src/teams/cards/status-card';
import { whatsappCard } from '../src/teams/cards/whatsapp-card';
import { conversationCardTexts, leadCardTexts, statusCardTexts, whatsappCardTexts } from '../src/texts/card-texts';
import { conversationTexts } from '../src/texts/conversation-texts';
import { textsFor } from '../src/texts/i18n';
import { SUPPORTED_LOCALES, type Locale } from '../src/texts/locales';

/** One card as an agent would see it: which factory, in which state and language. */
export interface CardSample {
    /** `conversation/open-waiting`, `lead/unclaimed`, … */
    name: string;
    locale: Locale;
    card: AdaptiveCard;
}

/** A fixed "now", so previews and tests do not move with the clock: Tuesday 2 December 2026, 14:00 UTC. */
export const NOW = Date.UTC(2026, 11, 2, 14, 0, 0);
const MIN = 60_000;

const conversation = (over: Partial<ConversationSnapshot> = {}): ConversationSnapshot => ({
    source: 'intercom',
    id: '215473853299345',
    url: 'https://app.intercom.com/a/inbox/conversations/215473853299345',
    customer: { name: 'Joana Conceição da Silva', email: 'joana.silva@fabrikam.com.br' },
    subject: 'Cobrança em dobro na fatura de março — preciso do estorno',
    state: 'open',
    snoozedUntil: null,
    adminAssigneeId: null,
    teamAssigneeId: '5017691',
    teamAssigneeName: 'Billing',
    priority: false,
    tags: [],
    fin: { participated: false, resolutionState: null },
    createdAt: NOW - 60 * MIN,
    waitingSince: NOW - 47 * MIN,
    lastAction: null,
    ...over
});

const contact = (over: Partial<WhatsAppContact> = {}): WhatsAppContact => ({
    contactId: '93589657',
    leadId: '27064185',
    chatId: 'c-1',
    talkId: '41',
    name: 'Carlos Eduardo Nascimento',
    phone: '+5511987654321',
    origin: 'waba',
    ai: { paused: false, by: null, via: null, at: null },
    lastHumanAt: null,
    lastMessage: 'Oi! Vocês têm o apartamento de 2 quartos na Vila Mariana ainda?',
    lastMessageAt: NOW - 3 * MIN,
    responsibleUserId: null,
    ...over
});

const lead = (over: Partial<Lead> = {}): Lead => ({
    id: 7,
    externalId: 'meta-1',
    name: 'Mariana Albuquerque',
    email: 'mariana@example.com',
    phone: '+5511912345678',
    interest: 'Apartamento 2 quartos, Vila Mariana',
    income: 18000,
    city: 'São Paulo',
    source: 'META_ADS',
    score: 34,
    status: 'QUENTE',
    breakdown: [
        { rule: 'income', points: 12, reason: 'renda acima de R$ 15.000' },
        { rule: 'intent', points: 10, reason: 'interest mentions "2 quartos", "mudar"', detail: '"2 quartos", "mudar"' },
        { rule: 'source', points: 5, reason: 'source META_ADS', detail: 'META_ADS' },
        { rule: 'region', points: 4, reason: 'São Paulo is in the served region', detail: 'São Paulo' }
    ],
    createdAt: NOW - 12 * MIN,
    receivedAt: NOW - 12 * MIN,
    claimedBy: null,
    claimedAt: null,
    contactedAt: null,
    contactedBy: null,
    kommoLeadId: '27064185',
    ...over
});

const adminStatus: AdminStatus = {
    generatedAt: new Date(NOW).toISOString(),
    integrations: [
        { name: 'intercom', configured: true, lastWebhookAt: new Date(NOW - 2 * MIN).toISOString(), circuit: 'closed', lastSuccessAt: new Date(NOW - MIN).toISOString(), lastFailureAt: null, lastError: null, callsLastHour: 140, errorRateLastHour: 0 },
        { name: 'zendesk', configured: false, lastWebhookAt: null, circuit: 'closed', lastSuccessAt: null, lastFailureAt: null, lastError: null, callsLastHour: 0, errorRateLastHour: null },
        { name: 'kommo', configured: true, lastWebhookAt: new Date(NOW - 5 * MIN).toISOString(), circuit: 'half_open', lastSuccessAt: new Date(NOW - 30 * MIN).toISOString(), lastFailureAt: new Date(NOW - 4 * MIN).toISOString(), lastError: 'Kommo says: Too Many Requests (HTTP 429)', callsLastHour: 310, errorRateLastHour: 0.08 },
        { name: 'n8n', configured: true, lastWebhookAt: null, circuit: 'open', lastSuccessAt: new Date(NOW - 90 * MIN).toISOString(), lastFailureAt: new Date(NOW - MIN).toISOString(), lastError: 'n8n answered 502', callsLastHour: 40, errorRateLastHour: 0.5 },
        { name: 'teams', configured: true, lastWebhookAt: null, circuit: 'closed', lastSuccessAt: new Date(NOW - MIN).toISOString(), lastFailureAt: null, lastError: null, callsLastHour: 900, errorRateLastHour: 0 },
        { name: 'leads', configured: true, lastWebhookAt: new Date(NOW - 12 * MIN).toISOString(), circuit: 'closed', lastSuccessAt: null, lastFailureAt: null, lastError: null, callsLastHour: 0, errorRateLastHour: null }
    ],
    bindings: [
        { stream: 'intercom', channel: 'Support Queue' },
        { stream: 'whatsapp', channel: 'WhatsApp Vendas' }
    ],
    outbox: { pending: 3, running: 1, dead: 2, oldestPendingAgeSeconds: 40, deadLetters: [] },
    pausedContacts: [
        { contactId: '93589657', name: 'Carlos Eduardo Nascimento', by: 'Carla Souza', via: 'teams', since: new Date(NOW - 25 * MIN).toISOString() },
        { contactId: '93589658', name: 'Ana', by: 'Bruno', via: 'whatsapp', since: new Date(NOW - 3 * 60 * MIN).toISOString() }
    ],
    today: {
        conversationsOpened: 42,
        firstResponseMinutes: { median: 6.5, p90: 21 },
        automationRate: 0.31,
        escalationRate: 0.12,
        csat: { ratings: 9, satisfied: 0.89 },
        leads: { byTemperature: { QUENTE: 4, MORNO: 9, FRIO: 12 }, medianMinutesToClaim: 7, unclaimedHot: 1 }
    }
};

/**
 * Every card factory with sample data — each state an agent meets, each locale, a long name and
 * text, Unicode — for the renderer (`npm run cards`) and the card checks in `npm test`.
 */
export function cardSamples(): CardSample[] {
    const samples: CardSample[] = [];
    for (const locale of SUPPORTED_LOCALES) {
        const t = textsFor(locale);
        const add = (name: string, card: AdaptiveCard) => samples.push({ name, locale, card });
        const ct = conversationCardTexts(locale, locale);
        add('conversation/open-waiting', conversationCard(conversation(), ct, { now: NOW }));
        add('conversation/escalated-priority', conversationCard(conversation({ priority: true, tags: ['vip', 'refund'], fin: { participated: true, resolutionState: 'escalated' }, adminAssigneeId: '3156780', adminAssigneeName: 'Ana Lima' }), ct, { now: NOW }));
        add('conversation/snoozed', conversationCard(conversation({ state: 'snoozed', snoozedUntil: NOW + 18 * 60 * MIN, waitingSince: null, adminAssigneeId: '3156780', adminAssigneeName: 'Ana Lima' }), ct, { now: NOW }));
        add('conversation/closed-rated', conversationCard(conversation({ state: 'closed', waitingSince: null, adminAssigneeId: '3156780', adminAssigneeName: 'Ana Lima', lastAction: conversationTexts(locale, locale, 'intercom').ackClose('Ana Lima'), rating: { score: 5, comment: 'Resolveram rapidinho, obrigada!', at: NOW - 5 * MIN } }), ct, { now: NOW }));
        add('conversation/zendesk-pending', conversationCard(conversation({ source: 'zendesk', id: '35436', url: 'https://contoso.zendesk.com/agent/tickets/35436', state: 'pending', waitingSince: null, teamAssigneeName: 'Billing', tier: 'Enterprise' }), ct, { now: NOW }));
        add('conversation/long-text', conversationCard(conversation({ customer: { name: 'Maximiliane Friederike von Hohenzollern-Sigmaringen 🇩🇪', email: 'maximiliane.von.hohenzollern@sehr-lange-domain-beispiel.example' }, subject: 'Reklamation: '.concat('Die Lieferung kam beschädigt an und der Kundendienst hat nicht geantwortet. '.repeat(4)) }), ct, { now: NOW, notice: '⏳ Close requested by Alex Wilber…' }));
        const wt = whatsappCardTexts(locale, locale);
        add('whatsapp/ai-on', whatsappCard(contact(), wt, 'https://contoso.kommo.com/leads/detail/27064185', true, NOW));
        add('whatsapp/ai-paused', whatsappCard(contact({ ai: { paused: true, by: 'Carla Souza', via: 'teams', at: NOW - 25 * MIN } }), wt, 'https://contoso.kommo.com/leads/detail/27064185', true, NOW));
        add('whatsapp/handoff', whatsappCard(contact({ ai: { paused: true, by: 'AI', via: 'handoff', at: NOW - 2 * MIN } }), wt, 'https://contoso.kommo.com/leads/detail/27064185', true, NOW));
        add('whatsapp/ai-off', whatsappCard(contact({ name: null, origin: 'instagram' }), wt, null, false, NOW));
        const lt = leadCardTexts(locale, locale);
        add('lead/unclaimed', leadCard(lead(), lt, { now: NOW, kommoUrl: 'https://contoso.kommo.com/leads/detail/27064185' }));
        add('lead/claimed', leadCard(lead({ claimedBy: { id: 'u1', name: 'Bruno Carvalho', email: 'bruno@contoso.com' }, claimedAt: NOW - 4 * MIN }), lt, { now: NOW }));
        add('lead/contacted-cold', leadCard(lead({ status: 'FRIO', score: 9, source: 'RD_STATION', claimedBy: { id: 'u1', name: 'Bruno Carvalho', email: null }, claimedAt: NOW - 50 * MIN, contactedAt: NOW - 20 * MIN, contactedBy: 'Bruno Carvalho' }), lt, { now: NOW }));
        add('status/admin', statusCard(t, { bindings: [{ stream: 'intercom', teamId: 't', channelId: '19:a@thread.tacv2', channelName: 'Support Queue', boundById: null, boundByName: null, boundAt: NOW }], outbox: { pending: 3, running: 1, dead: 2, oldestPendingAgeMs: 40_000 }, deadLetters: [{ id: 12, kind: 'intercom.act', lastError: 'permanent: Intercom says: Admin not found (HTTP 404)' }, { id: 13, kind: 'teams.start_thread', lastError: 'permanent: no channel is bound to zendesk: run "@Deskbridge setup zendesk" in a channel, then replay' }], admin: adminStatus }, statusCardTexts(locale, locale), NOW));
        add('status/member', statusCard(t, { bindings: [], outbox: { pending: 0, running: 0, dead: 0, oldestPendingAgeMs: 0 }, deadLetters: [] }, statusCardTexts(locale, locale), NOW));
        add('help', helpCard(t));
    }
    return samples;
}
