import type { Request } from 'restify';
import { secretEquals } from '../lib/constant-time';
import { unauthorized } from '../lib/http-error';

/**
 * Checks `X-API-Key` against the configured key(s) in constant time. Several comma-separated
 * keys may be configured at once so that a key can be rotated without downtime.
 * @throws 401 when the key is missing or wrong, or when no key is configured (the API is off).
 */
export function requireApiKey(req: Request, configured: string | undefined, variable: string): void {
    const keys = (configured ?? '').split(',').map((k) => k.trim()).filter((k) => k.length > 0);
    if (keys.length === 0) throw unauthorized(`This API is disabled: set ${variable} to enable it`);
    const presented = req.header('x-api-key');
    // Compare with every key (no early exit) so timing does not tell which one matched.
    let ok = false;
    for (const key of keys) ok = secretEquals(presented, key) || ok;
    if (!ok) throw unauthorized('Missing or invalid X-API-Key');
}
