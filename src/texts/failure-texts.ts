import { inlineText } from '../lib/markdown';
import type { Locale } from './locales';

/** What went wrong with a call to a peer, as the outbox records it, reduced to what a reader can act on. */
type Cause = 'credentials' | 'notFound' | 'refused' | 'busy' | 'down' | 'noAnswer' | 'other';

const CAUSES: Record<Locale, Record<Exclude<Cause, 'other'>, (peer: string) => string>> = {
    en: {
        credentials: (p) => `${p} refused Deskbridge's credentials (an admin needs to check them)`,
        notFound: (p) => `${p} no longer has it`,
        refused: (p) => `${p} refused the request`,
        busy: (p) => `${p} asked Deskbridge to slow down`,
        down: (p) => `${p} had an error on its side`,
        noAnswer: (p) => `${p} did not answer`
    },
    'pt-BR': {
        credentials: (p) => `o ${p} recusou as credenciais do Deskbridge (um administrador precisa verificá-las)`,
        notFound: (p) => `isso não existe mais no ${p}`,
        refused: (p) => `o ${p} recusou o pedido`,
        busy: (p) => `o ${p} pediu ao Deskbridge que fosse mais devagar`,
        down: (p) => `o ${p} teve um erro do lado dele`,
        noAnswer: (p) => `o ${p} não respondeu`
    },
    de: {
        credentials: (p) => `${p} hat die Zugangsdaten von Deskbridge abgelehnt (ein Admin muss sie prüfen)`,
        notFound: (p) => `${p} hat es nicht mehr`,
        refused: (p) => `${p} hat die Anfrage abgelehnt`,
        busy: (p) => `${p} hat Deskbridge gebeten, langsamer zu senden`,
        down: (p) => `${p} hatte einen Fehler auf seiner Seite`,
        noAnswer: (p) => `${p} hat nicht geantwortet`
    }
};

const AFTER: Record<Locale, (attempts: number) => string> = {
    en: (n) => `, ${n} attempts`,
    'pt-BR': (n) => `, ${n} tentativas`,
    de: (n) => `, ${n} Versuche`
};

const DETAILS: Record<Locale, string> = {
    en: 'An admin sees the details under dead letters in `status`.',
    'pt-BR': 'Um administrador vê os detalhes nas mensagens não entregues em `status`.',
    de: 'Ein Admin sieht die Details unter den unzustellbaren Aufträgen in `status`.'
};

function causeOf(reason: string): Cause {
    const status = /answered (\d{3})|\(HTTP (\d{3})\)/.exec(reason)?.slice(1).find(Boolean);
    if (status === '401' || status === '403') return 'credentials';
    if (status === '404' || status === '410') return 'notFound';
    if (status === '429') return 'busy';
    if (status && status.startsWith('5')) return 'down';
    if (status && status.startsWith('4')) return 'refused';
    if (/unreachable|did not answer|timeout|ETIMEDOUT|ECONNRE/i.test(reason)) return 'noAnswer';
    return 'other';
}

/**
 * Why a job failed, for the people in a thread, in their language: the cause in a few words
 * ("Intercom refused the request, 8 attempts"). The reason itself (the peer's own message, often
 * JSON in English) stays in the dead letter, where the admin reads it; a reader of the thread
 * cannot act on it. Only fixed words come out: nothing of the peer's answer reaches the thread.
 */
export function failureCause(locale: Locale, reason: string, peer: string): string {
    const attempts = /^gave up after (\d+) attempts/.exec(reason)?.[1];
    const detail = reason.replace(/^(permanent|gave up after \d+ attempts): /, '');
    const cause = causeOf(reason);
    // Deskbridge's own sentence (an agent without a teammate, a missing setting): said as it is.
    if (cause === 'other') return inlineText(detail, 300);
    // A vendor's short human message ("Intercom says: Admin not found (HTTP 400)") is quoted as its own.
    const said = /says: (.+) \(HTTP \d{3}\)$/.exec(detail)?.[1];
    return `${CAUSES[locale][cause](peer)}${said ? `: “${inlineText(said, 200)}”` : ''}${attempts ? AFTER[locale](Number(attempts)) : ''}`;
}

/** {@link failureCause} and where an admin finds the rest. */
export function failureReason(locale: Locale, reason: string, peer: string): string {
    return `${failureCause(locale, reason, peer)}. ${DETAILS[locale]}`;
}
