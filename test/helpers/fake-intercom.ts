import { HttpPeer, type RecordedRequest } from './http-peer';
import { IntercomOpenApi } from './intercom-openapi';

export interface FakeAdmin {
    id: string;
    name: string;
    email: string;
}

type Conversation = Record<string, unknown> & {
    id: string;
    state: string;
    admin_assignee_id: number | null;
    snoozed_until: number | null;
    conversation_parts: { type: string; conversation_parts: Array<Record<string, unknown>>; total_count: number };
};

const notFound = { status: 404, body: { type: 'error.list', request_id: 'req-1', errors: [{ code: 'not_found', message: 'Resource Not Found' }] } };

/**
 * A fake Intercom on 127.0.0.1 that checks every request against the official OpenAPI
 * description (`violations` lists what did not match; such requests get a 400) and keeps
 * conversations in memory, acting on replies, notes, assignment, close, open and snooze like
 * Intercom does: the answer is the conversation with the new part.
 */
export class FakeIntercom extends HttpPeer {
    readonly violations: string[] = [];
    admins: FakeAdmin[] = [{ id: '3156780', name: 'Ana Lima', email: 'ana@contoso.com' }];
    teams = [{ id: '5017691', name: 'Billing' }];
    readonly conversations = new Map<string, Conversation>();
    /** Contacts by id, with their custom attributes (the customer's plan). */
    readonly contacts = new Map<string, Record<string, unknown>>();
    readonly tags = new Map<string, string>();
    private nextPart = 900000001;

    constructor(private readonly token = 'intercom-token') {
        super();
        const spec = IntercomOpenApi.get();
        this.inspect = (req) => {
            const problems = spec.check(req.method, req.path, req.headers, req.body);
            if (req.headers.authorization !== `Bearer ${this.token}`) problems.push('missing or wrong Authorization: Bearer');
            if (!/application\/json/.test(String(req.headers.accept))) problems.push('Accept is not application/json');
            if (problems.length === 0) return undefined;
            this.violations.push(...problems.map((p) => `${req.method} ${req.path}: ${p}`));
            return { status: 400, body: { type: 'error.list', errors: [{ code: 'parameter_invalid', message: problems[0] }] } };
        };
        this.on('GET', '/admins', () => ({ status: 200, body: { type: 'admin.list', admins: this.admins.map((a) => ({ type: 'admin', ...a })) } }));
        this.on('GET', '/teams', () => ({ status: 200, body: { type: 'team.list', teams: this.teams.map((t) => ({ type: 'team', ...t })) } }));
        this.on('GET', '/conversations/:id', (_req, p) => {
            const c = this.conversations.get(p.id!);
            return c ? { status: 200, body: c } : notFound;
        });
        this.on('POST', '/conversations/search', () => {
            const open = [...this.conversations.values()].filter((c) => c.state === 'open');
            return { status: 200, body: { type: 'conversation.list', conversations: open, total_count: open.length, pages: { type: 'pages', page: 1, per_page: 50, total_pages: 1 } } };
        });
        this.on('GET', '/contacts/:id', (_req, p) => {
            const attributes = this.contacts.get(p.id!);
            return attributes ? { status: 200, body: { type: 'contact', id: p.id, role: 'user', custom_attributes: attributes } } : notFound;
        });
        // "Create or update a tag": found by name, or created.
        this.on('POST', '/tags', (req) => {
            const name = (req.body as { name: string }).name;
            const id = [...this.tags].find(([, n]) => n === name)?.[0] ?? String(80 + this.tags.size);
            this.tags.set(id, name);
            return { status: 200, body: { type: 'tag', id, name } };
        });
        this.on('POST', '/conversations/:id/tags', (req, p) => {
            const c = this.conversations.get(p.id!);
            const tagId = (req.body as { id: string }).id;
            if (!c || !this.tags.has(tagId)) return notFound;
            const list = (c.tags as { tags: Array<{ type: string; id: string; name: string }> } | undefined) ?? { tags: [] };
            c.tags = { type: 'tag.list', tags: [...list.tags, { type: 'tag', id: tagId, name: this.tags.get(tagId)! }] };
            return { status: 200, body: { type: 'tag', id: tagId, name: this.tags.get(tagId) } };
        });
        this.on('POST', '/conversations/:id/reply', (req, p) => this.act(p.id!, req));
        this.on('POST', '/conversations/:id/parts', (req, p) => this.act(p.id!, req));
    }

    /** Makes a conversation (e.g. a webhook fixture's `data.item`) known to the fake. */
    addConversation(item: Record<string, unknown>): void {
        this.conversations.set(String(item.id), structuredClone(item) as Conversation);
    }

    /** Requests that acted on conversations (replies and parts), in order. */
    actions(): RecordedRequest[] {
        return this.requests.filter((r) => r.method === 'POST' && /\/(reply|parts)$/.test(r.path));
    }

    private act(id: string, req: RecordedRequest) {
        const c = this.conversations.get(id);
        if (!c) return notFound;
        const body = req.body as { message_type: string; admin_id: string; body?: string; assignee_id?: string; snoozed_until?: number };
        const admin = this.admins.find((a) => a.id === body.admin_id);
        if (!admin) return { status: 400, body: { type: 'error.list', errors: [{ code: 'parameter_not_found', message: 'Admin not found' }] } };
        const now = Math.floor(Date.now() / 1000);
        const partType = { comment: 'comment', note: 'note', assignment: 'assignment', close: 'close', open: 'open', snoozed: 'snoozed' }[body.message_type] ?? body.message_type;
        if (body.message_type === 'close') c.state = 'closed';
        if (body.message_type === 'open') Object.assign(c, { state: 'open', snoozed_until: null });
        if (body.message_type === 'snoozed') Object.assign(c, { state: 'snoozed', snoozed_until: body.snoozed_until ?? null });
        if (body.message_type === 'assignment') c.admin_assignee_id = Number(body.assignee_id);
        const part = {
            type: 'conversation_part',
            id: String(this.nextPart++),
            part_type: partType,
            body: body.body ?? null,
            created_at: now,
            updated_at: now,
            notified_at: now,
            assigned_to: body.message_type === 'assignment' ? { type: 'admin', id: body.assignee_id } : null,
            author: { type: 'admin', id: admin.id, name: admin.name, email: admin.email },
            attachments: [],
            redacted: false
        };
        c.conversation_parts.conversation_parts.push(part);
        c.conversation_parts.total_count = c.conversation_parts.conversation_parts.length;
        c.updated_at = now;
        return { status: 200, body: c };
    }
}
