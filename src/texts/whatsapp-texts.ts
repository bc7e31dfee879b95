import { failureCause, failureReason } from './failure-texts';
import type { Locale } from './locales';
import type { PauseSource } from './locales';
import { resolveLocale } from './i18n';

/** What Deskbridge says about WhatsApp contacts and their AI, in Teams and in Kommo notes. */
export interface WhatsAppTexts {
    customerWrote: (name: string) => string;
    aiPausedHint: string;
    noLeadHint: string;
    human: (name: string) => string;
    ai: string;
    aiWithheld: string;
    paused: (by: string, via: string) => string;
    resumed: (by: string, via: string) => string;
    alreadyPaused: string;
    alreadyActive: string;
    state: (active: boolean, by: string | null, via: string | null, since: string | null) => string;
    /** No AI workflow is connected: nobody's chats are answered by the AI. */
    aiOff: string;
    via: Record<PauseSource, string>;
    handoff: (who: string | null) => string;
    tookOver: (who: string) => string;
    nothingToTake: string;
    /** `reason`: as the outbox recorded it; only its cause is said, in fixed words. */
    aiUnavailable: (reason: string) => string;
    notSent: (reason: string) => string;
    noteAdded: (agent: string) => string;
    sentToCustomer: (agent: string) => string;
    threadHelp: string;
    chatHelp: string;
    unknownCommand: (command: string) => string;
    needsText: (command: string) => string;
    kommoNotConnected: string;
    notInThisThread: (command: string) => string;
    signature: (agent: string) => string;
}

const en: WhatsAppTexts = {
    customerWrote: (name) => `**${name}** wrote:`,
    aiPausedHint: '_AI paused for this contact: answer here._',
    noLeadHint: '⚠️ _This chat has no Kommo lead, so it cannot be answered from Teams (Kommo sends only through a lead\'s Salesbot) and the AI does not answer it. Answer in Kommo, or attach the chat to a lead._',
    human: (name) => `**${name} (WhatsApp):**`,
    ai: '🤖 **AI:**',
    aiWithheld: '🤖 **AI answer withheld (paused)** — reuse it if it helps:',
    paused: (by, via) => `⏸️ AI paused for this contact by ${by} (${via}).`,
    resumed: (by, via) => `▶️ AI resumed for this contact by ${by} (${via}).`,
    alreadyPaused: 'The AI is already paused for this contact.',
    alreadyActive: 'The AI is already active for this contact.',
    aiOff: '⚪ AI off: no AI workflow is connected, so salespeople answer every chat.',
    state: (active, by, via, since) => (active ? '▶️ AI active for this contact.' : `⏸️ AI paused${by ? ` by ${by}` : ''}${via ? ` (${via})` : ''}${since ? ` since ${since}` : ''}.`),
    via: { teams: 'from Teams', whatsapp: 'from WhatsApp', api: 'through the API', handoff: 'AI handoff', auto: 'automatically' },
    tookOver: (who) => `✋ ${who} took this contact over: the AI stays paused.`,
    nothingToTake: 'The AI did not hand this contact off: nothing to take over.',
    handoff: (who) => `🙋 **Handoff:** the AI asked for a human and is paused for this contact. ${who ? `${who}, please take over.` : 'Someone please take over.'}`,
    aiUnavailable: (reason) => `⚠️ The AI is unavailable (${failureCause('en', reason, 'n8n')}). Please answer the customer here; Deskbridge keeps retrying.`,
    notSent: (reason) => `⚠️ Not sent to WhatsApp: ${failureReason('en', reason, 'Kommo')}`,
    noteAdded: (agent) => `📝 Note added to the Kommo lead by ${agent}.`,
    sentToCustomer: (agent) => `✓ Sent to the customer on WhatsApp (${agent}).`,
    threadHelp:
        'In this thread: plain text → message to the customer on WhatsApp (pauses the AI) · `#pausar` / `#pause` → pause the AI for this contact · `#voltar` / `#resume` → let the AI answer again · `#status` → AI state · `#nota …` / `#note …` → note on the Kommo lead · `#help` → this help.',
    chatHelp: 'Deskbridge commands: #pausar (pause the AI for this contact), #voltar (resume it), #status, #help.',
    unknownCommand: (command) => `Unknown command \`#${command}\`. Send \`#help\` for the commands of this thread.`,
    needsText: (command) => `Write the text after \`#${command}\`.`,
    kommoNotConnected: 'Kommo is not connected (KOMMO_ACCESS_TOKEN, KOMMO_SALESBOT_ID and KOMMO_REPLY_FIELD_ID are needed): nothing was sent.',
    notInThisThread: (command) => `\`#${command}\` works in Intercom threads, not in WhatsApp conversations.`,
    signature: (agent) => `— ${agent}`
};

const ptBR: WhatsAppTexts = {
    customerWrote: (name) => `**${name}** escreveu:`,
    aiPausedHint: '_IA pausada para este contato: responda aqui._',
    noLeadHint: '⚠️ _Esta conversa não tem lead no Kommo, então não pode ser respondida pelo Teams (o Kommo envia só pelo Salesbot de um lead) e a IA não responde. Responda no Kommo ou vincule a conversa a um lead._',
    human: (name) => `**${name} (WhatsApp):**`,
    ai: '🤖 **IA:**',
    aiWithheld: '🤖 **Resposta da IA retida (pausada)** — reaproveite se ajudar:',
    paused: (by, via) => `⏸️ IA pausada para este contato por ${by} (${via}).`,
    resumed: (by, via) => `▶️ IA retomada para este contato por ${by} (${via}).`,
    alreadyPaused: 'A IA já está pausada para este contato.',
    alreadyActive: 'A IA já está ativa para este contato.',
    aiOff: '⚪ IA desligada: nenhum fluxo de IA está conectado, então os vendedores respondem todas as conversas.',
    state: (active, by, via, since) => (active ? '▶️ IA ativa para este contato.' : `⏸️ IA pausada${by ? ` por ${by}` : ''}${via ? ` (${via})` : ''}${since ? ` desde ${since}` : ''}.`),
    via: { teams: 'pelo Teams', whatsapp: 'pelo WhatsApp', api: 'pela API', handoff: 'transferência da IA', auto: 'automaticamente' },
    tookOver: (who) => `✋ ${who} assumiu este contato: a IA continua pausada.`,
    nothingToTake: 'A IA não transferiu este contato: não há o que assumir.',
    handoff: (who) => `🙋 **Transferência:** a IA pediu um humano e está pausada para este contato. ${who ? `${who}, por favor assuma.` : 'Alguém, por favor, assuma.'}`,
    aiUnavailable: (reason) => `⚠️ A IA está indisponível (${failureCause('pt-BR', reason, 'n8n')}). Responda o cliente por aqui; o Deskbridge continua tentando.`,
    notSent: (reason) => `⚠️ Não enviado ao WhatsApp: ${failureReason('pt-BR', reason, 'Kommo')}`,
    noteAdded: (agent) => `📝 Nota adicionada ao lead no Kommo por ${agent}.`,
    sentToCustomer: (agent) => `✓ Enviado ao cliente no WhatsApp (${agent}).`,
    threadHelp:
        'Nesta thread: texto simples → mensagem ao cliente no WhatsApp (pausa a IA) · `#pausar` → pausar a IA para este contato · `#voltar` → a IA volta a responder · `#status` → estado da IA · `#nota …` → nota no lead do Kommo · `#ajuda` → esta ajuda.',
    chatHelp: 'Comandos do Deskbridge: #pausar (pausa a IA para este contato), #voltar (retoma), #status, #ajuda.',
    unknownCommand: (command) => `Comando desconhecido \`#${command}\`. Envie \`#ajuda\` para ver os comandos desta thread.`,
    needsText: (command) => `Escreva o texto depois de \`#${command}\`.`,
    kommoNotConnected: 'O Kommo não está conectado (são necessários KOMMO_ACCESS_TOKEN, KOMMO_SALESBOT_ID e KOMMO_REPLY_FIELD_ID): nada foi enviado.',
    notInThisThread: (command) => `\`#${command}\` funciona em threads do Intercom, não em conversas de WhatsApp.`,
    signature: (agent) => `— ${agent}`
};

const de: WhatsAppTexts = {
    customerWrote: (name) => `**${name}** schrieb:`,
    aiPausedHint: '_KI für diesen Kontakt pausiert: hier antworten._',
    noLeadHint: '⚠️ _Dieser Chat hat keinen Kommo-Lead und kann daher nicht aus Teams beantwortet werden (Kommo sendet nur über den Salesbot eines Leads); die KI antwortet nicht. Bitte in Kommo antworten oder den Chat einem Lead zuordnen._',
    human: (name) => `**${name} (WhatsApp):**`,
    ai: '🤖 **KI:**',
    aiWithheld: '🤖 **KI-Antwort zurückgehalten (pausiert)** — gerne wiederverwenden:',
    paused: (by, via) => `⏸️ KI für diesen Kontakt pausiert von ${by} (${via}).`,
    resumed: (by, via) => `▶️ KI für diesen Kontakt fortgesetzt von ${by} (${via}).`,
    alreadyPaused: 'Die KI ist für diesen Kontakt bereits pausiert.',
    alreadyActive: 'Die KI ist für diesen Kontakt bereits aktiv.',
    aiOff: '⚪ KI aus: Kein KI-Workflow ist verbunden, daher beantwortet das Vertriebsteam jeden Chat.',
    state: (active, by, via, since) => (active ? '▶️ KI für diesen Kontakt aktiv.' : `⏸️ KI pausiert${by ? ` von ${by}` : ''}${via ? ` (${via})` : ''}${since ? ` seit ${since}` : ''}.`),
    via: { teams: 'aus Teams', whatsapp: 'aus WhatsApp', api: 'über die API', handoff: 'KI-Übergabe', auto: 'automatisch' },
    tookOver: (who) => `✋ ${who} hat diesen Kontakt übernommen: Die KI bleibt pausiert.`,
    nothingToTake: 'Die KI hat diesen Kontakt nicht übergeben: nichts zu übernehmen.',
    handoff: (who) => `🙋 **Übergabe:** Die KI hat einen Menschen angefordert und ist für diesen Kontakt pausiert. ${who ? `${who}, bitte übernehmen.` : 'Bitte übernimmt jemand.'}`,
    aiUnavailable: (reason) => `⚠️ Die KI ist nicht erreichbar (${failureCause('de', reason, 'n8n')}). Bitte antworten Sie dem Kunden hier; Deskbridge versucht es weiter.`,
    notSent: (reason) => `⚠️ Nicht an WhatsApp gesendet: ${failureReason('de', reason, 'Kommo')}`,
    noteAdded: (agent) => `📝 Notiz am Kommo-Lead von ${agent} hinzugefügt.`,
    sentToCustomer: (agent) => `✓ An den Kunden per WhatsApp gesendet (${agent}).`,
    threadHelp:
        'In diesem Thread: einfacher Text → Nachricht an den Kunden per WhatsApp (pausiert die KI) · `#pause` → KI für diesen Kontakt pausieren · `#resume` → KI antwortet wieder · `#status` → KI-Zustand · `#note …` → Notiz am Kommo-Lead · `#help` → diese Hilfe.',
    chatHelp: 'Deskbridge-Befehle: #pausar (KI pausieren), #voltar (fortsetzen), #status, #help.',
    unknownCommand: (command) => `Unbekannter Befehl \`#${command}\`. Senden Sie \`#help\` für die Befehle dieses Threads.`,
    needsText: (command) => `Schreiben Sie den Text nach \`#${command}\`.`,
    kommoNotConnected: 'Kommo ist nicht verbunden (KOMMO_ACCESS_TOKEN, KOMMO_SALESBOT_ID und KOMMO_REPLY_FIELD_ID werden benötigt): nichts wurde gesendet.',
    notInThisThread: (command) => `\`#${command}\` funktioniert in Intercom-Threads, nicht in WhatsApp-Konversationen.`,
    signature: (agent) => `— ${agent}`
};

const catalog: Record<Locale, WhatsAppTexts> = { en, 'pt-BR': ptBR, de };

/** The WhatsApp texts for a Teams locale tag (or the default locale for Kommo notes). */
export function whatsappTexts(tag: string | undefined, fallback: Locale): WhatsAppTexts {
    return catalog[resolveLocale(tag, fallback)];
}
