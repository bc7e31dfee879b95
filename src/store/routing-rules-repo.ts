import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** What a rule matches: a conversation tag, the Intercom team it is assigned to, or words in it. */
/** `team` is the conversation's Intercom team or Zendesk group; `tier` the customer's plan. */
export const RULE_KINDS = ['tag', 'team', 'keyword', 'tier'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface RoutingRule {
    id: number;
    stream: string;
    kind: RuleKind;
    /** Tag or team name (case-insensitive), or comma-separated keywords. */
    value: string;
    /** Lower runs first; ties in creation order. */
    priority: number;
    teamId: string;
    channelId: string;
    channelName: string | null;
    createdBy: string | null;
}

/** Routing rules admins edit from Teams (`@Deskbridge route …`). */
export class RoutingRulesRepo {
    constructor(private readonly db: Kysely<Database>) {}

    async add(rule: Omit<RoutingRule, 'id'>, now = Date.now()): Promise<number> {
        const row = await this.db
            .insertInto('routing_rules')
            .values({
                stream: rule.stream,
                kind: rule.kind,
                value: rule.value,
                priority: rule.priority,
                team_id: rule.teamId,
                channel_id: rule.channelId,
                channel_name: rule.channelName,
                created_by: rule.createdBy,
                created_at: now
            })
            .returning('id')
            .executeTakeFirstOrThrow();
        return Number(row.id);
    }

    /** The rules of a stream in the order they are tried. */
    async list(stream: string): Promise<RoutingRule[]> {
        const rows = await this.db.selectFrom('routing_rules').selectAll().where('stream', '=', stream).orderBy('priority').orderBy('id').execute();
        return rows.map((r) => ({
            id: Number(r.id),
            stream: r.stream,
            kind: r.kind as RuleKind,
            value: r.value,
            priority: r.priority,
            teamId: r.team_id,
            channelId: r.channel_id,
            channelName: r.channel_name,
            createdBy: r.created_by
        }));
    }

    /** Removes a rule; false when there was none with that id. */
    async remove(id: number): Promise<boolean> {
        const result = await this.db.deleteFrom('routing_rules').where('id', '=', id).executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
    }
}
