import type { ZodTypeAny } from 'zod/v4';
import type { HttpPeer, PeerReply, RecordedRequest } from './http-peer';

/** One documented operation of a vendor API: what a correct request to it looks like. */
export interface Operation {
    /** The vendor's name for it, as its reference calls it. */
    name: string;
    method: string;
    /** `/v3/conversations/:conversationId/activities` style; each `:param` matches one path segment. */
    path: string;
    /** Formats of the path parameters (default: any non-empty segment). */
    params?: Record<string, RegExp>;
    /** The query string as an object of its parameters (strings). */
    query?: ZodTypeAny;
    /** The request body (parsed JSON, or the raw text for form bodies). */
    body?: ZodTypeAny;
    /** Further checks of headers; each returned string is a violation. */
    headers?: (headers: RecordedRequest['headers']) => string[];
}

/**
 * A vendor API's contract, written from its published reference (named in `source`): every
 * request a fake peer receives is checked against it. A request to an undocumented path, or one
 * whose path parameters, query, headers or body do not match, is a violation.
 */
export class Contract {
    private readonly compiled: Array<{ op: Operation; pattern: RegExp; names: string[] }>;

    constructor(
        readonly source: string,
        operations: readonly Operation[],
        private readonly common: (headers: RecordedRequest['headers']) => string[] = () => []
    ) {
        this.compiled = operations.map((op) => {
            const names: string[] = [];
            const pattern = new RegExp(`^${op.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\?:([a-zA-Z]+)/g, (_m, name: string) => (names.push(name), '([^/]+)'))}$`);
            return { op, pattern, names };
        });
    }

    /** What is wrong with a request (empty when it is what the reference describes). */
    check(req: RecordedRequest): string[] {
        const candidates = this.compiled.filter((c) => c.op.method === req.method && c.pattern.test(req.path));
        if (candidates.length === 0) return [`${req.method} ${req.path} is no operation of ${this.source}`];
        const attempts = candidates.map(({ op, pattern, names }) => {
            const problems: string[] = [...this.common(req.headers), ...(op.headers?.(req.headers) ?? [])];
            const values = pattern.exec(req.path)!.slice(1);
            names.forEach((name, i) => {
                const format = op.params?.[name];
                if (format && !format.test(values[i]!)) problems.push(`path parameter ${name}=${values[i]} does not match ${format}`);
            });
            if (op.query) {
                const q = op.query.safeParse(Object.fromEntries(req.query));
                if (!q.success) problems.push(...q.error.issues.map((i) => `query ${i.path.join('.')}: ${i.message}`));
            }
            if (op.body) {
                const b = op.body.safeParse(req.body);
                if (!b.success) problems.push(...b.error.issues.map((i) => `body ${i.path.join('.') || '(root)'}: ${i.message}`));
            } else if (req.rawBody.length > 0 && req.method === 'GET') {
                problems.push('a GET with a body');
            }
            return problems.map((p) => `${op.name}: ${p}`);
        });
        // The request is fine when it matches one of the operations its path could be.
        return attempts.find((a) => a.length === 0) ?? attempts[0]!;
    }
}

/**
 * Makes a fake peer check every request against a contract: violations are listed in
 * `violations` and answered with `refusal` (what the vendor answers a malformed request), so the
 * code under test sees the failure the real vendor would give — and the test can assert none.
 */
export function enforce(peer: HttpPeer & { violations?: string[] }, contract: Contract, refusal: (problems: string[]) => PeerReply): string[] {
    const violations = peer.violations ?? [];
    ENFORCED.push({ source: contract.source, violations, checked: 0 });
    const previous = (peer as unknown as { inspect?: (req: RecordedRequest) => PeerReply | undefined }).inspect;
    (peer as unknown as { inspect: (req: RecordedRequest) => PeerReply | undefined }).inspect = (req) => {
        const problems = contract.check(req);
        if (problems.length > 0) {
            violations.push(...problems);
            return refusal(problems);
        }
        return previous?.(req);
    };
    return violations;
}

/** Every enforced peer's violations, checked after each test by the root hook below. */
const ENFORCED: Array<{ source: string; violations: string[]; checked: number }> = [];

/**
 * Mocha root hooks (loaded by `.mocharc.json`): a test fails when any fake peer it used received
 * a request its vendor's reference does not describe. Tests that send a wrong request on purpose
 * empty the peer's `violations` themselves.
 */
export const mochaHooks = {
    afterEach(this: { currentTest?: { state?: string; title?: string } }) {
        const found = ENFORCED.flatMap((e) => {
            const fresh = e.violations.slice(e.checked).map((v) => `${e.source}: ${v}`);
            e.checked = e.violations.length;
            return fresh;
        });
        if (found.length > 0 && this.currentTest?.state !== 'failed') throw new Error(`requests that do not match the vendor's reference:\n${found.slice(0, 10).join('\n')}`);
    }
};
