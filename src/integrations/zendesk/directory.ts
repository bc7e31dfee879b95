import type { Logger } from '../../lib/logger';
import type { ZendeskClient } from './client';
import type { ZendeskUser } from './schemas';

const TTL_MS = 10 * 60 * 1000;
const MISS_REFRESH_MS = 60_000;
/** Users kept in memory at most (a busy account has many customers; each costs a few hundred bytes). */
const MAX_USERS = 5000;

/**
 * Zendesk users and groups, cached for ten minutes: users by id (`users/show_many`), agents by
 * email (`users/search`), groups (`groups`); an unknown group refreshes at most once a minute.
 */
export class ZendeskDirectory {
    private users = new Map<string, { at: number; user: ZendeskUser }>();
    private agents = new Map<string, { at: number; user: ZendeskUser | undefined }>();
    private groups?: { at: number; names: Map<string, string> };

    constructor(
        private readonly client: ZendeskClient,
        private readonly logger: Logger
    ) {}

    /** The users with these ids Zendesk has (customers, agents, comment authors). */
    async usersById(ids: ReadonlyArray<string | null>): Promise<Map<string, ZendeskUser>> {
        const now = Date.now();
        const wanted = [...new Set(ids.filter((id): id is string => !!id))];
        const missing = wanted.filter((id) => { const c = this.users.get(id); return !c || now - c.at > TTL_MS; });
        if (missing.length > 0) {
            if (this.users.size + missing.length > MAX_USERS) this.users.clear();
            for (const user of await this.client.usersById(missing)) this.users.set(user.id, { at: now, user });
        }
        return new Map(wanted.flatMap((id) => { const c = this.users.get(id); return c ? [[id, c.user] as const] : []; }));
    }

    /** An agent or admin by email (case-insensitive). Throws when Zendesk cannot be asked. */
    async agentByEmail(email: string): Promise<ZendeskUser | undefined> {
        const key = email.trim().toLowerCase();
        const c = this.agents.get(key);
        const now = Date.now();
        if (c && now - c.at <= (c.user ? TTL_MS : MISS_REFRESH_MS)) return c.user;
        const user = await this.client.agentByEmail(key);
        if (this.agents.size >= MAX_USERS) this.agents.clear();
        this.agents.set(key, { at: now, user });
        return user;
    }

    async userById(id: string): Promise<ZendeskUser | undefined> {
        return (await this.usersById([id])).get(id);
    }

    /** Names of a ticket's assignee and group; null (ids shown) when Zendesk cannot be asked. */
    async assigneeNames(assigneeId: string | null, groupId: string | null): Promise<{ admin: string | null; team: string | null }> {
        try {
            const admin = assigneeId ? ((await this.userById(assigneeId))?.name ?? null) : null;
            return { admin, team: groupId ? await this.groupName(groupId) : null };
        } catch (err) {
            this.logger.warn({ err: (err as Error).message }, 'zendesk: could not read assignee and group names; the card shows ids');
            return { admin: null, team: null };
        }
    }

    private async groupName(id: string): Promise<string | null> {
        const now = Date.now();
        const g = this.groups;
        if (!g || now - g.at > TTL_MS || (!g.names.has(id) && now - g.at > MISS_REFRESH_MS)) {
            const list = await this.client.listGroups();
            this.groups = { at: now, names: new Map(list.filter((x) => x.name).map((x) => [x.id, x.name!])) };
        }
        return this.groups!.names.get(id) ?? null;
    }
}
