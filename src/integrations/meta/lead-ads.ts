import axios from 'axios';
import { z } from 'zod';
import type { LeadInput } from '../../domain/lead';
import { toE164 } from '../../domain/phone';
import { DeliveryError } from '../../lib/delivery-error';
import { httpClientError } from '../../lib/http-client-error';
import { isEmail, parseMoney } from '../../domain/normalize-lead';
import { numericId } from '../../lib/ids';
import { hmacHex } from '../../lib/hmac';

/**
 * The webhook body of a Page subscription (developers.facebook.com, Webhooks for Leads): `value`
 * is left unchecked here, because a subscription can deliver other Page fields; each `leadgen`
 * change's value is checked with {@link metaChangeValueSchema} after filtering on `field`.
 */
export const metaWebhookSchema = z.object({
    object: z.string().max(64),
    entry: z.array(
        z
            .object({
                id: z.string().max(64).optional(),
                changes: z.array(z.object({ field: z.string().max(64), value: z.unknown() }).passthrough()).default([])
            })
            .passthrough()
    )
});

/** The value of a `leadgen` change: the lead's id (read from Graph), page, form, ad. */
export const metaChangeValueSchema = z.object({ leadgen_id: numericId }).passthrough();

const leadgenSchema = z.object({
    id: z.string(),
    created_time: z.string().optional(),
    field_data: z.array(z.object({ name: z.string(), values: z.array(z.string()).default([]) })).default([])
});

/**
 * Reads one Lead Ads lead from the Graph API (`GET /{leadgen-id}?fields=created_time,field_data`)
 * with the Page access token. The token travels in the query as Graph expects, so errors are
 * rebuilt without the request (no token in logs or dead letters).
 */
export async function fetchLeadgen(graphBaseUrl: string, accessToken: string, leadgenId: string, appSecret?: string): Promise<z.output<typeof leadgenSchema>> {
    // Apps with "Require App Secret" refuse calls without the proof: HMAC-SHA256 of the token
    // keyed with the app secret, hex (developers.facebook.com, Securing Graph API Requests).
    const proof = appSecret ? { appsecret_proof: hmacHex('sha256', appSecret, Buffer.from(accessToken, 'utf8')) } : {};
    try {
        const res = await axios.get(`${graphBaseUrl}/${encodeURIComponent(leadgenId)}`, { params: { fields: 'created_time,field_data', access_token: accessToken, ...proof }, timeout: 15_000 });
        return leadgenSchema.parse(res.data);
    } catch (err) {
        if (err instanceof z.ZodError) throw new DeliveryError(`Meta answered with an unexpected lead: ${err.issues[0]?.path.join('.')} ${err.issues[0]?.message}`, false, { peer: 'meta' });
        throw httpClientError(err, 'meta', { vendor: 'Meta', explain: (data) => (data as { error?: { message?: string } } | undefined)?.error });
    }
}

/** Maps a Lead Ads form's `field_data` (standard and custom questions) to a lead. */
export function leadFromMeta(leadgen: z.output<typeof leadgenSchema>): LeadInput {
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
