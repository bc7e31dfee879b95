import axios from 'axios';
import { classifyError } from '../../lib/delivery-error';

export interface AppCredentials {
    clientId: string;
    clientSecret: string;
    /** Microsoft identity platform host (configurable so tests use a fake). */
    loginBaseUrl: string;
    /**
     * The Graph host the tokens are for (`GRAPH_BASE_URL`): its origin + `/.default` is the
     * scope, so national clouds work (`https://graph.microsoft.us`, `https://microsoftgraph.chinacloudapi.cn`…).
     */
    graphBaseUrl: string;
}

/** The client-credentials scope of a Graph host: its origin with `/.default`. */
export function graphScope(graphBaseUrl: string): string {
    return `${new URL(graphBaseUrl).origin}/.default`;
}

/**
 * App-only tokens for Microsoft Graph (client credentials grant), one per tenant, cached until
 * shortly before they expire.
 */
export class AppTokenProvider {
    private readonly cache = new Map<string, { token: string; expiresAt: number }>();

    constructor(private readonly credentials: AppCredentials) {}

    async token(tenantId: string): Promise<string> {
        const cached = this.cache.get(tenantId);
        if (cached && cached.expiresAt > Date.now()) return cached.token;
        const form = new URLSearchParams({
            client_id: this.credentials.clientId,
            client_secret: this.credentials.clientSecret,
            scope: graphScope(this.credentials.graphBaseUrl),
            grant_type: 'client_credentials'
        });
        try {
            const res = await axios.post<{ access_token: string; expires_in: number }>(`${this.credentials.loginBaseUrl}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`, form.toString(), {
                headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
                timeout: 10_000
            });
            this.cache.set(tenantId, { token: res.data.access_token, expiresAt: Date.now() + Math.max(0, res.data.expires_in - 300) * 1000 });
            return res.data.access_token;
        } catch (err) {
            // Never pass axios' error on as is: its config holds the client secret.
            throw classifyError({ message: 'token request failed', response: (err as { response?: unknown }).response, code: (err as { code?: string }).code }, 'microsoft-login');
        }
    }
}
