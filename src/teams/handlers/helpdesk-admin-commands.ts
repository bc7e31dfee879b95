import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../config';
import { HELPDESK_SOURCES, isHelpdesk, type HelpdeskSource } from '../../domain/helpdesk';
import type { Logger } from '../../lib/logger';
import type { NewJob } from '../../outbox/job-store';
import { RULE_KINDS, type RoutingRulesRepo, type RuleKind } from '../../store/routing-rules-repo';
import type { TeamsRepo } from '../../store/teams-repo';
import { whereOf } from '../activity-context';
import { isAdmin, type AdminPolicy } from '../admin-check';
import type { ParsedText } from '../commands/parse-command';
import { conversationTexts } from '../../texts/conversation-texts';
import { inlineText } from '../../lib/markdown';

export interface HelpdeskAdminCommandDeps {
    routingRules: RoutingRulesRepo;
    teams: TeamsRepo;
    adminPolicy: AdminPolicy;
    logger: Logger;
    defaultLocale: Locale;
    enqueue: (jobs: readonly NewJob[]) => Promise<unknown>;
    /** The helpdesks whose API is configured. */
    connected: readonly HelpdeskSource[];
    /** The first job of each helpdesk's backfill (`@Deskbridge sync`). */
    syncJob: (helpdesk: HelpdeskSource, requestId: string) => NewJob;
}

/**
 * The helpdesk a command names (`sync zendesk`, `route zendesk tag:vip here`), else the only one
 * connected, else Intercom (the first helpdesk, as before Zendesk existed).
 */
function helpdeskOf(word: string | undefined, deps: HelpdeskAdminCommandDeps): { helpdesk: HelpdeskSource; named: boolean } {
    const w = (word ?? '').toLowerCase();
    if (isHelpdesk(w)) return { helpdesk: w, named: true };
    return { helpdesk: deps.connected.length === 1 ? deps.connected[0]! : 'intercom', named: false };
}

const DEFAULT_PRIORITY = 100;
const RULE_PATTERN = /^(tag|team|group|tier|keywords?):\s*(.+?)\s+here(?:\s+priority\s+(\d{1,4}))?$/i;

/**
 * `@Deskbridge sync [intercom|zendesk]` (admins): backfills the open conversations of the named
 * helpdesk — or of every connected one — through the outbox.
 */
export async function syncCommand(context: TurnContext, parsed: ParsedText, deps: HelpdeskAdminCommandDeps): Promise<void> {
    const { helpdesk, named } = helpdeskOf(parsed.args[0], deps);
    const targets = named ? [helpdesk] : HELPDESK_SOURCES.filter((h) => deps.connected.includes(h));
    if (targets.length === 0 || !targets.every((h) => deps.connected.includes(h))) {
        await context.sendActivity(conversationTexts(context.activity.locale, deps.defaultLocale, helpdesk).notConnected);
        return;
    }
    if (!(await isAdmin(context, deps.adminPolicy))) {
        await context.sendActivity(conversationTexts(context.activity.locale, deps.defaultLocale, helpdesk).adminOnly);
        return;
    }
    const requestId = context.activity.id ?? String(Date.now());
    await deps.enqueue(targets.map((h) => deps.syncJob(h, requestId)));
    deps.logger.info({ by: context.activity.from?.id, helpdesks: targets }, 'helpdesk sync requested from Teams');
    for (const h of targets) await context.sendActivity(conversationTexts(context.activity.locale, deps.defaultLocale, h).syncStarted);
}

/**
 * `@Deskbridge route [intercom|zendesk] …`: routing rules for new helpdesk conversations.
 * `route tag:<tag> here`, `route team:<name> here` (`group:` for a Zendesk group), `route
 * tier:<plan> here`, `route keyword:<w1>,<w2> here [priority n]` send matching conversations to
 * the current channel; `route list`; `route remove <id>` (changes: admins).
 */
export async function routeCommand(context: TurnContext, parsed: ParsedText, deps: HelpdeskAdminCommandDeps): Promise<void> {
    const { helpdesk, named } = helpdeskOf(parsed.args[0], deps);
    const args = named ? parsed.args.slice(1) : parsed.args;
    const rest = named ? parsed.rest.replace(/^\S+\s*/, '') : parsed.rest;
    const t = conversationTexts(context.activity.locale, deps.defaultLocale, helpdesk);
    const sub = (args[0] ?? '').toLowerCase();
    if (sub === 'list') {
        // `route list` alone lists every helpdesk's rules; `route zendesk list` one helpdesk's.
        const streams = named ? [helpdesk] : HELPDESK_SOURCES;
        const rules = (await Promise.all(streams.map((h) => deps.routingRules.list(h)))).flat();
        const lines = rules.map((r) => `- #${r.id} · ${streams.length > 1 ? `${r.stream} ` : ''}${r.kind}:${inlineText(r.value, 100)} → ${inlineText(r.channelName ?? r.channelId, 100)} (priority ${r.priority})`);
        await context.sendActivity(rules.length === 0 ? t.routeNone : [t.routeListTitle, ...lines].join('\n'));
        return;
    }
    const match = RULE_PATTERN.exec(rest);
    if (sub !== 'remove' && !match) {
        await context.sendActivity(t.routeUsage);
        return;
    }
    if (!(await isAdmin(context, deps.adminPolicy))) {
        await context.sendActivity(t.adminOnly);
        return;
    }
    if (sub === 'remove') {
        const id = args[1] ?? '';
        const removed = /^\d+$/.test(id) && (await deps.routingRules.remove(Number(id)));
        await context.sendActivity(removed ? t.routeRemoved(Number(id)) : t.routeNotFound(id));
        return;
    }
    const where = whereOf(context.activity);
    if (!where.teamId || !where.channelId) {
        await context.sendActivity(t.routeUsage);
        return;
    }
    const word = match![1]!.toLowerCase();
    // A Zendesk group plays the part of an Intercom team: one rule kind.
    const kind = (word.startsWith('keyword') ? 'keyword' : word === 'group' ? 'team' : word) as RuleKind;
    if (!RULE_KINDS.includes(kind)) throw new Error(`unexpected rule kind ${kind}`);
    const value = match![2]!.replace(/^"(.*)"$/, '$1').trim();
    const channelName = where.channelName ?? (await deps.teams.getChannel(where.channelId))?.name ?? where.channelId;
    const id = await deps.routingRules.add({
        stream: helpdesk,
        kind,
        value,
        priority: match![3] ? Number(match![3]) : DEFAULT_PRIORITY,
        teamId: where.teamId,
        channelId: where.channelId,
        channelName,
        createdBy: context.activity.from?.aadObjectId ?? context.activity.from?.id ?? null
    });
    deps.logger.info({ id, kind, channelId: where.channelId }, 'routing rule added');
    await context.sendActivity(t.routeAdded(id, `${kind} "${value}"`, channelName));
}
