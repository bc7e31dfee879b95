import type { Logger } from '../../lib/logger';
import type { IntercomAdmin, IntercomClient } from './client';

const TTL_MS = 10 * 60 * 1000;
const MISS_REFRESH_MS = 60_000;

interface Snapshot {
    at: number;
    admins: Map<string, IntercomAdmin>;
    byEmail: Map<string, IntercomAdmin>;
    teams: Map<string, string>;
}

/**
 * Intercom teammates and teams, fetched with `GET /admins` and `GET /teams` and cached for ten
 * minutes; an unknown id or email refreshes the cache at most once a minute (a new teammate).
 */
export class IntercomDirectory {
    private cache?: Snapshot;

    constructor(
        private readonly client: IntercomClient,
        private readonly logger: Logger
    ) {}

    /**
     * Names for a conversation's assignees. When Intercom cannot be asked, the card shows ids:
     * a missing name must not hold back the conversation itself.
     */
    async assigneeNames(adminId: string | null, teamId: string | null): Promise<{ admin: string | null; team: string | null }> {
        if (!adminId && !teamId) return { admin: null, team: null };
        try {
            const known = (s: Snapshot) => (!adminId || s.admins.has(adminId)) && (!teamId || s.teams.has(teamId));
            const s = await this.load(known);
            return { admin: adminId ? (s.admins.get(adminId)?.name ?? null) : null, team: teamId ? (s.teams.get(teamId) ?? null) : null };
        } catch (err) {
            this.logger.warn({ err: (err as Error).message }, 'intercom: could not read admin and team names; the card shows ids');
            return { admin: null, team: null };
        }
    }

    /** The teammate with this email (case-insensitive), if any. Throws when Intercom cannot be asked. */
    async adminByEmail(email: string): Promise<IntercomAdmin | undefined> {
        const key = email.trim().toLowerCase();
        const s = await this.load((snap) => snap.byEmail.has(key));
        return s.byEmail.get(key);
    }

    /** A teammate by id, if any. Throws when Intercom cannot be asked. */
    async adminById(id: string): Promise<IntercomAdmin | undefined> {
        const s = await this.load((snap) => snap.admins.has(id));
        return s.admins.get(id);
    }

    private async load(has: (s: Snapshot) => boolean): Promise<Snapshot> {
        const now = Date.now();
        const c = this.cache;
        if (c && now - c.at <= TTL_MS && (has(c) || now - c.at <= MISS_REFRESH_MS)) return c;
        const [admins, teams] = await Promise.all([this.client.listAdmins(), this.client.listTeams()]);
        this.cache = {
            at: now,
            admins: new Map(admins.map((a) => [a.id, a])),
            byEmail: new Map(admins.filter((a) => a.email).map((a) => [a.email!.toLowerCase(), a])),
            teams: new Map(teams.filter((t) => t.name).map((t) => [t.id, t.name!]))
        };
        return this.cache;
    }
}
