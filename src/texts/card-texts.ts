import { resolveLocale } from './i18n';
import type { Locale } from './locales';
import { ratingScore, type RatingView } from './support-texts';

/** How long something has lasted, scaled for reading at a glance: "47 min", "3 h", "2 d". */
export function scaledDuration(ms: number): string {
    const minutes = Math.max(0, Math.round(ms / 60_000));
    if (minutes < 60) return `${minutes} min`;
    if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
    return `${Math.round(minutes / 1440)} d`;
}

/**
 * An absolute time written with Adaptive Cards' own functions, so each viewer's Teams shows it in
 * their time zone and language: today's as a time, other days' as date and time.
 */
export function cardTime(ms: number, now: number): string {
    const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const sameDay = Math.abs(ms - now) < 12 * 3_600_000 && new Date(ms).getUTCDate() === new Date(now).getUTCDate();
    return sameDay ? `{{TIME(${iso})}}` : `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
}

/** What the conversation card says, per locale. Labels are short enough to show whole at 400 px. */
export interface ConversationCardTexts {
    waiting: (duration: string) => string;
    escalated: string;
    open: string;
    snoozedUntil: (when: string) => string;
    pending: string;
    closed: string;
    unassigned: string;
    highPriority: string;
    noSubject: string;
    customer: string;
    assignee: string;
    team: string;
    tags: string;
    tier: string;
    rating: string;
    /** The score of a rating (Zendesk good/bad, Intercom stars): the thread's rating line says it alike. */
    ratingScore: (r: RatingView) => string;
    since: string;
    /** Buttons: at most three show, the rest are in the overflow menu. */
    reply: string;
    takeIt: string;
    close: string;
    reopen: string;
    assignToMe: string;
    snooze: string;
    snooze1h: string;
    snoozeTomorrow: string;
    snoozeNextWeek: string;
    setPending: string;
    openIn: (helpdesk: string) => string;
    /** The reply box. */
    messageLabel: string;
    messagePlaceholder: string;
    messageRequired: string;
    sendToCustomer: string;
    saveNote: string;
}

const en: ConversationCardTexts = {
    waiting: (d) => `🔴 Waiting on us · ${d}`,
    escalated: '🟡 Fin handed over to a human',
    open: '🟢 Open',
    snoozedUntil: (w) => `💤 Snoozed until ${w}`,
    pending: '⏸ Pending: waiting for the customer',
    closed: '✅ Closed',
    unassigned: 'unassigned',
    highPriority: '⬆️ high priority',
    noSubject: '(no subject)',
    customer: 'Customer',
    assignee: 'Assignee',
    team: 'Team',
    tags: 'Tags',
    tier: 'Tier',
    rating: 'Rating',
    ratingScore: (r) => ratingScore('en', r),
    since: 'Since',
    reply: 'Reply…',
    takeIt: 'Take it',
    close: 'Close',
    reopen: 'Reopen',
    assignToMe: 'Assign to me',
    snooze: 'Snooze…',
    snooze1h: 'For 1 hour',
    snoozeTomorrow: 'Until tomorrow 9:00',
    snoozeNextWeek: 'Until Monday 9:00',
    setPending: 'Set to pending',
    openIn: (h) => `Open in ${h}`,
    messageLabel: 'Your message',
    messagePlaceholder: 'What the customer reads, or a note for the team',
    messageRequired: 'Write the message first',
    sendToCustomer: 'Send to customer',
    saveNote: 'Save internal note'
};

const ptBR: ConversationCardTexts = {
    waiting: (d) => `🔴 Esperando por nós · ${d}`,
    escalated: '🟡 O Fin passou para um humano',
    open: '🟢 Aberta',
    snoozedUntil: (w) => `💤 Adiada até ${w}`,
    pending: '⏸ Pendente: esperando o cliente',
    closed: '✅ Fechada',
    unassigned: 'sem responsável',
    highPriority: '⬆️ prioridade alta',
    noSubject: '(sem assunto)',
    customer: 'Cliente',
    assignee: 'Responsável',
    team: 'Equipe',
    tags: 'Tags',
    tier: 'Plano',
    rating: 'Avaliação',
    ratingScore: (r) => ratingScore('pt-BR', r),
    since: 'Desde',
    reply: 'Responder…',
    takeIt: 'Assumir',
    close: 'Fechar',
    reopen: 'Reabrir',
    assignToMe: 'Atribuir a mim',
    snooze: 'Adiar…',
    snooze1h: 'Por 1 hora',
    snoozeTomorrow: 'Até amanhã 9:00',
    snoozeNextWeek: 'Até segunda 9:00',
    setPending: 'Marcar como pendente',
    openIn: (h) => `Abrir no ${h}`,
    messageLabel: 'Sua mensagem',
    messagePlaceholder: 'O que o cliente vai ler, ou uma nota para a equipe',
    messageRequired: 'Escreva a mensagem primeiro',
    sendToCustomer: 'Enviar ao cliente',
    saveNote: 'Salvar nota interna'
};

const de: ConversationCardTexts = {
    waiting: (d) => `🔴 Wartet auf uns · ${d}`,
    escalated: '🟡 Fin hat an einen Menschen übergeben',
    open: '🟢 Offen',
    snoozedUntil: (w) => `💤 Zurückgestellt bis ${w}`,
    pending: '⏸ Wartend: auf den Kunden',
    closed: '✅ Geschlossen',
    unassigned: 'nicht zugewiesen',
    highPriority: '⬆️ hohe Priorität',
    noSubject: '(kein Betreff)',
    customer: 'Kunde',
    assignee: 'Zuständig',
    team: 'Team',
    tags: 'Tags',
    tier: 'Tarif',
    rating: 'Bewertung',
    ratingScore: (r) => ratingScore('de', r),
    since: 'Seit',
    reply: 'Antworten…',
    takeIt: 'Übernehmen',
    close: 'Schließen',
    reopen: 'Wieder öffnen',
    assignToMe: 'Mir zuweisen',
    snooze: 'Zurückstellen…',
    snooze1h: '1 Stunde',
    snoozeTomorrow: 'Bis morgen 9:00',
    snoozeNextWeek: 'Bis Montag 9:00',
    setPending: 'Auf „Wartend“ setzen',
    openIn: (h) => `In ${h} öffnen`,
    messageLabel: 'Ihre Nachricht',
    messagePlaceholder: 'Was der Kunde liest, oder eine Notiz fürs Team',
    messageRequired: 'Erst die Nachricht schreiben',
    sendToCustomer: 'An Kunden senden',
    saveNote: 'Interne Notiz speichern'
};

const catalog: Record<Locale, ConversationCardTexts> = { en, 'pt-BR': ptBR, de };

/** The conversation card's texts for a Teams locale tag, falling back to `fallback`. */
export function conversationCardTexts(tag: string | undefined, fallback: Locale): ConversationCardTexts {
    return catalog[resolveLocale(tag, fallback)];
}

/** What the WhatsApp contact's card says, per locale. */
export interface WhatsAppCardTexts {
    aiActive: string;
    aiPaused: (by: string | null, since: string | null) => string;
    /** The AI asked for a human (a handoff) and nobody has taken the contact yet. */
    handedOff: (since: string | null) => string;
    aiOff: string;
    contact: (id: string) => string;
    lead: string;
    lastMessage: string;
    pauseAi: string;
    resumeAi: string;
    /** After the AI handed the contact off: the salesperson takes it over. */
    takeIt: string;
    openInKommo: string;
    /** Kommo's channel origins by name (`waba` is WhatsApp Business). */
    channel: (origin: string | null) => string;
}

const channelName = (origin: string | null, other: string): string => {
    const known: Record<string, string> = { waba: 'WhatsApp', whatsapp: 'WhatsApp', com_whatsapp: 'WhatsApp', instagram: 'Instagram', instagram_business: 'Instagram', facebook: 'Messenger', messenger: 'Messenger', telegram: 'Telegram', viber: 'Viber', wechat: 'WeChat', tiktok: 'TikTok' };
    return origin ? (known[origin.toLowerCase()] ?? other) : 'WhatsApp';
};

const whatsappEn: WhatsAppCardTexts = {
    aiActive: '🤖 The AI answers this contact',
    aiPaused: (by, since) => `⏸ AI paused${by ? ` by ${by}` : ''}${since ? ` · ${since}` : ''}`,
    handedOff: (since) => `🙋 The AI asked for a human${since ? ` · ${since}` : ''}: who takes it?`,
    aiOff: '⚪ AI off: salespeople answer',
    contact: (id) => `Contact ${id}`,
    lead: 'Lead',
    lastMessage: 'Last message',
    pauseAi: 'Pause AI',
    resumeAi: 'Resume AI',
    takeIt: 'Take it',
    openInKommo: 'Open in Kommo',
    channel: (o) => channelName(o, 'another channel')
};
const whatsappPt: WhatsAppCardTexts = {
    aiActive: '🤖 A IA responde este contato',
    aiPaused: (by, since) => `⏸ IA pausada${by ? ` por ${by}` : ''}${since ? ` · ${since}` : ''}`,
    handedOff: (since) => `🙋 A IA pediu um humano${since ? ` · ${since}` : ''}: quem assume?`,
    aiOff: '⚪ IA desligada: os vendedores respondem',
    contact: (id) => `Contato ${id}`,
    lead: 'Lead',
    lastMessage: 'Última mensagem',
    pauseAi: 'Pausar IA',
    resumeAi: 'Retomar IA',
    takeIt: 'Assumir',
    openInKommo: 'Abrir no Kommo',
    channel: (o) => channelName(o, 'outro canal')
};
const whatsappDe: WhatsAppCardTexts = {
    aiActive: '🤖 Die KI antwortet diesem Kontakt',
    aiPaused: (by, since) => `⏸ KI pausiert${by ? ` von ${by}` : ''}${since ? ` · ${since}` : ''}`,
    handedOff: (since) => `🙋 Die KI hat einen Menschen angefordert${since ? ` · ${since}` : ''}: Wer übernimmt?`,
    aiOff: '⚪ KI aus: der Vertrieb antwortet',
    contact: (id) => `Kontakt ${id}`,
    lead: 'Lead',
    lastMessage: 'Letzte Nachricht',
    pauseAi: 'KI pausieren',
    resumeAi: 'KI fortsetzen',
    takeIt: 'Übernehmen',
    openInKommo: 'In Kommo öffnen',
    channel: (o) => channelName(o, 'anderer Kanal')
};

export function whatsappCardTexts(tag: string | undefined, fallback: Locale): WhatsAppCardTexts {
    return { en: whatsappEn, 'pt-BR': whatsappPt, de: whatsappDe }[resolveLocale(tag, fallback)];
}

/** What a lead's card says, per locale. */
export interface LeadCardTexts {
    temperature: Record<'QUENTE' | 'MORNO' | 'FRIO', string>;
    unclaimed: (temperature: string, waited: string) => string;
    claimed: (name: string, ago: string) => string;
    contacted: (name: string, ago: string) => string;
    phone: string;
    email: string;
    income: string;
    city: string;
    source: string;
    score: string;
    claim: string;
    markContacted: string;
    openInKommo: string;
    /** Capture sources by name (`META_ADS` is Meta's lead ads). */
    sourceName: (source: string) => string;
    /** A score reason in the reader's language, from its rule and detail (the stored English text otherwise). */
    reason: (r: { rule: string; reason: string; detail?: string }) => string;
}

/** A score reason from its rule; income bands are the admin's own words (the rules file). */
const reasonOf = (said: Partial<Record<'intent' | 'source' | 'phone' | 'email' | 'region', (detail: string) => string>>, sourceLabel: (s: string) => string) => (r: { rule: string; reason: string; detail?: string }): string => {
    const say = said[r.rule as keyof typeof said];
    if (!say || (r.detail === undefined && ['intent', 'source', 'region'].includes(r.rule))) return r.reason;
    return say(r.rule === 'source' ? sourceLabel(r.detail ?? '') : (r.detail ?? ''));
};

const sourceName = (source: string, site: string): string => {
    const known: Record<string, string> = { META_ADS: 'Meta Ads', FACEBOOK: 'Facebook', INSTAGRAM: 'Instagram', GOOGLE_ADS: 'Google Ads', RD_STATION: 'RD Station', KOMMO: 'Kommo', SITE: site, WEBSITE: site, WHATSAPP: 'WhatsApp' };
    return known[source.toUpperCase()] ?? source.toLowerCase().replace(/_/g, ' ').replace(/^\w/, (ch) => ch.toUpperCase());
};

const leadEn: LeadCardTexts = {
    temperature: { QUENTE: '🔥 Hot lead', MORNO: '🌤️ Warm lead', FRIO: '❄️ Cold lead' },
    unclaimed: (temp, waited) => `${temp} · unclaimed ${waited}`,
    claimed: (name, ago) => `✋ Claimed by ${name} · ${ago} ago`,
    contacted: (name, ago) => `📞 Contacted by ${name} · ${ago} ago`,
    phone: 'Phone',
    email: 'Email',
    income: 'Income',
    city: 'City',
    source: 'Source',
    score: 'Score',
    claim: 'Claim',
    markContacted: 'Contacted',
    openInKommo: 'Open in Kommo',
    sourceName: (s) => sourceName(s, 'Website'),
    reason: reasonOf({ intent: (d) => `interest mentions ${d}`, source: (d) => `source ${d}`, phone: () => 'valid phone', email: () => 'valid email', region: (d) => `${d} is in the served region` }, (s) => sourceName(s, 'Website'))
};
const leadPt: LeadCardTexts = {
    temperature: { QUENTE: '🔥 Lead quente', MORNO: '🌤️ Lead morno', FRIO: '❄️ Lead frio' },
    unclaimed: (temp, waited) => `${temp} · sem dono há ${waited}`,
    claimed: (name, ago) => `✋ Assumido por ${name} · há ${ago}`,
    contacted: (name, ago) => `📞 Contatado por ${name} · há ${ago}`,
    phone: 'Telefone',
    email: 'E-mail',
    income: 'Renda',
    city: 'Cidade',
    source: 'Origem',
    score: 'Pontuação',
    claim: 'Assumir',
    markContacted: 'Contatado',
    openInKommo: 'Abrir no Kommo',
    sourceName: (s) => sourceName(s, 'Site'),
    reason: reasonOf({ intent: (d) => `interesse menciona ${d}`, source: (d) => `origem ${d}`, phone: () => 'telefone válido', email: () => 'e-mail válido', region: (d) => `${d} está na região atendida` }, (s) => sourceName(s, 'Site'))
};
const leadDe: LeadCardTexts = {
    temperature: { QUENTE: '🔥 Heißer Lead', MORNO: '🌤️ Warmer Lead', FRIO: '❄️ Kalter Lead' },
    unclaimed: (temp, waited) => `${temp} · seit ${waited} ohne Zuständigen`,
    claimed: (name, ago) => `✋ Übernommen von ${name} · vor ${ago}`,
    contacted: (name, ago) => `📞 Kontaktiert von ${name} · vor ${ago}`,
    phone: 'Telefon',
    email: 'E-Mail',
    income: 'Einkommen',
    city: 'Stadt',
    source: 'Quelle',
    score: 'Punkte',
    claim: 'Übernehmen',
    markContacted: 'Kontaktiert',
    openInKommo: 'In Kommo öffnen',
    sourceName: (s) => sourceName(s, 'Website'),
    reason: reasonOf({ intent: (d) => `Interesse nennt ${d}`, source: (d) => `Quelle ${d}`, phone: () => 'gültige Telefonnummer', email: () => 'gültige E-Mail', region: (d) => `${d} liegt im Einzugsgebiet` }, (s) => sourceName(s, 'Website'))
};

export function leadCardTexts(tag: string | undefined, fallback: Locale): LeadCardTexts {
    return { en: leadEn, 'pt-BR': leadPt, de: leadDe }[resolveLocale(tag, fallback)];
}

/** What the status card says besides the i18n catalogue's headings, per locale. */
export interface StatusCardTexts {
    allWell: string;
    needAttention: (n: number) => string;
    integrations: string;
    integrationName: (name: string) => string;
    streamName: (stream: string) => string;
    notConfigured: string;
    working: (webhookAgo: string | null) => string;
    errors: (percent: string, calls: number) => string;
    recovering: string;
    down: string;
    lastError: string;
    never: string;
    ago: (duration: string) => string;
    queueLine: (waiting: number, oldest: string | null, dead: number) => string;
    jobName: (kind: string) => string;
    replayAll: string;
    pausedFor: string;
    pausedBy: (by: string, ago: string) => string;
    resume: string;
    today: string;
    opened: string;
    firstResponse: string;
    automation: string;
    escalation: string;
    csat: string;
    csatValue: (percent: string, ratings: number) => string;
    leads: string;
    medianClaim: string;
}

const INTEGRATION_NAMES: Record<string, string> = { intercom: 'Intercom', zendesk: 'Zendesk', kommo: 'Kommo (WhatsApp)', n8n: 'n8n (AI)', teams: 'Microsoft Teams', meta: 'Meta Lead Ads', rdstation: 'RD Station', graph: 'Microsoft Graph' };

const statusEn: StatusCardTexts = {
    allWell: '✅ Everything is working',
    integrations: 'Integrations',
    needAttention: (n) => `⚠️ ${n} ${n === 1 ? 'integration needs' : 'integrations need'} attention`,
    integrationName: (n) => (n === 'leads' ? 'Lead capture' : (INTEGRATION_NAMES[n] ?? n)),
    streamName: (s) => ({ intercom: 'Intercom', zendesk: 'Zendesk', whatsapp: 'WhatsApp', leads: 'Leads', escalations: 'SLA escalations' })[s] ?? s,
    notConfigured: 'not set up',
    working: (w) => (w ? `✅ working · last webhook ${w}` : '✅ working'),
    errors: (p, calls) => `⚠️ ${p} of ${calls} calls failed this hour`,
    recovering: '⚠️ recovering after failures',
    down: '⛔ not answering: calls are paused',
    lastError: 'last error',
    never: 'never',
    ago: (d) => `${d} ago`,
    queueLine: (w, oldest, dead) => `${w} waiting${oldest ? ` · oldest ${oldest}` : ''} · ${dead} dead ${dead === 1 ? 'letter' : 'letters'}`,
    jobName: (k) => jobName(k, { act: 'action', mirror_event: 'mirror', mirror_ticket: 'mirror', sync: 'sync', start_thread: 'new thread', reply: 'thread reply', update_root: 'card update', send: 'WhatsApp send', note: 'note', message: 'message', forward: 'AI request', categorize: 'tagging' }),
    replayAll: 'Replay all',
    pausedFor: 'AI paused for',
    pausedBy: (by, ago) => `by ${by} · ${ago}`,
    resume: 'Resume AI',
    today: 'Today',
    opened: 'Conversations opened',
    firstResponse: 'First response (median / p90)',
    automation: 'Solved by the AI',
    escalation: 'Handed over by the AI',
    csat: 'Customer satisfaction',
    csatValue: (p, r) => `${p} satisfied (${r} ${r === 1 ? 'rating' : 'ratings'})`,
    leads: 'Leads (hot / warm / cold)',
    medianClaim: 'Median time to claim'
};

const statusPt: StatusCardTexts = {
    allWell: '✅ Tudo funcionando',
    integrations: 'Integrações',
    needAttention: (n) => `⚠️ ${n} ${n === 1 ? 'integração precisa' : 'integrações precisam'} de atenção`,
    integrationName: (n) => (n === 'leads' ? 'Captação de leads' : (INTEGRATION_NAMES[n] ?? n)),
    streamName: (s) => ({ intercom: 'Intercom', zendesk: 'Zendesk', whatsapp: 'WhatsApp', leads: 'Leads', escalations: 'Escalonamentos de SLA' })[s] ?? s,
    notConfigured: 'não configurado',
    working: (w) => (w ? `✅ funcionando · último webhook ${w}` : '✅ funcionando'),
    errors: (p, calls) => `⚠️ ${p} de ${calls} chamadas falharam nesta hora`,
    recovering: '⚠️ se recuperando de falhas',
    down: '⛔ sem resposta: chamadas em pausa',
    lastError: 'último erro',
    never: 'nunca',
    ago: (d) => `há ${d}`,
    queueLine: (w, oldest, dead) => `${w} aguardando${oldest ? ` · mais antigo há ${oldest}` : ''} · ${dead} ${dead === 1 ? 'falha definitiva' : 'falhas definitivas'}`,
    jobName: (k) => jobName(k, { act: 'ação', mirror_event: 'espelhamento', mirror_ticket: 'espelhamento', sync: 'importação', start_thread: 'nova thread', reply: 'resposta na thread', update_root: 'atualização do cartão', send: 'envio no WhatsApp', note: 'nota', message: 'mensagem', forward: 'pedido à IA', categorize: 'marcação' }),
    replayAll: 'Reenviar todas',
    pausedFor: 'IA pausada para',
    pausedBy: (by, ago) => `por ${by} · ${ago}`,
    resume: 'Retomar IA',
    today: 'Hoje',
    opened: 'Conversas abertas',
    firstResponse: 'Primeira resposta (mediana / p90)',
    automation: 'Resolvidas pela IA',
    escalation: 'Passadas pela IA a humanos',
    csat: 'Satisfação do cliente',
    csatValue: (p, r) => `${p} satisfeitos (${r} ${r === 1 ? 'avaliação' : 'avaliações'})`,
    leads: 'Leads (quentes / mornos / frios)',
    medianClaim: 'Tempo mediano até assumir'
};

const statusDe: StatusCardTexts = {
    allWell: '✅ Alles funktioniert',
    integrations: 'Integrationen',
    needAttention: (n) => `⚠️ ${n} ${n === 1 ? 'Integration braucht' : 'Integrationen brauchen'} Aufmerksamkeit`,
    integrationName: (n) => (n === 'leads' ? 'Lead-Erfassung' : (INTEGRATION_NAMES[n] ?? n)),
    streamName: (s) => ({ intercom: 'Intercom', zendesk: 'Zendesk', whatsapp: 'WhatsApp', leads: 'Leads', escalations: 'SLA-Eskalationen' })[s] ?? s,
    notConfigured: 'nicht eingerichtet',
    working: (w) => (w ? `✅ funktioniert · letzter Webhook ${w}` : '✅ funktioniert'),
    errors: (p, calls) => `⚠️ ${p} von ${calls} Aufrufen in dieser Stunde fehlgeschlagen`,
    recovering: '⚠️ erholt sich nach Fehlern',
    down: '⛔ antwortet nicht: Aufrufe pausiert',
    lastError: 'letzter Fehler',
    never: 'nie',
    ago: (d) => `vor ${d}`,
    queueLine: (w, oldest, dead) => `${w} wartend${oldest ? ` · ältester seit ${oldest}` : ''} · ${dead} unzustellbar`,
    jobName: (k) => jobName(k, { act: 'Aktion', mirror_event: 'Spiegelung', mirror_ticket: 'Spiegelung', sync: 'Nachladen', start_thread: 'neuer Thread', reply: 'Antwort im Thread', update_root: 'Kartenupdate', send: 'WhatsApp-Versand', note: 'Notiz', message: 'Nachricht', forward: 'KI-Anfrage', categorize: 'Markierung' }),
    replayAll: 'Alle erneut senden',
    pausedFor: 'KI pausiert für',
    pausedBy: (by, ago) => `von ${by} · ${ago}`,
    resume: 'KI fortsetzen',
    today: 'Heute',
    opened: 'Geöffnete Konversationen',
    firstResponse: 'Erste Antwort (Median / p90)',
    automation: 'Von der KI gelöst',
    escalation: 'Von der KI übergeben',
    csat: 'Zufriedenheit',
    csatValue: (p, r) => `${p} zufrieden (${r} ${r === 1 ? 'Bewertung' : 'Bewertungen'})`,
    leads: 'Leads (heiß / warm / kalt)',
    medianClaim: 'Median bis zur Übernahme'
};

/** A job kind (`intercom.act`) as the status card names it ("Intercom action"). */
function jobName(kind: string, what: Record<string, string>): string {
    const dot = kind.indexOf('.');
    const system = kind.slice(0, dot);
    const name = INTEGRATION_NAMES[system] ?? ({ leads: 'Leads', whatsapp: 'WhatsApp', sla: 'SLA', conversation: '' } as Record<string, string>)[system] ?? system;
    return `${name} ${what[kind.slice(dot + 1)] ?? kind.slice(dot + 1).replace(/_/g, ' ')}`.trim();
}

export function statusCardTexts(tag: string | undefined, fallback: Locale): StatusCardTexts {
    return { en: statusEn, 'pt-BR': statusPt, de: statusDe }[resolveLocale(tag, fallback)];
}

/** How a helpdesk message is introduced in its thread, per locale. */
export interface ThreadMessageTexts {
    wrote: (name: string) => string;
    internalNote: (name: string) => string;
    attachment: string;
}

const threadMessages: Record<Locale, ThreadMessageTexts> = {
    en: { wrote: (n) => `**${n}** wrote:`, internalNote: (n) => `🔒 **Internal note by ${n}:**`, attachment: 'attachment' },
    'pt-BR': { wrote: (n) => `**${n}** escreveu:`, internalNote: (n) => `🔒 **Nota interna de ${n}:**`, attachment: 'anexo' },
    de: { wrote: (n) => `**${n}** schrieb:`, internalNote: (n) => `🔒 **Interne Notiz von ${n}:**`, attachment: 'Anhang' }
};

export function threadMessageTexts(tag: string | undefined, fallback: Locale): ThreadMessageTexts {
    return threadMessages[resolveLocale(tag, fallback)];
}
