import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../config';
import { syncJob } from '../../integrations/intercom/sync-job';
import type { Logger } from '../../lib/logger';
import type { NewJob } from '../../outbox/job-store';
import { RULE_KINDS, type RoutingRulesRepo, type RuleKind } from '../../store/routing-rules-repo';
import type { TeamsRepo } from '../../store/teams-repo';
import { whereOf } from '../activity-context';
import { isAdmin, type AdminPolicy } from '../admin-check';
import type { ParsedText } from '../commands/parse-command';
import { conversationTexts } from '../../texts/conversation-texts';
import { inlineText } from '../../lib/markdown';

export interface IntercomAdminCommandDeps {
    routingRules: RoutingRulesRepo;
    teams: TeamsRepo;
    adminPolicy: AdminPolicy;
    logger: Logger;
    defaultLocale: Locale;
    enqueue: (jobs: readonly NewJob[]) => Promise<unknown>;
    intercomConnected: boolean;
}

const DEFAULT_PRIORITY = 100;
const RULE_PATTERN = /^(tag|team|keywords?):\s*(.+?)\s+here(?:\s+priority\s+(\d{1,4}))?$/i;

/** `@Deskbridge sync` (admins): backfills the open Intercom conversations through the outbox. */
export async function syncCommand(context: TurnContext, deps: IntercomAdminCommandDeps): Promise<void> {
    const t = conversationTexts(context.activity.locale, deps.defaultLocale);
    if (!deps.intercomConnected) {
        await context.sendActivity(t.intercomNotConnected);
        return;
    }
    if (!(await isAdmin(context, deps.adminPolicy))) {
        await context.sendActivity(t.adminOnly);
        return;
    }
    await deps.enqueue([syncJob(context.activity.id ?? String(Date.now()))]);
    deps.logger.info({ by: context.activity.from?.id }, 'intercom sync requested from Teams');
    await context.sendActivity(t.syncStarted);
}

/**
 * `@Deskbridge route …`: routing rules for new Intercom conversations. `route tag:<tag> here`,
 * `route team:<name> here`, `route keyword:<w1>,<w2> here [priority n]` send matching
 * conversations to the current channel; `route list`; `route remove <id>` (changes: admins).
 */
export async function routeCommand(context: TurnContext, parsed: ParsedText, deps: IntercomAdminCommandDeps): Promise<void> {
    const t = conversationTexts(context.activity.locale, deps.defaultLocale);
    const sub = (parsed.args[0] ?? '').toLowerCase();
    if (sub === 'list') {
        const rules = await deps.routingRules.list('intercom');
        const lines = rules.map((r) => `- #${r.id} · ${r.kind}:${inlineText(r.value, 100)} → ${inlineText(r.channelName ?? r.channelId, 100)} (priority ${r.priority})`);
        await context.sendActivity(rules.length === 0 ? t.routeNone : [t.routeListTitle, ...lines].join('\n'));
        return;
    }
    const match = RULE_PATTERN.exec(parsed.rest);
    if (sub !== 'remove' && !match) {
        await context.sendActivity(t.routeUsage);
        return;
    }
    if (!(await isAdmin(context, deps.adminPolicy))) {
        await context.sendActivity(t.adminOnly);
        return;
    }
    if (sub === 'remove') {
        const id = parsed.args[1] ?? '';
        const removed = /^\d+$/.test(id) && (await deps.routingRules.remove(Number(id)));
        await context.sendActivity(removed ? t.routeRemoved(Number(id)) : t.routeNotFound(id));
        return;
    }
    const where = whereOf(context.activity);
    if (!where.teamId || !where.channelId) {
        await context.sendActivity(t.routeUsage);
        return;
    }
    const kind = (match![1]!.toLowerCase().startsWith('keyword') ? 'keyword' : match![1]!.toLowerCase()) as RuleKind;
    if (!RULE_KINDS.includes(kind)) throw new Error(`unexpected rule kind ${kind}`);
    const value = match![2]!.replace(/^"(.*)"$/, '$1').trim();
    const channelName = where.channelName ?? (await deps.teams.getChannel(where.channelId))?.name ?? where.channelId;
    const id = await deps.routingRules.add({
        stream: 'intercom',
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
