import { createHash } from 'node:crypto';
import type { LeadInput } from '../../domain/lead';

/**
 * The dedupe key of a lead: `<intake>:<its id>`, or, for a lead sent without an id, a digest of
 * its contact details (the same person sent twice is one lead).
 */
export function leadExternalKey(intake: string, lead: Pick<LeadInput, 'externalId' | 'email' | 'phone' | 'name'>): string {
    if (lead.externalId) return `${intake}:${lead.externalId}`;
    const who = [lead.email ?? '', lead.phone ?? '', lead.email || lead.phone ? '' : lead.name.toLowerCase()].join('|');
    return `${intake}:sha256-${createHash('sha256').update(who).digest('hex').slice(0, 32)}`;
}
