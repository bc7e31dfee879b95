import { z } from 'zod/v4';
import { Contract } from '../contract';

/**
 * Kommo API v4, from developers.kommo.com/reference: "Update a lead" (PATCH /api/v4/leads/{id},
 * `custom_fields_values[].field_id` + `values[].value`, `responsible_user_id`), "Launch a
 * Salesbot" (POST /api/v4/bots/{id}/run, `entity_id` int32 and `entity_type` leads|contacts,
 * answered 202), "Add notes" (POST /api/v4/{entity_type}/{entity_id}/notes, an array of
 * `{note_type, params}`; `common` takes `params.text`), "Get a contact by ID", "Get a lead by ID"
 * (`with=contacts`), "Users list" (`limit` up to 250) and "Get a user by ID". Every call carries
 * `Authorization: Bearer <token>` (long-lived token, developers.kommo.com/docs/long-lived-token).
 */
const id = /^\d{1,20}$/;
const int32 = z.number().int().positive().max(2 ** 31 - 1);
const json = (h: Record<string, unknown>) => (/^application\/json/.test(String(h['content-type'] ?? '')) ? [] : ['Content-Type is not application/json']);

export const KOMMO_CONTRACT = new Contract(
    'Kommo API v4 (developers.kommo.com/reference)',
    [
        {
            name: 'Update a lead',
            method: 'PATCH',
            path: '/api/v4/leads/:id',
            params: { id },
            headers: json,
            body: z
                .object({
                    custom_fields_values: z.array(z.object({ field_id: int32, values: z.array(z.object({ value: z.union([z.string().max(65_535), z.number(), z.boolean()]) }).strict()).min(1) }).strict()).optional(),
                    responsible_user_id: int32.optional()
                })
                .strict()
                .refine((b) => Object.keys(b).length > 0, 'an update with no field')
        },
        { name: 'Launch a Salesbot', method: 'POST', path: '/api/v4/bots/:id/run', params: { id }, headers: json, body: z.object({ entity_id: int32, entity_type: z.enum(['leads', 'contacts']) }).strict() },
        {
            name: 'Add notes',
            method: 'POST',
            path: '/api/v4/leads/:id/notes',
            params: { id },
            headers: json,
            body: z.array(z.object({ note_type: z.literal('common'), params: z.object({ text: z.string().min(1) }).strict() }).strict()).min(1)
        },
        { name: 'Get a contact by ID', method: 'GET', path: '/api/v4/contacts/:id', params: { id }, query: z.object({ with: z.string().optional() }).strict() },
        { name: 'Get a lead by ID', method: 'GET', path: '/api/v4/leads/:id', params: { id }, query: z.object({ with: z.string().regex(/^(contacts|catalog_elements|is_price_modified_by_robot|loss_reason|source_id)(,(contacts|catalog_elements|is_price_modified_by_robot|loss_reason|source_id))*$/).optional() }).strict() },
        { name: 'Users list', method: 'GET', path: '/api/v4/users', query: z.object({ limit: z.string().regex(/^\d+$/).refine((v) => Number(v) >= 1 && Number(v) <= 250, 'limit is 1..250').optional(), page: z.string().regex(/^\d+$/).optional(), with: z.string().optional() }).strict() },
        { name: 'Get a user by ID', method: 'GET', path: '/api/v4/users/:id', params: { id }, query: z.object({ with: z.string().optional() }).strict() }
    ],
    (h) => (/^Bearer \S+$/.test(String(h.authorization ?? '')) ? [] : ['no Authorization: Bearer <token>'])
);
