import type { Texts } from '../../texts/i18n';
import { adaptiveCard, heading, paragraph, subheading, type AdaptiveCard, type CardElement } from './adaptive-card';

/** One command and what it does: the command in bold, its meaning under it, a list that scans at 400 px. */
const line = (command: string, meaning: string): CardElement => ({
    type: 'Container',
    spacing: 'Small',
    items: [
        { type: 'TextBlock', text: `**${command}**`, wrap: true },
        { type: 'TextBlock', text: meaning, wrap: true, isSubtle: true, spacing: 'None', size: 'Small' }
    ]
});

/** The `help` answer: what Deskbridge does and every command the README lists, in the reader's language. */
export function helpCard(t: Texts): AdaptiveCard {
    return adaptiveCard([
        heading(t.helpTitle),
        paragraph(t.helpIntro),
        subheading(t.helpChannelCommands),
        line('help', t.cmdHelp),
        line('status', t.cmdStatus),
        line('whoami', t.cmdWhoami),
        line('leads', t.cmdLeads),
        line('setup intercom · zendesk · whatsapp · leads · escalations', t.cmdSetup),
        line('sync [intercom · zendesk]', t.cmdSync),
        line('route [intercom · zendesk] tag: · team: · group: · tier: · keyword: … here', t.cmdRoute),
        line('link @user intercom: · zendesk: · kommo:', t.cmdLink),
        line('replay <id> · all', t.cmdReplay),
        subheading(t.helpThreadCommands),
        line('…', t.cmdReply),
        line('#note · #nota', t.cmdNote),
        line('#claim · #assumir', t.cmdClaim),
        line('#close · #fechar', t.cmdClose),
        line('#reopen · #reabrir', t.cmdReopen),
        line('#pausar · #voltar', t.cmdPause),
        line('#status', t.cmdThreadStatus),
        line('#help · #ajuda', t.cmdThreadHelp)
    ]);
}
