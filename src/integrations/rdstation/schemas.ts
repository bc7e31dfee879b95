import { z } from 'zod/v4';
import { externalId } from '../../lib/ids';

/**
 * RD Station Marketing's two webhook bodies (developers.rdstation.com, "Webhooks MKT payload"
 * and "Como migrar webhooks"): the legacy one of webhooks made in the RD UI (API 1.x),
 * `{"leads":[{id, uuid, name, email, personal_phone, mobile_phone, city, custom_fields:{…}}]}`,
 * and the one of subscriptions made through the Webhooks API, `{"event_type":"WEBHOOK.CONVERTED"
 * | "WEBHOOK.MARKED_OPPORTUNITY", "entity_type":"CONTACT", "event_identifier", "timestamp",
 * "event_timestamp", "contact":{uuid, email, name, personal_phone, mobile_phone, city,
 * "cf_<field>": …}}`. RD signs neither.
 */
const text = z.string().max(2000).nullable().optional();
export const legacyLeadSchema = z
    .object({
        id: externalId.optional(),
        uuid: externalId.optional(),
        name: text,
        email: text,
        personal_phone: text,
        mobile_phone: text,
        city: text,
        custom_fields: z.record(z.string(), z.unknown()).nullable().optional()
    })
    .passthrough();

export const contactSchema = z
    .object({ uuid: externalId.optional(), name: text, email: text, personal_phone: text, mobile_phone: text, city: text })
    .passthrough();

export const rdStationWebhookSchema = z.union([
    z.object({ leads: z.array(z.unknown()).min(1) }).passthrough(),
    z.object({ event_type: z.string().max(64), entity_type: z.string().max(32).optional(), event_identifier: z.string().max(200).nullable().optional(), event_timestamp: z.string().max(64).optional(), timestamp: z.string().max(64).optional(), contact: z.unknown() })
]);
