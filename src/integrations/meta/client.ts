import axios from 'axios';
import { z } from 'zod/v4';
import { DeliveryError } from '../../lib/delivery-error';
import { hmacHex } from '../../lib/hmac';
import { httpClientError } from '../../lib/http-client-error';
import { leadgenSchema, type Leadgen } from './schemas';

/**
 * Reads one Lead Ads lead from the Graph API (`GET /{leadgen-id}?fields=created_time,field_data`)
 * with the Page access token. The token travels in the query as Graph expects, so errors are
 * rebuilt without the request (no token in logs or dead letters).
 */
export async function fetchLeadgen(graphBaseUrl: string, accessToken: string, leadgenId: string, appSecret?: string): Promise<Leadgen> {
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
