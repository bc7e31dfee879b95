import { enforce } from './contract';
import { ZENDESK_CONTRACT } from './contracts/zendesk';
import { HttpPeer, type RecordedRequest } from './http-peer';

export interface FakeUser {
    id: number;
    name: string;
    email: string;
    role: 'end-user' | 'agent' | 'admin';
    organization_id?: number | null;
    user_fields?: Record<string, unknown>;
}

type Ticket = Record<string, unknown> & { id: number; status: string; assignee_id: number | null; priority: string | null; tags: string[]; updated_at: string; requester_id: number };
type Comment = { id: number; type: 'Comment'; author_id: number; body: string; html_body: string; plain_body: string; public: boolean; attachments: Array<Record<string, unknown>>; audit_id: number; created_at: string; via: { channel: string } };

const notFound = { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };

/**
 * A fake Zendesk Support account on 127.0.0.1. Every request is checked against the contract
 * written from Zendesk's API reference (test/helpers/contracts/zendesk.ts): a request that does not
 * match gets Zendesk's 400 and is listed in `violations`. It authenticates like Zendesk — the API
 * token with the email of any active user of the account, or the OAuth token — and records as whom
 * each update was made. Tickets, comments and users live in memory; an update applies like
 * Zendesk's does and answers with the ticket and the audit of the comment it created.
 */
export class FakeZendesk extends HttpPeer {
    readonly violations: string[] = [];
    readonly users = new Map<number, FakeUser>();
    readonly tickets = new Map<number, Ticket>();
    readonly comments = new Map<number, Comment[]>();
    readonly groups = [{ id: 360001, name: 'Billing' }];
    readonly organizations = new Map<number, { id: number; name: string; organization_fields: Record<string, unknown> }>();
    /** The email each ticket update was authenticated as, in order. */
    readonly actingAs: string[] = [];
    private nextComment = 9_000_000_001;
    private nextAudit = 7_000_000_001;

    constructor(
        readonly apiToken = 'zendesk-api-token',
        readonly oauthToken?: string
    ) {
        super();
        this.inspect = (req) => {
            if (this.whoIs(req)) return undefined;
            return { status: 401, body: { error: "Couldn't authenticate you" } };
        };
        enforce(this, ZENDESK_CONTRACT, (problems) => ({ status: 400, body: { error: 'InvalidRequest', description: problems[0] } }));
        this.on('GET', '/api/v2/tickets/:id.json', (_req, p) => {
            const t = this.tickets.get(Number(p.id));
            return t ? { status: 200, body: { ticket: t } } : notFound;
        });
        this.on('GET', '/api/v2/tickets/:id/comments.json', (req, p) => {
            const list = this.comments.get(Number(p.id));
            if (!list) return notFound;
            const ordered = req.query.get('sort_order') === 'desc' ? [...list].reverse() : list;
            const size = Number(req.query.get('page[size]') ?? 100);
            return { status: 200, body: { comments: ordered.slice(0, size), meta: { has_more: ordered.length > size }, links: {} } };
        });
        // Registered first: later routes win, and show_many.json / search.json are not user ids.
        this.on('GET', '/api/v2/users/:id.json', (_req, p) => {
            const [user] = this.userBody(Number(p.id));
            return user ? { status: 200, body: { user } } : notFound;
        });
        this.on('GET', '/api/v2/users/show_many.json', (req) => ({ status: 200, body: { users: (req.query.get('ids') ?? '').split(',').flatMap((id) => this.userBody(Number(id))) } }));
        this.on('GET', '/api/v2/users/search.json', (req) => {
            const email = /^email:(.+)$/.exec(req.query.get('query') ?? '')?.[1]?.toLowerCase();
            return { status: 200, body: { users: [...this.users.values()].filter((u) => u.email.toLowerCase() === email).flatMap((u) => this.userBody(u.id)), next_page: null, count: 0 } };
        });
        this.on('GET', '/api/v2/groups.json', () => ({ status: 200, body: { groups: this.groups, next_page: null, count: this.groups.length } }));
        this.on('GET', '/api/v2/organizations/:id.json', (_req, p) => {
            const o = this.organizations.get(Number(p.id));
            return o ? { status: 200, body: { organization: o } } : notFound;
        });
        this.on('GET', '/api/v2/search.json', () => {
            const open = [...this.tickets.values()].filter((t) => !['solved', 'closed'].includes(t.status)).map((t) => ({ ...t, result_type: 'ticket' }));
            return { status: 200, body: { results: open, count: open.length, next_page: null, previous_page: null, facets: null } };
        });
        this.on('PUT', '/api/v2/tickets/:id.json', (req, p) => this.update(Number(p.id), req));
    }

    /** A ticket with its opening comment (the description), by the requester. */
    addTicket(ticket: Partial<Ticket> & { id: number; requester_id: number; subject: string }, description: string): Ticket {
        const now = new Date().toISOString();
        const full: Ticket = { url: `${this.url}/api/v2/tickets/${ticket.id}.json`, status: 'open', priority: 'normal', assignee_id: null, group_id: 360001, organization_id: null, tags: [], created_at: now, updated_at: now, description, satisfaction_rating: null, via: { channel: 'web' }, ...ticket };
        this.tickets.set(ticket.id, full);
        this.comments.set(ticket.id, []);
        this.addComment(ticket.id, ticket.requester_id, description, true);
        return full;
    }

    /** A comment written in Zendesk (by a customer or an agent), as Zendesk stores it. */
    addComment(ticketId: number, authorId: number, text: string, isPublic: boolean, attachments: Array<{ file_name: string; content_url: string }> = []): Comment {
        const comment: Comment = {
            id: this.nextComment++,
            type: 'Comment',
            author_id: authorId,
            body: text,
            html_body: `<div class="zd-comment" dir="auto"><p>${text}</p></div>`,
            plain_body: text,
            public: isPublic,
            attachments: attachments.map((a, i) => ({ id: 500 + i, content_type: 'application/pdf', size: 1024, ...a })),
            audit_id: this.nextAudit++,
            created_at: new Date().toISOString(),
            via: { channel: 'web' }
        };
        this.comments.get(ticketId)!.push(comment);
        this.touch(ticketId);
        return comment;
    }

    /** Updates to tickets, in order. */
    updates(): RecordedRequest[] {
        return this.requests.filter((r) => r.method === 'PUT');
    }

    private touch(ticketId: number): void {
        // Zendesk's timestamps have second resolution: step a second so each state is distinct.
        const t = this.tickets.get(ticketId)!;
        t.updated_at = new Date(Math.max(Date.now(), Date.parse(t.updated_at) + 1000)).toISOString();
    }

    private userBody(id: number): Array<Record<string, unknown>> {
        const u = this.users.get(id);
        return u ? [{ url: `${this.url}/api/v2/users/${u.id}.json`, active: true, organization_id: null, user_fields: {}, ...u }] : [];
    }

    /** The user a request authenticates as: the token's email for API tokens, the OAuth token's owner otherwise. */
    private whoIs(req: RecordedRequest): string | undefined {
        const auth = String(req.headers.authorization ?? '');
        if (this.oauthToken && auth === `Bearer ${this.oauthToken}`) return 'oauth';
        const basic = /^Basic (.+)$/.exec(auth);
        const decoded = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8') : '';
        const m = /^(.+)\/token:(.+)$/.exec(decoded);
        if (!m || m[2] !== this.apiToken) return undefined;
        const email = m[1]!.toLowerCase();
        return [...this.users.values()].some((u) => u.email.toLowerCase() === email && u.role !== 'end-user') ? email : undefined;
    }

    private update(id: number, req: RecordedRequest) {
        const t = this.tickets.get(id);
        if (!t) return notFound;
        this.actingAs.push(this.whoIs(req)!);
        const u = (req.body as { ticket: Record<string, unknown> }).ticket;
        const events: Array<Record<string, unknown>> = [];
        const audit = this.nextAudit++;
        if (u.comment) {
            const c = u.comment as { html_body: string; public?: boolean; author_id?: number };
            const author = c.author_id ?? [...this.users.values()].find((x) => x.email.toLowerCase() === this.actingAs.at(-1))?.id ?? 0;
            if (!this.users.has(author)) return { status: 422, body: { error: 'RecordInvalid', description: 'Record validation errors', details: { author_id: [{ description: 'Author is invalid' }] } } };
            const text = c.html_body.replace(/<[^>]+>/g, '');
            const comment: Comment = { id: this.nextComment++, type: 'Comment', author_id: author, body: text, html_body: c.html_body, plain_body: text, public: c.public ?? true, attachments: [], audit_id: audit, created_at: new Date().toISOString(), via: { channel: 'api' } };
            this.comments.get(id)!.push(comment);
            events.push({ id: comment.id, type: 'Comment', author_id: author, body: text, html_body: c.html_body, public: comment.public, attachments: [], audit_id: audit });
        }
        if (u.assignee_id !== undefined) t.assignee_id = u.assignee_id as number | null;
        if (u.status) t.status = u.status as string;
        if (u.priority !== undefined) t.priority = u.priority as string | null;
        if (u.additional_tags) t.tags = [...new Set([...t.tags, ...(u.additional_tags as string[])])];
        this.touch(id);
        return { status: 200, body: { ticket: t, audit: { id: audit, ticket_id: id, created_at: new Date().toISOString(), author_id: 0, events } } };
    }
}
