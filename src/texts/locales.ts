/** The languages Deskbridge speaks; every text catalogue in this folder has each of them. */
export const SUPPORTED_LOCALES = ['en', 'pt-BR', 'de'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** How a pause or resume of the AI came about, as the texts name it (see domain/whatsapp-contact). */
export const PAUSE_SOURCES = ['teams', 'whatsapp', 'api', 'handoff', 'auto'] as const;
export type PauseSource = (typeof PAUSE_SOURCES)[number];

/** The agent actions the conversation texts label (see domain/agent-action). */
export type AgentActionType = 'reply' | 'note' | 'assign_to_me' | 'close' | 'reopen' | 'snooze';
