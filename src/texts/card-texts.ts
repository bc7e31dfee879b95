import { resolveLocale } from './i18n';
import type { Locale } from './locales';

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
    /** A Zendesk rating; Intercom's are stars. */
    ratingGood: string;
    ratingBad: string;
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
    ratingGood: '👍 Good',
    ratingBad: '👎 Bad',
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
    ratingGood: '👍 Boa',
    ratingBad: '👎 Ruim',
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
    ratingGood: '👍 Gut',
    ratingBad: '👎 Schlecht',
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
