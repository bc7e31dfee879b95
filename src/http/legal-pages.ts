import { readFileSync } from 'node:fs';
import type { Server } from 'restify';
import type { Logger } from '../lib/logger';
import { route } from './route';

/**
 * `GET /privacy` and `GET /terms`: the pages the Teams manifest links to (`privacyUrl`,
 * `termsOfUseUrl`; Teams requires both). The files are read once at start: the shipped texts in
 * docs/legal/, or the admin's own HTML (`PRIVACY_PAGE_FILE`, `TERMS_PAGE_FILE`).
 */
export function registerLegalPages(server: Server, deps: { privacyFile: string; termsFile: string; logger: Logger }): void {
    for (const [path, file] of [['/privacy', deps.privacyFile], ['/terms', deps.termsFile]] as const) {
        const html = readFileSync(file);
        server.get(path, route(deps.logger, async (_req, res) => {
            res.writeHead(200, {
                'Content-Type': 'text/html; charset=utf-8',
                'Content-Length': html.length,
                // A static page: no scripts, nothing from elsewhere, not framed by other sites.
                'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
                'X-Content-Type-Options': 'nosniff',
                'Cache-Control': 'public, max-age=3600'
            });
            res.end(html);
        }));
    }
}
