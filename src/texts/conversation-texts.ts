import type { AgentActionType } from './locales';
import { failureReason } from './failure-texts';
import { resolveLocale } from './i18n';
import { HELPDESK_WORDS, type HelpdeskSource, type HelpdeskWords, type Locale } from './locales';

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
    /** *Snooze* in a helpdesk without snooze times (Zendesk): the ticket waits for the customer. */
    ackPending: (agent: string) => string;
    failed: (label: string, agent: string, reason: string) => string;
    /** Why a job failed, from the reason the outbox recorded, in fixed words (see failure-texts.ts). */
    cause: (reason: string) => string;
    gone: (label: string, agent: string) => string;
    /** For the admin (dead letter, status card): names the setting that would help. */
    unmapped: (agent: string, email: string | null) => string;
    /** For the agent, in the thread: what to ask for, no setting names. */
    unmappedAgent: (agent: string, email: string | null) => string;
    cannotAssignUnmapped: (agent: string, email: string | null) => string;
    signature: (agent: string) => string;
    threadHelp: string;
    unknownThreadCommand: (command: string) => string;
    needsText: (command: string) => string;
    notConnected: string;
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

const en = (h: HelpdeskWords): ConversationTexts => ({
    label: { reply: 'Reply', note: 'Note', assign_to_me: 'Assignment', close: 'Close', reopen: 'Reopen', snooze: 'Snooze' },
    pending: (label, agent) => `⏳ ${label} requested by ${agent}…`,
    ackReply: (admin) => `✓ Sent to the customer as ${admin}.`,
    ackReplySigned: (admin, agent) => `✓ Sent to the customer as ${admin}, signed "${agent} (via Teams)".`,
    ackNote: (admin) => `📝 Internal note added in ${h.name} by ${admin}.`,
    ackAssign: (admin) => `✓ Assigned to ${admin} in ${h.name}.`,
    ackClose: (agent) => `✓ Closed in ${h.name} by ${agent}.`,
    ackReopen: (agent) => `✓ Reopened in ${h.name} by ${agent}.`,
    ackSnooze: (agent, until) => `💤 Snoozed in ${h.name} by ${agent} until ${until}.`,
    ackPending: (agent) => `💤 Set to pending in ${h.name} by ${agent}: it reopens when the customer answers.`,
    failed: (label, agent, reason) => `⚠️ ${label} by ${agent} was not done in ${h.name}: ${reason}`,
    cause: (reason) => failureReason('en', reason, h.name),
    gone: (label, agent) => `⚠️ ${label} by ${agent} was not done: this conversation no longer exists in ${h.name}. The thread stays for the record.`,
    unmapped: (agent, email) =>
        `no ${h.name} teammate has the email ${email ?? '(Teams gave none)'}. Ask your ${h.name} admin to invite ${agent} with that email, or set ${h.defaultAgentVar} to reply as a shared teammate.`,
    unmappedAgent: (agent, email) => `${h.name} has no user with the email ${email ?? '(Teams gave none)'}: ask your ${h.name} admin to add ${agent} with that email.`,
    cannotAssignUnmapped: (agent, email) => `${agent} has no ${h.name} teammate (email ${email ?? 'unknown'}), so the conversation cannot be assigned to them.`,
    signature: (agent) => `— ${agent} (via Teams)`,
    threadHelp:
        'In this thread: plain text → public reply to the customer · `#note …` / `#nota …` → internal note · `#claim` / `#assumir` → assign to you · `#close` / `#fechar` → close · `#reopen` / `#reabrir` → reopen · `#help` → this help.',
    unknownThreadCommand: (command) => `Unknown command \`#${command}\`. Send \`#help\` for the commands of this thread.`,
    needsText: (command) => `Write the text after \`#${command}\`.`,
    notConnected: `${h.name} is not connected (${h.tokenVar} is not set): nothing was sent to the customer.`,
    notInThisThread: (command) => `\`#${command}\` works in WhatsApp threads, not in ${h.name} conversations.`,
    syncStarted: `Backfilling the open ${h.name} conversations: each gets its thread (or a refreshed card) in the channel its routing picks. Failures show in \`@Deskbridge status\`.`,
    adminOnly: 'Sorry, only Deskbridge admins can do that.',
    routeUsage: `Usage: \`@Deskbridge route tag:<tag> here\`, \`route ${h.teamWord}:<${h.name} ${h.teamWord}> here\`, \`route tier:<plan> here\`, \`route keyword:<word>,<word> here [priority <n>]\`, \`route list\`, \`route remove <id>\`. Lower priority numbers are tried first (default 100).`,
    routeAdded: (id, rule, channel) => `Rule #${id}: new ${h.name} conversations with ${rule} start their thread in **${channel}**.`,
    routeRemoved: (id) => `Rule #${id} removed.`,
    routeNotFound: (id) => `There is no rule #${id}.`,
    routeNone: `No routing rules: new ${h.name} conversations go to the channel bound with \`setup ${h.stream}\`.`,
    routeListTitle: 'Routing rules (first match wins):'
});

const ptBR = (h: HelpdeskWords): ConversationTexts => ({
    label: { reply: 'Resposta', note: 'Nota', assign_to_me: 'Atribuição', close: 'Fechamento', reopen: 'Reabertura', snooze: 'Adiamento' },
    pending: (label, agent) => `⏳ ${label} solicitada por ${agent}…`,
    ackReply: (admin) => `✓ Enviado ao cliente como ${admin}.`,
    ackReplySigned: (admin, agent) => `✓ Enviado ao cliente como ${admin}, assinado "${agent} (via Teams)".`,
    ackNote: (admin) => `📝 Nota interna adicionada no ${h.name} por ${admin}.`,
    ackAssign: (admin) => `✓ Atribuída a ${admin} no ${h.name}.`,
    ackClose: (agent) => `✓ Fechada no ${h.name} por ${agent}.`,
    ackReopen: (agent) => `✓ Reaberta no ${h.name} por ${agent}.`,
    ackSnooze: (agent, until) => `💤 Adiada no ${h.name} por ${agent} até ${until}.`,
    ackPending: (agent) => `💤 Marcada como pendente no ${h.name} por ${agent}: reabre quando o cliente responder.`,
    failed: (label, agent, reason) => `⚠️ ${label} de ${agent} não foi feita no ${h.name}: ${reason}`,
    cause: (reason) => failureReason('pt-BR', reason, h.name),
    gone: (label, agent) => `⚠️ ${label} de ${agent} não foi feita: esta conversa não existe mais no ${h.name}. A thread fica como registro.`,
    unmapped: (agent, email) =>
        `nenhum colega do ${h.name} tem o e-mail ${email ?? '(o Teams não informou)'}. Peça a um admin do ${h.name} para convidar ${agent} com esse e-mail, ou defina ${h.defaultAgentVar} para responder como um colega compartilhado.`,
    unmappedAgent: (agent, email) => `o ${h.name} não tem usuário com o e-mail ${email ?? '(o Teams não informou)'}: peça ao admin do ${h.name} para adicionar ${agent} com esse e-mail.`,
    cannotAssignUnmapped: (agent, email) => `${agent} não tem usuário no ${h.name} (e-mail ${email ?? 'desconhecido'}), então a conversa não pode ser atribuída.`,
    signature: (agent) => `— ${agent} (via Teams)`,
    threadHelp:
        'Nesta thread: texto simples → resposta pública ao cliente · `#nota …` / `#note …` → nota interna · `#assumir` / `#claim` → atribuir a você · `#fechar` / `#close` → fechar · `#reabrir` / `#reopen` → reabrir · `#ajuda` → esta ajuda.',
    unknownThreadCommand: (command) => `Comando desconhecido \`#${command}\`. Envie \`#ajuda\` para ver os comandos desta thread.`,
    needsText: (command) => `Escreva o texto depois de \`#${command}\`.`,
    notConnected: `O ${h.name} não está conectado (${h.tokenVar} não definido): nada foi enviado ao cliente.`,
    notInThisThread: (command) => `\`#${command}\` funciona em threads de WhatsApp, não em conversas do ${h.name}.`,
    syncStarted: `Importando as conversas abertas do ${h.name}: cada uma ganha sua thread (ou um cartão atualizado) no canal escolhido pelo roteamento. Falhas aparecem em \`@Deskbridge status\`.`,
    adminOnly: 'Desculpe, só administradores do Deskbridge podem fazer isso.',
    routeUsage: `Uso: \`@Deskbridge route tag:<tag> here\`, \`route ${h.teamWord}:<${h.teamWord === 'team' ? 'equipe' : 'grupo'} do ${h.name}> here\`, \`route tier:<plano> here\`, \`route keyword:<palavra>,<palavra> here [priority <n>]\`, \`route list\`, \`route remove <id>\`. Números de prioridade menores são testados primeiro (padrão 100).`,
    routeAdded: (id, rule, channel) => `Regra #${id}: novas conversas do ${h.name} com ${rule} começam a thread em **${channel}**.`,
    routeRemoved: (id) => `Regra #${id} removida.`,
    routeNotFound: (id) => `Não existe a regra #${id}.`,
    routeNone: `Sem regras de roteamento: novas conversas do ${h.name} vão para o canal vinculado com \`setup ${h.stream}\`.`,
    routeListTitle: 'Regras de roteamento (a primeira que casar vale):'
});

const de = (h: HelpdeskWords): ConversationTexts => ({
    label: { reply: 'Antwort', note: 'Notiz', assign_to_me: 'Zuweisung', close: 'Schließen', reopen: 'Wiedereröffnen', snooze: 'Zurückstellen' },
    pending: (label, agent) => `⏳ ${label} angefordert von ${agent}…`,
    ackReply: (admin) => `✓ An den Kunden gesendet als ${admin}.`,
    ackReplySigned: (admin, agent) => `✓ An den Kunden gesendet als ${admin}, signiert „${agent} (via Teams)“.`,
    ackNote: (admin) => `📝 Interne Notiz in ${h.name} von ${admin} hinzugefügt.`,
    ackAssign: (admin) => `✓ In ${h.name} ${admin} zugewiesen.`,
    ackClose: (agent) => `✓ In ${h.name} geschlossen von ${agent}.`,
    ackReopen: (agent) => `✓ In ${h.name} wiedereröffnet von ${agent}.`,
    ackSnooze: (agent, until) => `💤 In ${h.name} zurückgestellt von ${agent} bis ${until}.`,
    ackPending: (agent) => `💤 In ${h.name} von ${agent} auf „Wartend“ gesetzt: Sie öffnet sich wieder, wenn der Kunde antwortet.`,
    failed: (label, agent, reason) => `⚠️ ${label} von ${agent} wurde in ${h.name} nicht ausgeführt: ${reason}`,
    cause: (reason) => failureReason('de', reason, h.name),
    gone: (label, agent) => `⚠️ ${label} von ${agent} wurde nicht ausgeführt: Diese Konversation gibt es in ${h.name} nicht mehr. Der Thread bleibt erhalten.`,
    unmapped: (agent, email) =>
        `kein ${h.name}-Teammitglied hat die E-Mail ${email ?? '(Teams lieferte keine)'}. Bitten Sie einen ${h.name}-Admin, ${agent} mit dieser E-Mail einzuladen, oder setzen Sie ${h.defaultAgentVar}, um als gemeinsames Teammitglied zu antworten.`,
    unmappedAgent: (agent, email) => `${h.name} hat keinen Benutzer mit der E-Mail ${email ?? '(Teams lieferte keine)'}: Bitten Sie Ihren ${h.name}-Admin, ${agent} mit dieser E-Mail hinzuzufügen.`,
    cannotAssignUnmapped: (agent, email) => `${agent} hat kein ${h.name}-Konto (E-Mail ${email ?? 'unbekannt'}); die Konversation kann nicht zugewiesen werden.`,
    signature: (agent) => `— ${agent} (via Teams)`,
    threadHelp:
        'In diesem Thread: einfacher Text → öffentliche Antwort an den Kunden · `#note …` → interne Notiz · `#claim` → sich zuweisen · `#close` → schließen · `#reopen` → wiedereröffnen · `#help` → diese Hilfe.',
    unknownThreadCommand: (command) => `Unbekannter Befehl \`#${command}\`. Senden Sie \`#help\` für die Befehle dieses Threads.`,
    needsText: (command) => `Schreiben Sie den Text nach \`#${command}\`.`,
    notConnected: `${h.name} ist nicht verbunden (${h.tokenVar} fehlt): nichts wurde an den Kunden gesendet.`,
    notInThisThread: (command) => `\`#${command}\` funktioniert in WhatsApp-Threads, nicht in ${h.name}-Konversationen.`,
    syncStarted: `Die offenen ${h.name}-Konversationen werden nachgeladen: Jede bekommt ihren Thread (oder eine aktualisierte Karte) im Kanal, den das Routing wählt. Fehler zeigt \`@Deskbridge status\`.`,
    adminOnly: 'Leider dürfen das nur Deskbridge-Admins.',
    routeUsage: `Verwendung: \`@Deskbridge route tag:<Tag> here\`, \`route ${h.teamWord}:<${h.name}-${h.teamWord === 'team' ? 'Team' : 'Gruppe'}> here\`, \`route tier:<Tarif> here\`, \`route keyword:<Wort>,<Wort> here [priority <n>]\`, \`route list\`, \`route remove <id>\`. Kleinere Prioritäten werden zuerst geprüft (Standard 100).`,
    routeAdded: (id, rule, channel) => `Regel #${id}: Neue ${h.name}-Konversationen mit ${rule} starten ihren Thread in **${channel}**.`,
    routeRemoved: (id) => `Regel #${id} entfernt.`,
    routeNotFound: (id) => `Es gibt keine Regel #${id}.`,
    routeNone: `Keine Routing-Regeln: Neue ${h.name}-Konversationen gehen in den mit \`setup ${h.stream}\` verknüpften Kanal.`,
    routeListTitle: 'Routing-Regeln (die erste passende gilt):'
});

const catalog: Record<Locale, (h: HelpdeskWords) => ConversationTexts> = { en, 'pt-BR': ptBR, de };

/** The conversation texts for a Teams locale tag (falling back to `fallback`), naming the conversation's helpdesk. */
export function conversationTexts(tag: string | undefined, fallback: Locale, helpdesk: HelpdeskSource = 'intercom'): ConversationTexts {
    return catalog[resolveLocale(tag, fallback)](HELPDESK_WORDS[helpdesk]);
}
