import type { Logger } from '../../lib/logger';
import type { IntercomClient } from './client';

const TTL_MS = 10 * 60 * 1000;

/** Admin and team names by id, fetched from Intercom and cached for ten minutes. */
export class IntercomDirectory {
    private cache?: { at: number; admins: Map<string, string>; teams: Map<string, string> };

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
            const now = Date.now();
            const missing = !!this.cache && ((!!adminId && !this.cache.admins.has(adminId)) || (!!teamId && !this.cache.teams.has(teamId)));
            // A new teammate is fetched at most once a minute; everything every ten minutes.
            if (!this.cache || now - this.cache.at > TTL_MS || (missing && now - this.cache.at > 60_000)) {
                const [admins, teams] = await Promise.all([this.client.listAdmins(), this.client.listTeams()]);
                this.cache = {
                    at: now,
                    admins: new Map(admins.filter((a) => a.name).map((a) => [a.id, a.name!])),
                    teams: new Map(teams.filter((t) => t.name).map((t) => [t.id, t.name!]))
                };
            }
            return { admin: adminId ? (this.cache.admins.get(adminId) ?? null) : null, team: teamId ? (this.cache.teams.get(teamId) ?? null) : null };
        } catch (err) {
            this.logger.warn({ err: (err as Error).message }, 'intercom: could not read admin and team names; the card shows ids');
            return { admin: null, team: null };
        }
    }
}
