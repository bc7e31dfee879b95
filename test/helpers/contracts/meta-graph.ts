import { z } from 'zod/v4';
import { Contract } from '../contract';

/**
 * Meta's Graph API as Deskbridge calls it, from "Retrieving Leads"
 * (developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving): `GET /{leadgen-id}`
 * with `fields` and a Page `access_token`; with "Require App Secret" on, `appsecret_proof` =
 * hex HMAC-SHA256 of the token keyed with the app secret ("Securing Graph API Requests").
 */
export const META_GRAPH_CONTRACT = new Contract("Meta Graph API, Retrieving Leads", [
    {
        name: 'Read a lead',
        method: 'GET',
        path: '/:leadgenId',
        params: { leadgenId: /^\d{1,32}$/ },
        query: z
            .object({
                fields: z.string().regex(/^[a-z_]+(,[a-z_]+)*$/),
                access_token: z.string().min(1),
                appsecret_proof: z.string().regex(/^[0-9a-f]{64}$/, 'appsecret_proof is 64 hex digits').optional()
            })
            .strict()
    }
]);
