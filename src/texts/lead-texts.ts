import type { Locale } from './locales';
import { resolveLocale } from './i18n';

/** What Deskbridge says about leads, per locale. */
export interface LeadTexts {
    claimed: (name: string, at: string) => string;
    contacted: (name: string, at: string) => string;
    unclaimed: string;
    alreadyClaimed: (name: string, at: string) => string;
    alreadyContacted: string;
    claimNotice: (name: string) => string;
    contactedNotice: (name: string) => string;
    reraise: (minutes: number, who: string) => string;
    followUp: (who: string, lead: string, since: string) => string;
    notALead: string;
    statsTitle: string;
    statsByTemperature: string;
    statsBySource: string;
    statsMedianClaim: (value: string) => string;
    statsUnclaimedHot: string;
    statsNone: string;
}

const en: LeadTexts = {
    claimed: (name, at) => `✋ Claimed by ${name} at ${at}`,
    contacted: (name, at) => `📞 Contacted (${name}, ${at})`,
    unclaimed: '🔥 Hot lead: claim it to call first.',
    alreadyClaimed: (name, at) => `${name} already claimed this lead at ${at}.`,
    alreadyContacted: 'This lead is already marked contacted.',
    claimNotice: (name) => `✋ ${name} claimed this lead.`,
    contactedNotice: (name) => `📞 ${name} marked this lead contacted.`,
    reraise: (minutes, who) => `⏰ This hot lead has waited ${minutes} min without anyone claiming it. ${who}`,
    followUp: (who, lead, since) => `🔔 ${who}: ${lead} was claimed ${since} ago and is not marked contacted yet.`,
    notALead: 'This button belongs to a lead card Deskbridge does not know.',
    statsTitle: "**Today's leads**",
    statsByTemperature: 'By temperature',
    statsBySource: 'By source',
    statsMedianClaim: (value) => `Median time to claim: ${value}`,
    statsUnclaimedHot: 'Unclaimed hot leads',
    statsNone: 'No leads today yet.'
};

const ptBR: LeadTexts = {
    claimed: (name, at) => `✋ Assumido por ${name} às ${at}`,
    contacted: (name, at) => `📞 Contatado (${name}, ${at})`,
    unclaimed: '🔥 Lead quente: assuma para ligar primeiro.',
    alreadyClaimed: (name, at) => `${name} já assumiu este lead às ${at}.`,
    alreadyContacted: 'Este lead já está marcado como contatado.',
    claimNotice: (name) => `✋ ${name} assumiu este lead.`,
    contactedNotice: (name) => `📞 ${name} marcou este lead como contatado.`,
    reraise: (minutes, who) => `⏰ Este lead quente espera há ${minutes} min sem ninguém assumir. ${who}`,
    followUp: (who, lead, since) => `🔔 ${who}: ${lead} foi assumido há ${since} e ainda não está marcado como contatado.`,
    notALead: 'Este botão é de um cartão de lead que o Deskbridge não conhece.',
    statsTitle: '**Leads de hoje**',
    statsByTemperature: 'Por temperatura',
    statsBySource: 'Por origem',
    statsMedianClaim: (value) => `Tempo mediano até assumir: ${value}`,
    statsUnclaimedHot: 'Leads quentes sem dono',
    statsNone: 'Nenhum lead hoje ainda.'
};

const de: LeadTexts = {
    claimed: (name, at) => `✋ Übernommen von ${name} um ${at}`,
    contacted: (name, at) => `📞 Kontaktiert (${name}, ${at})`,
    unclaimed: '🔥 Heißer Lead: übernehmen und zuerst anrufen.',
    alreadyClaimed: (name, at) => `${name} hat diesen Lead bereits um ${at} übernommen.`,
    alreadyContacted: 'Dieser Lead ist bereits als kontaktiert markiert.',
    claimNotice: (name) => `✋ ${name} hat diesen Lead übernommen.`,
    contactedNotice: (name) => `📞 ${name} hat diesen Lead als kontaktiert markiert.`,
    reraise: (minutes, who) => `⏰ Dieser heiße Lead wartet seit ${minutes} Min. ohne Übernahme. ${who}`,
    followUp: (who, lead, since) => `🔔 ${who}: ${lead} wurde vor ${since} übernommen und ist noch nicht als kontaktiert markiert.`,
    notALead: 'Diese Schaltfläche gehört zu einer Lead-Karte, die Deskbridge nicht kennt.',
    statsTitle: '**Leads heute**',
    statsByTemperature: 'Nach Temperatur',
    statsBySource: 'Nach Quelle',
    statsMedianClaim: (value) => `Median bis zur Übernahme: ${value}`,
    statsUnclaimedHot: 'Heiße Leads ohne Besitzer',
    statsNone: 'Heute noch keine Leads.'
};

const catalog: Record<Locale, LeadTexts> = { en, 'pt-BR': ptBR, de };

export function leadTexts(tag: string | undefined, fallback: Locale): LeadTexts {
    return catalog[resolveLocale(tag, fallback)];
}
