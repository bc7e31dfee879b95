/** The languages Deskbridge speaks; every text catalogue in this folder has each of them. */
export const SUPPORTED_LOCALES = ['en', 'pt-BR', 'de'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** How a pause or resume of the AI came about, as the texts name it (see domain/whatsapp-contact). */
export const PAUSE_SOURCES = ['teams', 'whatsapp', 'api', 'handoff', 'auto'] as const;
export type PauseSource = (typeof PAUSE_SOURCES)[number];

/** The agent actions the conversation texts label (see domain/agent-action). */
export type AgentActionType = 'reply' | 'note' | 'assign_to_me' | 'close' | 'reopen' | 'snooze';

/** The helpdesks whose conversations become threads (see flows/support). */
export const HELPDESK_SOURCES = ['intercom', 'zendesk'] as const;
export type HelpdeskSource = (typeof HELPDESK_SOURCES)[number];

/** How the texts name a helpdesk and what an admin sets to connect it. */
export interface HelpdeskWords {
    /** The product's name, as agents know it. */
    name: string;
    /** The `setup` word that binds its channel. */
    stream: HelpdeskSource;
    /** The variable that connects its API. */
    tokenVar: string;
    /** The variable of the shared author used for agents it does not know. */
    defaultAgentVar: string;
    /** What the helpdesk calls the group a conversation is assigned to (Intercom team, Zendesk group). */
    teamWord: 'team' | 'group';
}

export const HELPDESK_WORDS: Record<HelpdeskSource, HelpdeskWords> = {
    intercom: { name: 'Intercom', stream: 'intercom', tokenVar: 'INTERCOM_ACCESS_TOKEN', defaultAgentVar: 'INTERCOM_DEFAULT_ADMIN_ID', teamWord: 'team' },
    zendesk: { name: 'Zendesk', stream: 'zendesk', tokenVar: 'ZENDESK_API_TOKEN', defaultAgentVar: 'ZENDESK_DEFAULT_AUTHOR_ID', teamWord: 'group' }
};
