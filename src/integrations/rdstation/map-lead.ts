import { z } from 'zod';
import type { LeadInput } from '../../domain/lead';
import { toE164 } from '../../domain/phone';
import { isEmail, parseMoney } from '../leads/normalize-lead';

/** RD Station's conversion webhook: `{leads: [...]}` with its lead fields. */
export const rdStationWebhookSchema = z.object({
    leads: z
        .array(
            z
                .object({
                    id: z.union([z.string(), z.number()]).transform(String).optional(),
                    uuid: z.string().optional(),
                    name: z.string().nullable().optional(),
                    email: z.string().nullable().optional(),
                    personal_phone: z.string().nullable().optional(),
                    mobile_phone: z.string().nullable().optional(),
                    city: z.string().nullable().optional(),
                    custom_fields: z.record(z.unknown()).nullable().optional(),
                    last_conversion: z.object({ conversion_origin: z.object({ source: z.string().nullable().optional() }).passthrough().nullable().optional() }).passthrough().nullable().optional()
                })
                .passthrough()
        )
        .min(1)
});

type RdLead = z.output<typeof rdStationWebhookSchema>['leads'][number];

/** One RD Station lead as a Deskbridge lead (custom fields `interesse`, `renda` when the account has them). */
export function leadFromRdStation(rd: RdLead): LeadInput {
    const custom = Object.fromEntries(Object.entries(rd.custom_fields ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const customText = (...keys: string[]) => {
        const key = Object.keys(custom).find((k) => keys.some((n) => k.includes(n)));
        const v = key ? custom[key] : undefined;
        return v === undefined || v === null || v === '' ? null : String(v);
    };
    const income = customText('renda', 'income');
    const email = rd.email?.trim().toLowerCase() ?? null;
    return {
        externalId: rd.uuid ?? rd.id ?? null,
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
