import type { Locale } from './locales';
import { resolveLocale } from './i18n';

export interface SlaTexts {
    reminder: (minutes: number, who: string | null) => string;
    escalation: (minutes: number, customer: string, channel: string) => string;
    secondReminder: (minutes: number) => string;
}

const catalog: Record<Locale, SlaTexts> = {
    en: {
        reminder: (m, who) => `⏰ The customer has waited ${m} min without a human answer.${who ? ` ${who}, please answer.` : ' Who takes it?'}`,
        escalation: (m, customer, channel) => `🚨 ${customer} has waited ${m} min without a human answer (thread in ${channel}).`,
        secondReminder: (m) => `🚨 Still no human answer after ${m} min. (Bind a lead channel with \`@Deskbridge setup escalations\` to escalate there.)`
    },
    'pt-BR': {
        reminder: (m, who) => `⏰ O cliente espera há ${m} min sem resposta humana.${who ? ` ${who}, por favor responda.` : ' Quem assume?'}`,
        escalation: (m, customer, channel) => `🚨 ${customer} espera há ${m} min sem resposta humana (thread em ${channel}).`,
        secondReminder: (m) => `🚨 Ainda sem resposta humana após ${m} min. (Vincule um canal de liderança com \`@Deskbridge setup escalations\` para escalar para lá.)`
    },
    de: {
        reminder: (m, who) => `⏰ Der Kunde wartet seit ${m} Min. auf eine menschliche Antwort.${who ? ` ${who}, bitte antworten.` : ' Wer übernimmt?'}`,
        escalation: (m, customer, channel) => `🚨 ${customer} wartet seit ${m} Min. auf eine menschliche Antwort (Thread in ${channel}).`,
        secondReminder: (m) => `🚨 Nach ${m} Min. noch keine menschliche Antwort. (Mit \`@Deskbridge setup escalations\` einen Leitungskanal verknüpfen, um dorthin zu eskalieren.)`
    }
};

export function slaTexts(tag: string | undefined, fallback: Locale): SlaTexts {
    return catalog[resolveLocale(tag, fallback)];
}
