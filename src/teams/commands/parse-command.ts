/**
 * Turns what a user typed into a command word and its arguments. Teams sends channel messages as
 * light HTML: mentions that survived, `&nbsp;`, `<p>` wrappers. Commands match the whole first
 * word, case-insensitively, never a substring.
 */
export interface ParsedText {
    /** Lower-cased first word without a leading `#` or `/`, or '' for empty text. */
    command: string;
    /** True when the first word started with `#` (thread commands). */
    hashed: boolean;
    /** The words after the command, original case. */
    args: string[];
    /** The text after the command word, original spacing trimmed. */
    rest: string;
    /** The whole cleaned text. */
    text: string;
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/** Strips residual markup from a Teams message text. */
export function cleanTeamsText(raw: string | undefined): string {
    if (!raw) return '';
    return raw
        .replace(/<at>[^<]*<\/at>/gi, ' ')
        .replace(/<br\s*\/?>/gi, '\n')
        .replace(/<\/p>\s*<p>/gi, '\n')
        .replace(/<[^>]+>/g, '')
        .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/g, (_m, name: string) => ENTITIES[name] ?? '')
        .replace(/[ \t\u00a0]+/g, ' ')
        .trim();
}

/** Parses a cleaned or raw message text into command and arguments. */
export function parseCommand(raw: string | undefined): ParsedText {
    const text = cleanTeamsText(raw);
    const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
    if (!match) return { command: '', hashed: false, args: [], rest: '', text };
    const first = match[1]!;
    const hashed = first.startsWith('#');
    const command = first.replace(/^[#/]/, '').toLowerCase();
    const rest = match[2]!.trim();
    return { command, hashed, args: rest.length > 0 ? rest.split(/\s+/) : [], rest, text };
}
