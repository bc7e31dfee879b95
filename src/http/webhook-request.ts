import type { Request } from 'restify';
import type { WebhookRequest } from '../integrations/ingress';
import { formText } from './form-body';
import { jsonBody } from './json-body';
import { rawBodyOf } from './raw-body';

/**
 * A webhook request as a vendor's ingress sees it ({@link WebhookRequest}), over restify's request.
 *
 * A class on purpose, not an object literal with `get body()`: V8 keeps accessors in an object's
 * map, so a literal whose getters are new closures on every request gets a map of its own, and
 * maps live in the old generation. That dead map then holds the getters, their scope and through
 * it the whole request (socket state, raw bytes, parsed JSON) alive through every young-generation
 * collection until the next full one. Measured during a burst of Intercom deliveries: 36 % of all
 * bytes allocated survived each young collection, with a full collection every ~6 of them; with
 * this class, 3 % and a full collection every ~50 (see the README's benchmark section).
 */
export class RestifyWebhookRequest implements WebhookRequest {
    readonly raw: Buffer;
    /** Only single values: `?token=a&token=b` is no token at all. */
    readonly query: Readonly<Record<string, string | undefined>>;
    private parsed: { text: string; value: unknown } | undefined;

    constructor(private readonly req: Request) {
        this.raw = rawBodyOf(req);
        this.query = Object.fromEntries(Object.entries((req.query ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
    }

    /** Parsed on first use, i.e. only once authenticated: an unsigned request gets 401 whatever its body. */
    get body(): { text: string; value: unknown } {
        this.parsed ??= jsonBody(this.req);
        return this.parsed;
    }

    get form(): string {
        return formText(this.req);
    }

    header(name: string): string | undefined {
        return this.req.header(name) || undefined;
    }
}
