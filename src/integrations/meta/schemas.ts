import { z } from 'zod/v4';
import { numericId } from '../../lib/ids';

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

export const leadgenSchema = z.object({
    id: z.string(),
    created_time: z.string().optional(),
    field_data: z.array(z.object({ name: z.string(), values: z.array(z.string()).default([]) })).default([])
});

export type Leadgen = z.output<typeof leadgenSchema>;
