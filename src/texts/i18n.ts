import { SUPPORTED_LOCALES, type Locale } from './locales';

/**
 * What the bot says, in every supported locale. Keys are checked by the compiler: a text missing
 * in one language does not build.
 */
const catalog = {
    en: {
        helpTitle: 'Deskbridge',
        helpIntro: 'Work Intercom and Zendesk conversations, WhatsApp chats (Kommo + AI) and hot leads from Teams. Each customer conversation becomes a thread with a live card; reply in the thread to answer the customer.',
        helpChannelCommands: 'Commands (mention me)',
        helpThreadCommands: 'In a conversation thread',
        cmdHelp: 'this overview',
        cmdSetup: 'make this channel the destination of a stream (admins)',
        cmdStatus: 'integrations, queues and bindings at a glance',
        cmdReplay: 'send dead letters again (admins)',
        cmdSync: 'backfill open Intercom conversations and unsolved Zendesk tickets, or one helpdesk\'s (admins)',
        cmdWhoami: 'who you are in Intercom, Zendesk and Kommo',
        cmdLink: 'tie a Teams user to their helpdesk and Kommo users (admins)',
        cmdLeads: 'today\'s leads: by temperature and source, time to claim',
        cmdReopen: 'reopen the conversation',
        cmdThreadStatus: 'the card again (WhatsApp: whether the AI answers)',
        cmdThreadHelp: 'the commands of the thread',
        cmdRoute: 'send matching new conversations to this channel; route list, route remove (admins)',
        cmdReply: 'plain text: public reply to the customer',
        cmdNote: 'internal note',
        cmdPause: 'pause / resume the WhatsApp AI for this contact',
        cmdClaim: 'assign the conversation or lead to yourself',
        cmdClose: 'close the conversation',
        setupUsage: 'Usage: `@Deskbridge setup intercom`, `@Deskbridge setup zendesk`, `@Deskbridge setup whatsapp`, `@Deskbridge setup leads` or `@Deskbridge setup escalations` (SLA escalations), in the channel that should receive that stream.',
        setupNeedsChannel: 'Run `setup` in the team channel that should receive the stream, not in a chat.',
        setupRefused: 'Sorry, only Deskbridge admins can bind channels. Ask an admin (listed in ADMIN_USERS) or a team owner.',
        setupDone: (stream: string, channel: string) => `Done: **${channel}** now receives the **${stream}** stream. New conversations will start threads here.`,
        setupMoved: (stream: string, channel: string, previous: string) => `Done: **${channel}** now receives the **${stream}** stream (it moved from **${previous}**).`,
        unknownCommand: (text: string) => `I did not understand "${text}". Send \`@Deskbridge help\` for the list of commands.`,
        welcome: 'Thanks for adding Deskbridge. An admin picks where conversations go with `@Deskbridge setup intercom|zendesk|whatsapp|leads` in a channel; `@Deskbridge help` lists everything.',
        statusTitle: 'Deskbridge status',
        statusBindings: 'Channel bindings',
        statusTeamRemoved: 'Deskbridge is no longer in this team: add the app again, then replay the dead letters',
        statusUnbound: 'not bound',
        statusQueue: 'Delivery queue',
        statusPending: 'Waiting to be sent',
        statusOldest: 'Oldest waiting',
        statusDead: 'Dead letters',
        statusDeadLetters: 'Latest dead letters',
        statusReplayAll: 'Replay dead letters',
        replayUsage: 'Usage: `@Deskbridge replay <id>` or `@Deskbridge replay all`.',
        replayDone: (n: number) => (n === 0 ? 'There was nothing to replay.' : `Replaying ${n} dead letter${n === 1 ? '' : 's'}.`),
        replayRefused: 'Sorry, only Deskbridge admins can replay dead letters.',
        tenantRefused: 'Deskbridge is not enabled for this organisation.',
        cardMalformed: (detail: string) => `This button's data is not valid (${detail}). Nothing was changed.`,
        cardOtherConversation: 'This card belongs to the conversation of its own thread and cannot act on another one. Nothing was changed.',
        cardOtherTeam: 'That belongs to another team or organisation, or no longer exists. Nothing was changed.',
        cardAdminOnly: 'Sorry, only Deskbridge admins can change the AI of a contact from outside its thread.',
        generalChannel: 'General'
    },
    'pt-BR': {
        helpTitle: 'Deskbridge',
        helpIntro: 'Atenda conversas do Intercom e do Zendesk, chats de WhatsApp (Kommo + IA) e leads quentes pelo Teams. Cada conversa vira uma thread com um cartão atualizado; responda na thread para falar com o cliente.',
        helpChannelCommands: 'Comandos (me mencione)',
        helpThreadCommands: 'Dentro da thread de uma conversa',
        cmdHelp: 'esta visão geral',
        cmdSetup: 'faz deste canal o destino de um fluxo (admins)',
        cmdStatus: 'integrações, filas e canais em um relance',
        cmdReplay: 'reenviar falhas definitivas (admins)',
        cmdSync: 'importar conversas abertas do Intercom e tickets não resolvidos do Zendesk, ou de um só (admins)',
        cmdWhoami: 'quem você é no Intercom, no Zendesk e no Kommo',
        cmdLink: 'liga um usuário do Teams aos seus usuários no helpdesk e no Kommo (admins)',
        cmdLeads: 'leads de hoje: por temperatura e origem, tempo até assumir',
        cmdReopen: 'reabrir a conversa',
        cmdThreadStatus: 'o cartão de novo (WhatsApp: se a IA responde)',
        cmdThreadHelp: 'os comandos da thread',
        cmdRoute: 'envia novas conversas que casarem para este canal; route list, route remove (admins)',
        cmdReply: 'texto simples: resposta pública ao cliente',
        cmdNote: 'nota interna',
        cmdPause: 'pausar / retomar a IA do WhatsApp para este contato',
        cmdClaim: 'atribuir a conversa ou o lead a você',
        cmdClose: 'fechar a conversa',
        setupUsage: 'Uso: `@Deskbridge setup intercom`, `@Deskbridge setup zendesk`, `@Deskbridge setup whatsapp`, `@Deskbridge setup leads` ou `@Deskbridge setup escalations` (escalonamentos de SLA), no canal que deve receber o fluxo.',
        setupNeedsChannel: 'Use `setup` no canal da equipe que deve receber o fluxo, não em um chat.',
        setupRefused: 'Desculpe, só administradores do Deskbridge podem vincular canais. Peça a um administrador (em ADMIN_USERS) ou a um proprietário da equipe.',
        setupDone: (stream: string, channel: string) => `Pronto: **${channel}** agora recebe o fluxo **${stream}**. Novas conversas abrirão threads aqui.`,
        setupMoved: (stream: string, channel: string, previous: string) => `Pronto: **${channel}** agora recebe o fluxo **${stream}** (antes era **${previous}**).`,
        unknownCommand: (text: string) => `Não entendi "${text}". Envie \`@Deskbridge help\` para ver os comandos.`,
        welcome: 'Obrigado por adicionar o Deskbridge. Um administrador escolhe o destino das conversas com `@Deskbridge setup intercom|zendesk|whatsapp|leads` em um canal; `@Deskbridge help` mostra tudo.',
        statusTitle: 'Status do Deskbridge',
        statusBindings: 'Canais vinculados',
        statusTeamRemoved: 'O Deskbridge não está mais nesta equipe: adicione o app de novo e reenvie as falhas',
        statusUnbound: 'não vinculado',
        statusQueue: 'Fila de envio',
        statusPending: 'Aguardando envio',
        statusOldest: 'Mais antigo aguardando',
        statusDead: 'Falhas definitivas',
        statusDeadLetters: 'Últimas falhas definitivas',
        statusReplayAll: 'Reenviar falhas',
        replayUsage: 'Uso: `@Deskbridge replay <id>` ou `@Deskbridge replay all`.',
        replayDone: (n: number) => (n === 0 ? 'Não havia nada para reenviar.' : `Reenviando ${n} ${n === 1 ? 'falha' : 'falhas'}.`),
        replayRefused: 'Desculpe, só administradores do Deskbridge podem reenviar falhas.',
        tenantRefused: 'O Deskbridge não está habilitado para esta organização.',
        cardMalformed: (detail: string) => `Os dados deste botão não são válidos (${detail}). Nada foi alterado.`,
        cardOtherConversation: 'Este cartão pertence à conversa da própria thread e não pode agir em outra. Nada foi alterado.',
        cardOtherTeam: 'Isso pertence a outra equipe ou organização, ou não existe mais. Nada foi alterado.',
        cardAdminOnly: 'Desculpe, só administradores do Deskbridge podem mudar a IA de um contato fora da thread dele.',
        generalChannel: 'Geral'
    },
    de: {
        helpTitle: 'Deskbridge',
        helpIntro: 'Bearbeiten Sie Intercom- und Zendesk-Konversationen, WhatsApp-Chats (Kommo + KI) und heiße Leads in Teams. Jede Kundenkonversation wird ein Thread mit einer aktuellen Karte; antworten Sie im Thread, um dem Kunden zu schreiben.',
        helpChannelCommands: 'Befehle (mich erwähnen)',
        helpThreadCommands: 'Im Thread einer Konversation',
        cmdHelp: 'diese Übersicht',
        cmdSetup: 'diesen Kanal als Ziel eines Streams festlegen (Admins)',
        cmdStatus: 'Integrationen, Warteschlangen und Kanäle auf einen Blick',
        cmdReplay: 'Unzustellbare erneut senden (Admins)',
        cmdSync: 'offene Intercom-Konversationen und ungelöste Zendesk-Tickets nachladen, oder die eines Helpdesks (Admins)',
        cmdWhoami: 'wer Sie in Intercom, Zendesk und Kommo sind',
        cmdLink: 'einen Teams-Benutzer mit seinen Helpdesk- und Kommo-Benutzern verknüpfen (Admins)',
        cmdLeads: 'heutige Leads: nach Temperatur und Quelle, Zeit bis zur Übernahme',
        cmdReopen: 'Konversation wieder öffnen',
        cmdThreadStatus: 'die Karte erneut (WhatsApp: ob die KI antwortet)',
        cmdThreadHelp: 'die Befehle des Threads',
        cmdRoute: 'passende neue Konversationen in diesen Kanal leiten; route list, route remove (Admins)',
        cmdReply: 'einfacher Text: öffentliche Antwort an den Kunden',
        cmdNote: 'interne Notiz',
        cmdPause: 'WhatsApp-KI für diesen Kontakt pausieren / fortsetzen',
        cmdClaim: 'Konversation oder Lead sich selbst zuweisen',
        cmdClose: 'Konversation schließen',
        setupUsage: 'Verwendung: `@Deskbridge setup intercom`, `@Deskbridge setup zendesk`, `@Deskbridge setup whatsapp`, `@Deskbridge setup leads` oder `@Deskbridge setup escalations` (SLA-Eskalationen) im Kanal, der den Stream erhalten soll.',
        setupNeedsChannel: 'Führen Sie `setup` im Teamkanal aus, der den Stream erhalten soll, nicht in einem Chat.',
        setupRefused: 'Leider dürfen nur Deskbridge-Admins Kanäle verknüpfen. Fragen Sie einen Admin (in ADMIN_USERS) oder einen Teambesitzer.',
        setupDone: (stream: string, channel: string) => `Erledigt: **${channel}** erhält jetzt den Stream **${stream}**. Neue Konversationen starten hier Threads.`,
        setupMoved: (stream: string, channel: string, previous: string) => `Erledigt: **${channel}** erhält jetzt den Stream **${stream}** (vorher **${previous}**).`,
        unknownCommand: (text: string) => `„${text}“ habe ich nicht verstanden. Senden Sie \`@Deskbridge help\` für die Befehlsliste.`,
        welcome: 'Danke, dass Sie Deskbridge hinzugefügt haben. Ein Admin legt mit `@Deskbridge setup intercom|zendesk|whatsapp|leads` in einem Kanal fest, wohin Konversationen gehen; `@Deskbridge help` zeigt alles.',
        statusTitle: 'Deskbridge-Status',
        statusBindings: 'Kanalverknüpfungen',
        statusTeamRemoved: 'Deskbridge ist nicht mehr in diesem Team: App erneut hinzufügen, dann Unzustellbare erneut senden',
        statusUnbound: 'nicht verknüpft',
        statusQueue: 'Zustellwarteschlange',
        statusPending: 'Wartet auf Versand',
        statusOldest: 'Ältester wartender',
        statusDead: 'Unzustellbare',
        statusDeadLetters: 'Letzte Unzustellbare',
        statusReplayAll: 'Unzustellbare erneut senden',
        replayUsage: 'Verwendung: `@Deskbridge replay <id>` oder `@Deskbridge replay all`.',
        replayDone: (n: number) => (n === 0 ? 'Es gab nichts erneut zu senden.' : `${n} Unzustellbare werden erneut gesendet.`),
        replayRefused: 'Leider dürfen nur Deskbridge-Admins Unzustellbare erneut senden.',
        tenantRefused: 'Deskbridge ist für diese Organisation nicht freigegeben.',
        cardMalformed: (detail: string) => `Die Daten dieser Schaltfläche sind ungültig (${detail}). Nichts wurde geändert.`,
        cardOtherConversation: 'Diese Karte gehört zur Konversation ihres eigenen Threads und kann keine andere ändern. Nichts wurde geändert.',
        cardOtherTeam: 'Das gehört zu einem anderen Team oder einer anderen Organisation oder existiert nicht mehr. Nichts wurde geändert.',
        cardAdminOnly: 'Leider dürfen nur Deskbridge-Admins die KI eines Kontakts außerhalb seines Threads ändern.',
        generalChannel: 'Allgemein'
    }
} as const satisfies Record<Locale, Record<string, unknown>>;

export type Texts = (typeof catalog)['en'];

/**
 * Picks the supported locale for a Bot Framework locale tag (`pt-BR`, `de-DE`, `en-US`…),
 * falling back to the configured default.
 */
export function resolveLocale(tag: string | undefined, fallback: Locale): Locale {
    if (!tag) return fallback;
    const lower = tag.toLowerCase();
    const exact = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === lower);
    if (exact) return exact;
    const language = lower.split(/[-_]/)[0];
    if (language === 'pt') return 'pt-BR';
    return SUPPORTED_LOCALES.find((l) => l.toLowerCase().split('-')[0] === language) ?? fallback;
}

/** The texts of one locale. */
export function textsFor(locale: Locale): Texts {
    return catalog[locale] as unknown as Texts;
}
