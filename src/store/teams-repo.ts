import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface TeamRecord {
    teamId: string;
    tenantId: string | null;
    name: string | null;
    aadGroupId: string | null;
    serviceUrl: string;
    /** The Bot Framework conversation reference of the team's General channel, as JSON. */
    reference: unknown;
    installed: boolean;
    installedAt: number;
}

export interface ChannelRecord {
    channelId: string;
    teamId: string;
    name: string | null;
}

/** Installations of the app in teams, and the channels Deskbridge knows in each. */
/**
 * How long a team read stays in memory. Every Teams send checks its team (installed?); a change
 * made here clears it at once, one made by another instance (PostgreSQL) shows within this time —
 * and a send to a team that removed the app meanwhile gets Teams' own 403, handled the same way.
 */
const TEAM_CACHE_MS = 5_000;

export class TeamsRepo {
    private readonly cache = new Map<string, { at: number; team: TeamRecord | undefined }>();

    constructor(private readonly db: Kysely<Database>) {}

    /** Records (or refreshes) an installation; re-installing an uninstalled team marks it installed again. */
    async saveInstallation(team: Omit<TeamRecord, 'installed' | 'installedAt'>, now = Date.now()): Promise<void> {
        const row = {
            team_id: team.teamId,
            tenant_id: team.tenantId,
            name: team.name,
            aad_group_id: team.aadGroupId,
            service_url: team.serviceUrl,
            reference: JSON.stringify(team.reference),
            installed: 1,
            installed_at: now,
            updated_at: now
        };
        await this.db
            .insertInto('teams')
            .values(row)
            .onConflict((oc) =>
                oc.column('team_id').doUpdateSet({
                    tenant_id: row.tenant_id,
                    name: row.name ?? undefined,
                    aad_group_id: row.aad_group_id ?? undefined,
                    service_url: row.service_url,
                    reference: row.reference,
                    installed: 1,
                    updated_at: now
                })
            )
            .execute();
        this.cache.delete(team.teamId);
    }

    /** Marks the app removed from a team; bindings to its channels stop receiving posts. */
    async markUninstalled(teamId: string, now = Date.now()): Promise<void> {
        await this.db.updateTable('teams').set({ installed: 0, updated_at: now }).where('team_id', '=', teamId).execute();
        this.cache.delete(teamId);
    }

    async renameTeam(teamId: string, name: string, now = Date.now()): Promise<void> {
        await this.db.updateTable('teams').set({ name, updated_at: now }).where('team_id', '=', teamId).execute();
        this.cache.delete(teamId);
    }

    async getTeam(teamId: string): Promise<TeamRecord | undefined> {
        const cached = this.cache.get(teamId);
        if (cached && Date.now() - cached.at < TEAM_CACHE_MS) return cached.team;
        const team = await this.readTeam(teamId);
        // A handful of teams per deployment; the bound only matters if ids came from elsewhere.
        if (this.cache.size >= 1000) this.cache.clear();
        this.cache.set(teamId, { at: Date.now(), team });
        return team;
    }

    private async readTeam(teamId: string): Promise<TeamRecord | undefined> {
        const row = await this.db.selectFrom('teams').selectAll().where('team_id', '=', teamId).executeTakeFirst();
        if (!row) return undefined;
        return {
            teamId: row.team_id,
            tenantId: row.tenant_id,
            name: row.name,
            aadGroupId: row.aad_group_id,
            serviceUrl: row.service_url,
            reference: JSON.parse(row.reference) as unknown,
            installed: Number(row.installed) === 1,
            installedAt: Number(row.installed_at)
        };
    }

    async listInstalledTeams(): Promise<TeamRecord[]> {
        const rows = await this.db.selectFrom('teams').select('team_id').where('installed', '=', 1).orderBy('team_id').execute();
        const teams = await Promise.all(rows.map((r) => this.getTeam(r.team_id)));
        return teams.filter((t): t is TeamRecord => t !== undefined);
    }

    /** Replaces the known channel list of a team with the roster Teams returned. */
    async replaceChannels(teamId: string, channels: ReadonlyArray<{ channelId: string; name: string | null }>, now = Date.now()): Promise<void> {
        await this.db.transaction().execute(async (trx) => {
            await trx.deleteFrom('team_channels').where('team_id', '=', teamId).execute();
            if (channels.length > 0) {
                await trx
                    .insertInto('team_channels')
                    .values(channels.map((c) => ({ channel_id: c.channelId, team_id: teamId, name: c.name, updated_at: now })))
                    .onConflict((oc) => oc.column('channel_id').doUpdateSet({ team_id: teamId, updated_at: now }))
                    .execute();
            }
        });
    }

    /** Adds or renames one channel. */
    async saveChannel(channel: ChannelRecord, now = Date.now()): Promise<void> {
        await this.db
            .insertInto('team_channels')
            .values({ channel_id: channel.channelId, team_id: channel.teamId, name: channel.name, updated_at: now })
            .onConflict((oc) => oc.column('channel_id').doUpdateSet({ name: channel.name, team_id: channel.teamId, updated_at: now }))
            .execute();
    }

    async deleteChannel(channelId: string): Promise<void> {
        await this.db.deleteFrom('team_channels').where('channel_id', '=', channelId).execute();
    }

    async listChannels(teamId: string): Promise<ChannelRecord[]> {
        const rows = await this.db.selectFrom('team_channels').selectAll().where('team_id', '=', teamId).orderBy('name').execute();
        return rows.map((r) => ({ channelId: r.channel_id, teamId: r.team_id, name: r.name }));
    }

    async getChannel(channelId: string): Promise<ChannelRecord | undefined> {
        const r = await this.db.selectFrom('team_channels').selectAll().where('channel_id', '=', channelId).executeTakeFirst();
        return r ? { channelId: r.channel_id, teamId: r.team_id, name: r.name } : undefined;
    }
}
