import type { Kysely } from 'kysely';
import type { Lead, LeadInput, ScoreReason, Temperature } from '../domain/lead';
import type { Database, LeadsTable } from './schema';

/** Scored leads; claims are atomic (first wins). */
export class LeadsRepo {
    constructor(private readonly db: Kysely<Database>) {}

    /**
     * Stores a scored lead under `externalKey` (`<source>:<id>`); a lead stored before keeps its
     * row (and its claim) and is returned with `created: false`.
     */
    async insert(externalKey: string, lead: LeadInput & { score: number; status: Temperature; breakdown: ScoreReason[] }, now = Date.now()): Promise<{ lead: Lead; created: boolean }> {
        const inserted = await this.db
            .insertInto('leads')
            .values({
                external_key: externalKey,
                source: lead.source,
                name: lead.name,
                email: lead.email,
                phone: lead.phone,
                interest: lead.interest,
                income: lead.income,
                city: lead.city,
                score: lead.score,
                status: lead.status,
                breakdown: JSON.stringify(lead.breakdown),
                kommo_lead_id: lead.kommoLeadId,
                lead_created_at: lead.createdAt,
                received_at: now
            })
            .onConflict((oc) => oc.column('external_key').doNothing())
            .executeTakeFirst();
        const created = Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
        const row = await this.db.selectFrom('leads').selectAll().where('external_key', '=', externalKey).executeTakeFirstOrThrow();
        return { lead: toLead(row as LeadsTable & { id: number }, lead.externalId), created };
    }

    async get(id: number): Promise<Lead | undefined> {
        const row = await this.db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst();
        return row ? toLead(row as LeadsTable & { id: number }) : undefined;
    }

    /** First click wins: true when this claim took the lead, false when someone had it. */
    async claim(id: number, by: { id: string; name: string; email: string | null }, now = Date.now()): Promise<boolean> {
        const result = await this.db
            .updateTable('leads')
            .set({ claimed_by_id: by.id, claimed_by_name: by.name, claimed_by_email: by.email, claimed_at: now })
            .where('id', '=', id)
            .where('claimed_by_id', 'is', null)
            .executeTakeFirst();
        return Number(result.numUpdatedRows) === 1;
    }

    /** Marks a lead contacted (once; the first time is kept). */
    async markContacted(id: number, by: string, now = Date.now()): Promise<boolean> {
        const result = await this.db.updateTable('leads').set({ contacted_at: now, contacted_by: by }).where('id', '=', id).where('contacted_at', 'is', null).executeTakeFirst();
        return Number(result.numUpdatedRows) === 1;
    }

    /** Leads received since a time, for the day's figures. */
    async receivedSince(since: number): Promise<Lead[]> {
        const rows = await this.db.selectFrom('leads').selectAll().where('received_at', '>=', since).orderBy('received_at').execute();
        return rows.map((r) => toLead(r as LeadsTable & { id: number }));
    }
}

function toLead(r: LeadsTable & { id: number }, externalId: string | null = null): Lead {
    const n = (v: number | string | null) => (v === null ? null : Number(v));
    return {
        id: Number(r.id),
        externalId: externalId ?? r.external_key.slice(r.external_key.indexOf(':') + 1),
        name: r.name,
        email: r.email,
        phone: r.phone,
        interest: r.interest,
        income: n(r.income),
        city: r.city,
        source: r.source,
        score: Number(r.score),
        status: r.status as Temperature,
        breakdown: JSON.parse(r.breakdown) as ScoreReason[],
        createdAt: n(r.lead_created_at),
        kommoLeadId: r.kommo_lead_id,
        receivedAt: Number(r.received_at),
        claimedBy: r.claimed_by_id ? { id: r.claimed_by_id, name: r.claimed_by_name ?? r.claimed_by_id, email: r.claimed_by_email } : null,
        claimedAt: n(r.claimed_at),
        contactedAt: n(r.contacted_at),
        contactedBy: r.contacted_by
    };
}
