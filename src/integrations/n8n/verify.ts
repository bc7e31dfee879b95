import { secretEquals } from '../../lib/constant-time';

/**
 * The n8n workflow calls Deskbridge back with `Authorization: Bearer N8N_CALLBACK_TOKEN` (its HTTP
 * Request node's header auth); the token is compared in constant time.
 */
export function verifyN8nCallback(authorization: string | undefined, token: string): boolean {
    const presented = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
    return secretEquals(presented, token);
}
