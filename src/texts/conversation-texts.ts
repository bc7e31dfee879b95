import type { AgentActionType } from './locales';
import { resolveLocale } from './i18n';
import type { Locale } from './locales';

/** What Deskbridge says in a conversation thread about agents' actions, per locale. */
export interface ConversationTexts {
    label: Record<AgentActionType, string>;
    pending: (label: string, agent: string) => string;
    ackReply: (admin: string) => string;
    ackReplySigned: (admin: string, agent: string) => string;
    ackNote: (admin: string) => string;
    ackAssign: (admin: string) => string;
    ackClose: (agent: string) => string;
    ackReopen: (agent: string) => string;
    ackSnooze: (agent: string, until: string) => string;
    failed: (label: string, agent: string, reason: string) => string;
    gone: (label: string, agent: string) => string;
    unmapped: (agent: string, email: string | null) => string;
    cannotAssignUnmapped: (agent: string, email: string | null) => string;
    signature: (agent: string) => string;
    threadHelp: string;
    unknownThreadCommand: (command: string) => string;
    needsText: (command: string) => string;
    intercomNotConnected: string;
    notInThisThread: (command: string) => string;
    syncStarted: string;
    adminOnly: string;
    routeUsage: string;
    routeAdded: (id: number, rule: string, channel: string) => string;
    routeRemoved: (id: number) => string;
    routeNotFound: (id: string) => string;
    routeNone: string;
    routeListTitle: string;
}

const en: ConversationTexts = {
    label: { reply: 'Reply', note: 'Note', assign_to_me: 'Assignment', close: 'Close', reopen: 'Reopen', snooze: 'Snooze' },
    pending: (label, agent) => `⏳ ${label} requested by ${agent}…`,
    ackReply: (admin) => `✓ Sent to the customer as ${admin}.`,
    ackReplySigned: (admin, agent) => `✓ Sent to the customer as ${admin}, signed "${agent} (via Teams)".`,
    ackNote: (admin) => `📝 Internal note added in Intercom by ${admin}.`,
    ackAssign: (admin) => `✓ Assigned to ${admin} in Intercom.`,
    ackClose: (agent) => `✓ Closed in Intercom by ${agent}.`,
    ackReopen: (agent) => `✓ Reopened in Intercom by ${agent}.`,
    ackSnooze: (agent, until) => `💤 Snoozed in Intercom by ${agent} until ${until}.`,
    failed: (label, agent, reason) => `⚠️ ${label} by ${agent} was not done in Intercom: ${reason}`,
    gone: (label, agent) => `⚠️ ${label} by ${agent} was not done: this conversation no longer exists in Intercom. The thread stays for the record.`,
    unmapped: (agent, email) =>
        `no Intercom teammate has the email ${email ?? '(Teams gave none)'}. Ask an Intercom admin to invite ${agent} with that email, or set INTERCOM_DEFAULT_ADMIN_ID to reply as a shared teammate.`,
    cannotAssignUnmapped: (agent, email) => `${agent} has no Intercom teammate (email ${email ?? 'unknown'}), so the conversation cannot be assigned to them.`,
    signature: (agent) => `— ${agent} (via Teams)`,
    threadHelp:
        'In this thread: plain text → public reply to the customer · `#note …` / `#nota …` → internal note · `#claim` / `#assumir` → assign to you · `#close` / `#fechar` → close · `#reopen` / `#reabrir` → reopen · `#help` → this help.',
    unknownThreadCommand: (command) => `Unknown command \`#${command}\`. Send \`#help\` for the commands of this thread.`,
    needsText: (command) => `Write the text after \`#${command}\`.`,
    intercomNotConnected: 'Intercom is not connected (INTERCOM_ACCESS_TOKEN is not set): nothing was sent to the customer.',
    notInThisThread: (command) => `\`#${command}\` works in WhatsApp threads, not in Intercom conversations.`,
    syncStarted: 'Backfilling the open Intercom conversations: each gets its thread (or a refreshed card) in the channel its routing picks. Failures show in `@Deskbridge status`.',
    adminOnly: 'Sorry, only Deskbridge admins can do that.',
    routeUsage: 'Usage: `@Deskbridge route tag:<tag> here`, `route team:<Intercom team> here`, `route keyword:<word>,<word> here [priority <n>]`, `route list`, `route remove <id>`. Lower priority numbers are tried first (default 100).',
    routeAdded: (id, rule, channel) => `Rule #${id}: new Intercom conversations with ${rule} start their thread in **${channel}**.`,
    routeRemoved: (id) => `Rule #${id} removed.`,
    routeNotFound: (id) => `There is no rule #${id}.`,
    routeNone: 'No routing rules: new Intercom conversations go to the channel bound with `setup intercom`.',
    routeListTitle: 'Routing rules (first match wins):'
};

const ptBR: ConversationTexts = {
    label: { reply: 'Resposta', note: 'Nota', assign_to_me: 'Atribuição', close: 'Fechamento', reopen: 'Reabertura', snooze: 'Adiamento' },
    pending: (label, agent) => `⏳ ${label} solicitada por ${agent}…`,
    ackReply: (admin) => `✓ Enviado ao cliente como ${admin}.`,
    ackReplySigned: (admin, agent) => `✓ Enviado ao cliente como ${admin}, assinado "${agent} (via Teams)".`,
    ackNote: (admin) => `📝 Nota interna adicionada no Intercom por ${admin}.`,
    ackAssign: (admin) => `✓ Atribuída a ${admin} no Intercom.`,
    ackClose: (agent) => `✓ Fechada no Intercom por ${agent}.`,
    ackReopen: (agent) => `✓ Reaberta no Intercom por ${agent}.`,
    ackSnooze: (agent, until) => `💤 Adiada no Intercom por ${agent} até ${until}.`,
    failed: (label, agent, reason) => `⚠️ ${label} de ${agent} não foi feita no Intercom: ${reason}`,
    gone: (label, agent) => `⚠️ ${label} de ${agent} não foi feita: esta conversa não existe mais no Intercom. A thread fica como registro.`,
    unmapped: (agent, email) =>
        `nenhum colega do Intercom tem o e-mail ${email ?? '(o Teams não informou)'}. Peça a um admin do Intercom para convidar ${agent} com esse e-mail, ou defina INTERCOM_DEFAULT_ADMIN_ID para responder como um colega compartilhado.`,
    cannotAssignUnmapped: (agent, email) => `${agent} não tem usuário no Intercom (e-mail ${email ?? 'desconhecido'}), então a conversa não pode ser atribuída.`,
    signature: (agent) => `— ${agent} (via Teams)`,
    threadHelp:
        'Nesta thread: texto simples → resposta pública ao cliente · `#nota …` / `#note …` → nota interna · `#assumir` / `#claim` → atribuir a você · `#fechar` / `#close` → fechar · `#reabrir` / `#reopen` → reabrir · `#ajuda` → esta ajuda.',
    unknownThreadCommand: (command) => `Comando desconhecido \`#${command}\`. Envie \`#ajuda\` para ver os comandos desta thread.`,
    needsText: (command) => `Escreva o texto depois de \`#${command}\`.`,
    intercomNotConnected: 'O Intercom não está conectado (INTERCOM_ACCESS_TOKEN não definido): nada foi enviado ao cliente.',
    notInThisThread: (command) => `\`#${command}\` funciona em threads de WhatsApp, não em conversas do Intercom.`,
    syncStarted: 'Importando as conversas abertas do Intercom: cada uma ganha sua thread (ou um cartão atualizado) no canal escolhido pelo roteamento. Falhas aparecem em `@Deskbridge status`.',
    adminOnly: 'Desculpe, só administradores do Deskbridge podem fazer isso.',
    routeUsage: 'Uso: `@Deskbridge route tag:<tag> here`, `route team:<equipe do Intercom> here`, `route keyword:<palavra>,<palavra> here [priority <n>]`, `route list`, `route remove <id>`. Números de prioridade menores são testados primeiro (padrão 100).',
    routeAdded: (id, rule, channel) => `Regra #${id}: novas conversas do Intercom com ${rule} começam a thread em **${channel}**.`,
    routeRemoved: (id) => `Regra #${id} removida.`,
    routeNotFound: (id) => `Não existe a regra #${id}.`,
    routeNone: 'Sem regras de roteamento: novas conversas do Intercom vão para o canal vinculado com `setup intercom`.',
    routeListTitle: 'Regras de roteamento (a primeira que casar vale):'
};

const de: ConversationTexts = {
    label: { reply: 'Antwort', note: 'Notiz', assign_to_me: 'Zuweisung', close: 'Schließen', reopen: 'Wiedereröffnen', snooze: 'Zurückstellen' },
    pending: (label, agent) => `⏳ ${label} angefordert von ${agent}…`,
    ackReply: (admin) => `✓ An den Kunden gesendet als ${admin}.`,
    ackReplySigned: (admin, agent) => `✓ An den Kunden gesendet als ${admin}, signiert „${agent} (via Teams)“.`,
    ackNote: (admin) => `📝 Interne Notiz in Intercom von ${admin} hinzugefügt.`,
    ackAssign: (admin) => `✓ In Intercom ${admin} zugewiesen.`,
    ackClose: (agent) => `✓ In Intercom geschlossen von ${agent}.`,
    ackReopen: (agent) => `✓ In Intercom wiedereröffnet von ${agent}.`,
    ackSnooze: (agent, until) => `💤 In Intercom zurückgestellt von ${agent} bis ${until}.`,
    failed: (label, agent, reason) => `⚠️ ${label} von ${agent} wurde in Intercom nicht ausgeführt: ${reason}`,
    gone: (label, agent) => `⚠️ ${label} von ${agent} wurde nicht ausgeführt: Diese Konversation gibt es in Intercom nicht mehr. Der Thread bleibt erhalten.`,
    unmapped: (agent, email) =>
        `kein Intercom-Teammitglied hat die E-Mail ${email ?? '(Teams lieferte keine)'}. Bitten Sie einen Intercom-Admin, ${agent} mit dieser E-Mail einzuladen, oder setzen Sie INTERCOM_DEFAULT_ADMIN_ID, um als gemeinsames Teammitglied zu antworten.`,
    cannotAssignUnmapped: (agent, email) => `${agent} hat kein Intercom-Konto (E-Mail ${email ?? 'unbekannt'}); die Konversation kann nicht zugewiesen werden.`,
    signature: (agent) => `— ${agent} (via Teams)`,
    threadHelp:
        'In diesem Thread: einfacher Text → öffentliche Antwort an den Kunden · `#note …` → interne Notiz · `#claim` → sich zuweisen · `#close` → schließen · `#reopen` → wiedereröffnen · `#help` → diese Hilfe.',
    unknownThreadCommand: (command) => `Unbekannter Befehl \`#${command}\`. Senden Sie \`#help\` für die Befehle dieses Threads.`,
    needsText: (command) => `Schreiben Sie den Text nach \`#${command}\`.`,
    intercomNotConnected: 'Intercom ist nicht verbunden (INTERCOM_ACCESS_TOKEN fehlt): nichts wurde an den Kunden gesendet.',
    notInThisThread: (command) => `\`#${command}\` funktioniert in WhatsApp-Threads, nicht in Intercom-Konversationen.`,
    syncStarted: 'Die offenen Intercom-Konversationen werden nachgeladen: Jede bekommt ihren Thread (oder eine aktualisierte Karte) im Kanal, den das Routing wählt. Fehler zeigt `@Deskbridge status`.',
    adminOnly: 'Leider dürfen das nur Deskbridge-Admins.',
    routeUsage: 'Verwendung: `@Deskbridge route tag:<Tag> here`, `route team:<Intercom-Team> here`, `route keyword:<Wort>,<Wort> here [priority <n>]`, `route list`, `route remove <id>`. Kleinere Prioritäten werden zuerst geprüft (Standard 100).',
    routeAdded: (id, rule, channel) => `Regel #${id}: Neue Intercom-Konversationen mit ${rule} starten ihren Thread in **${channel}**.`,
    routeRemoved: (id) => `Regel #${id} entfernt.`,
    routeNotFound: (id) => `Es gibt keine Regel #${id}.`,
    routeNone: 'Keine Routing-Regeln: Neue Intercom-Konversationen gehen in den mit `setup intercom` verknüpften Kanal.',
    routeListTitle: 'Routing-Regeln (die erste passende gilt):'
};

const catalog: Record<Locale, ConversationTexts> = { en, 'pt-BR': ptBR, de };

/** The conversation texts for a Teams locale tag, falling back to `fallback`. */
export function conversationTexts(tag: string | undefined, fallback: Locale): ConversationTexts {
    return catalog[resolveLocale(tag, fallback)];
}
