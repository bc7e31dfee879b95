import type { LeadInput } from '../../domain/lead';
import { isEmail, parseMoney } from '../../domain/normalize-lead';
import { toE164 } from '../../domain/phone';
import type { Leadgen } from './schemas';

/** Maps a Lead Ads form's `field_data` (standard and custom questions) to a lead. */
export function leadFromMeta(leadgen: Leadgen): LeadInput {
    const fields = new Map(leadgen.field_data.map((f) => [f.name.toLowerCase(), f.values[0] ?? '']));
    const find = (...names: string[]) => names.map((n) => fields.get(n)).find((v) => v) ?? [...fields].find(([k]) => names.some((n) => k.includes(n)))?.[1] ?? null;
    const name = find('full_name') ?? [fields.get('first_name'), fields.get('last_name')].filter(Boolean).join(' ');
    const email = find('email');
    const income = find('renda', 'income');
    return {
        externalId: leadgen.id,
        name: name || 'Lead (Meta)',
        email: email && isEmail(email) ? email.toLowerCase() : null,
        phone: toE164(find('phone_number', 'telefone', 'phone')),
        interest: find('interesse', 'interest'),
        income: income ? parseMoney(income) : null,
        city: find('city', 'cidade'),
        source: 'META_ADS',
        score: null,
        status: null,
        createdAt: leadgen.created_time ? Date.parse(leadgen.created_time) || null : null,
        kommoLeadId: null
    };
}
