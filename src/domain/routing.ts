import type { RoutingRule } from '../store/routing-rules-repo';

/** What routing rules look at in a new conversation. */
export interface RoutableConversation {
    tags: readonly string[];
    teamAssigneeId: string | null;
    teamAssigneeName?: string | null;
    /** The customer's plan or tier, when the helpdesk reports one. */
    tier?: string | null;
    /** Subject and opening message. */
    text: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when a keyword appears as a whole word (or phrase), ignoring case. */
export function containsWord(text: string, word: string): boolean {
    return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(word)}($|[^\\p{L}\\p{N}])`, 'iu').test(text);
}

/** Whether one rule matches a conversation. */
export function ruleMatches(rule: Pick<RoutingRule, 'kind' | 'value'>, c: RoutableConversation): boolean {
    const value = rule.value.trim().toLowerCase();
    switch (rule.kind) {
        case 'tag':
            return c.tags.some((t) => t.toLowerCase() === value);
        case 'tier':
            return (c.tier ?? '').trim().toLowerCase() === value;
        case 'team':
            return c.teamAssigneeId === rule.value.trim() || (c.teamAssigneeName ?? '').toLowerCase() === value;
        case 'keyword':
            return value.split(',').map((w) => w.trim()).filter(Boolean).some((w) => containsWord(c.text, w));
    }
}

/**
 * The channel a new conversation goes to: the first matching rule in priority order (lower
 * first, then oldest), or none — the stream's bound channel.
 */
export function pickRoute(rules: readonly RoutingRule[], c: RoutableConversation): RoutingRule | undefined {
    return [...rules].sort((a, b) => a.priority - b.priority || a.id - b.id).find((r) => ruleMatches(r, c));
}
