import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface TeamsPerson {
    userId: string;
    aadObjectId: string | null;
    name: string | null;
    email: string | null;
}

/** Teams users Deskbridge has seen act, by email: to @mention a CRM user's Teams account. */
export class TeamsPeopleRepo {
    constructor(private readonly db: Kysely<Database>) {}

    async remember(person: TeamsPerson, now = Date.now()): Promise<void> {
        const row = { aad_object_id: person.aadObjectId, name: person.name, email: person.email?.toLowerCase() ?? null, updated_at: now };
        await this.db
            .insertInto('teams_people')
            .values({ user_id: person.userId, ...row })
            .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
            .execute();
    }

    async byEmail(email: string): Promise<TeamsPerson | undefined> {
        const r = await this.db.selectFrom('teams_people').selectAll().where('email', '=', email.toLowerCase()).orderBy('updated_at', 'desc').executeTakeFirst();
        return r ? { userId: r.user_id, aadObjectId: r.aad_object_id, name: r.name, email: r.email } : undefined;
    }
}
