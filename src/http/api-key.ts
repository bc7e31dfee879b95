import type { Request } from 'restify';
import { apiKeyMatches, apiKeysConfigured } from '../lib/api-keys';
import { unauthorized } from '../lib/http-error';

/**
 * Checks `X-API-Key` against the configured key(s) in constant time (see {@link apiKeyMatches}).
 * @throws 401 when the key is missing or wrong, or when no key is configured (the API is off).
 */
export function requireApiKey(req: Request, configured: string | undefined, variable: string): void {
    if (!apiKeysConfigured(configured)) throw unauthorized(`This API is disabled: set ${variable} to enable it`);
    if (!apiKeyMatches(req.header('x-api-key'), configured)) throw unauthorized('Missing or invalid X-API-Key');
}
