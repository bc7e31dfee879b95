import type { Texts } from '../../texts/i18n';
import { adaptiveCard, facts, heading, paragraph, subheading, type AdaptiveCard } from './adaptive-card';

/** The `help` answer: what Deskbridge does and every command, in the user's language. */
export function helpCard(t: Texts): AdaptiveCard {
    return adaptiveCard([
        heading(t.helpTitle),
        paragraph(t.helpIntro),
        subheading(t.helpChannelCommands),
        facts([
            ['help', t.cmdHelp],
            ['setup intercom | whatsapp | leads', t.cmdSetup],
            ['status', t.cmdStatus],
            ['replay <id> | all', t.cmdReplay],
            ['sync', t.cmdSync],
            ['route tag:… | team:… | keyword:… here', t.cmdRoute]
        ]),
        subheading(t.helpThreadCommands),
        facts([
            ['…', t.cmdReply],
            ['#nota / #note', t.cmdNote],
            ['#pausar / #voltar', t.cmdPause],
            ['#assumir / #claim', t.cmdClaim],
            ['#fechar / #close', t.cmdClose],
            ['#status, #help / #ajuda', t.cmdStatus]
        ])
    ]);
}
