import type { z } from 'zod/v4';
import type { LeadInput } from '../../domain/lead';
import { toE164 } from '../../domain/phone';
import { isEmail, parseMoney } from '../../domain/normalize-lead';
import { contactSchema, legacyLeadSchema, type rdStationWebhookSchema } from './schemas';

/** What one RD delivery carries: its leads, each mapped, or why one could not be used. */
export interface RdStationItem {
    index: number;
    lead?: LeadInput;
    problem?: string;
}

/** The items of an RD Station delivery of either format, each parsed on its own. */
export function rdStationItems(body: z.output<typeof rdStationWebhookSchema>): RdStationItem[] {
    if ('leads' in body) {
        return body.leads.map((raw, index) => {
            const parsed = legacyLeadSchema.safeParse(raw);
            if (!parsed.success) return { index, problem: parsed.error.issues.map((i) => `leads.${index}.${i.path.join('.')} ${i.message}`).join('; ') };
            const custom = Object.fromEntries(Object.entries(parsed.data.custom_fields ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
            return { index, lead: toLead(parsed.data, custom, parsed.data.uuid ?? parsed.data.id ?? null) };
        });
    }
    const parsed = contactSchema.safeParse(body.contact);
    if (!parsed.success) return [{ index: 0, problem: parsed.error.issues.map((i) => `contact.${i.path.join('.')} ${i.message}`).join('; ') }];
    // Custom fields are the contact's `cf_*` keys; their values may be lists (multiple choice).
    const custom = Object.fromEntries(Object.entries(parsed.data).filter(([k]) => k.startsWith('cf_')).map(([k, v]) => [k.slice(3).toLowerCase(), v]));
    return [{ index: 0, lead: toLead(parsed.data, custom, parsed.data.uuid ?? null) }];
}

function toLead(rd: z.output<typeof contactSchema>, custom: Record<string, unknown>, id: string | null): LeadInput {
    const customText = (...keys: string[]) => {
        const key = Object.keys(custom).find((k) => keys.some((n) => k.includes(n)));
        const v = key ? custom[key] : undefined;
        const value = Array.isArray(v) ? v.filter((x) => typeof x === 'string' || typeof x === 'number').join(', ') : typeof v === 'string' || typeof v === 'number' ? String(v) : '';
        return value === '' ? null : value.slice(0, 2000);
    };
    const income = customText('renda', 'income');
    const email = rd.email?.trim().toLowerCase() ?? null;
    return {
        externalId: id,
        name: rd.name?.trim() || email || 'Lead (RD Station)',
        email: email && isEmail(email) ? email : null,
        phone: toE164(rd.mobile_phone ?? rd.personal_phone ?? null),
        interest: customText('interesse', 'interest'),
        income: income ? parseMoney(income) : null,
        city: rd.city ?? null,
        source: 'RD_STATION',
        score: null,
        status: null,
        createdAt: null,
        kommoLeadId: null
    };
}
