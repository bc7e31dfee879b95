/** Lead temperatures, as the sales team names them. */
export const TEMPERATURES = ['QUENTE', 'MORNO', 'FRIO'] as const;
export type Temperature = (typeof TEMPERATURES)[number];

/** One reason for points in a lead's score. */
export interface ScoreReason {
    rule: string;
    points: number;
    /** The reason in English, as stored (older leads have only this). */
    reason: string;
    /** What the reason is about — the words found, the source's key, the city — so it can be said in the reader's language. */
    detail?: string;
}

/** A lead as received, in Deskbridge's words (whatever the source called the fields). */
export interface LeadInput {
    /** The source's own id (dedupe), e.g. `123`, a Meta leadgen id, a Kommo lead id. */
    externalId: string | null;
    name: string;
    email: string | null;
    /** E.164. */
    phone: string | null;
    interest: string | null;
    income: number | null;
    city: string | null;
    /** Where the lead came from: META_ADS, GOOGLE_ADS, SITE, RD_STATION, KOMMO, … */
    source: string;
    /** A score and status the sender computed itself (kept unless the rules re-score). */
    score: number | null;
    status: Temperature | null;
    createdAt: number | null;
    kommoLeadId: string | null;
}

/** A stored, scored lead. */
export interface Lead extends LeadInput {
    id: number;
    score: number;
    status: Temperature;
    breakdown: ScoreReason[];
    receivedAt: number;
    claimedBy: { id: string; name: string; email: string | null } | null;
    claimedAt: number | null;
    contactedAt: number | null;
    contactedBy: string | null;
}

/** The thread key of a lead's card. */
export const leadThreadKey = (leadId: number): string => `lead:${leadId}`;
