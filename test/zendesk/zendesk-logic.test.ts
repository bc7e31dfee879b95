import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { ConfigError, loadConfig } from '../../src/config';
import { matchingCategories, parseKeywordCategories } from '../../src/domain/keyword-categories';
import { commentsToMessages, newestCommentId, normalizeTicket } from '../../src/integrations/zendesk/normalize';
import { commentSchema, ticketSchema, userSchema } from '../../src/integrations/zendesk/schemas';
import { SIGNATURE_TOLERANCE_MS, verifyZendeskSignature, zendeskSignature } from '../../src/integrations/zendesk/verify';

const SECRET = 'dGhpc19pc19hX3NlY3JldA==';

describe('Zendesk webhook signature', () => {
    const raw = Buffer.from('{"type":"zen:event-type:ticket.created","id":"x"}');
    const at = '2026-12-02T10:00:00Z';
    const now = Date.parse(at) + 1000;

    it('is base64(HMAC-SHA256(secret, timestamp + raw body)), as Zendesk documents', () => {
        // Computed independently of the helper: the timestamp and the body as one string.
        assert.equal(zendeskSignature(raw, at, SECRET), createHmac('sha256', SECRET).update(`${at}${raw.toString()}`).digest('base64'));
        assert.deepEqual(verifyZendeskSignature(raw, zendeskSignature(raw, at, SECRET), at, SECRET, now), { ok: true });
    });

    it('refuses a wrong secret, a changed body, a changed timestamp, garbage and missing headers', () => {
        const good = zendeskSignature(raw, at, SECRET);
        assert.equal(verifyZendeskSignature(raw, zendeskSignature(raw, at, 'other'), at, SECRET, now).ok, false);
        assert.equal(verifyZendeskSignature(Buffer.from(`${raw} `), good, at, SECRET, now).ok, false);
        assert.equal(verifyZendeskSignature(raw, good, '2026-12-02T10:00:01Z', SECRET, now).ok, false);
        assert.equal(verifyZendeskSignature(raw, 'not base64 !!', at, SECRET, now).ok, false);
        assert.equal(verifyZendeskSignature(raw, good.slice(0, 20), at, SECRET, now).ok, false);
        assert.equal(verifyZendeskSignature(raw, undefined, at, SECRET, now).ok, false);
        assert.equal(verifyZendeskSignature(raw, good, undefined, SECRET, now).ok, false);
        assert.equal(verifyZendeskSignature(raw, good, 'x'.repeat(65), SECRET, now).ok, false);
    });

    it('refuses a correctly signed delivery whose timestamp is too far from now, either way', () => {
        const sig = zendeskSignature(raw, at, SECRET);
        assert.equal(verifyZendeskSignature(raw, sig, at, SECRET, Date.parse(at) + SIGNATURE_TOLERANCE_MS - 1).ok, true);
        const late = verifyZendeskSignature(raw, sig, at, SECRET, Date.parse(at) + SIGNATURE_TOLERANCE_MS + 1);
        assert.equal(late.ok, false);
        assert.match((late as { reason: string }).reason, /Stale/);
        assert.equal(verifyZendeskSignature(raw, sig, at, SECRET, Date.parse(at) - SIGNATURE_TOLERANCE_MS - 1).ok, false);
    });
});

describe('Zendesk tickets as cards and messages', () => {
    const ticket = ticketSchema.parse({ id: 35436, subject: 'Charged twice', status: 'hold', priority: 'urgent', requester_id: 1, assignee_id: 2, group_id: 3, tags: ['vip'], created_at: '2026-12-01T10:00:00Z', satisfaction_rating: { score: 'offered' } });
    const users = new Map([1, 2].map((id) => [String(id), userSchema.parse({ id, name: id === 1 ? 'Joe <b>' : 'Alex', email: `${id}@x.example`, role: id === 1 ? 'end-user' : 'agent' })]));

    it('maps statuses, priorities and ratings to what the card shows', () => {
        const s = normalizeTicket(ticket, 'https://acme.zendesk.com', users.get('1'));
        assert.equal(s.state, 'pending', 'hold waits like pending');
        assert.equal(s.priority, true);
        assert.equal(s.rating, null, 'an offered survey is no rating');
        assert.equal(s.url, 'https://acme.zendesk.com/agent/tickets/35436');
        assert.equal(normalizeTicket({ ...ticket, status: 'solved' }, 'https://a', undefined).state, 'closed');
        assert.equal(normalizeTicket({ ...ticket, status: 'new' }, 'https://a', undefined).state, 'open');
        assert.deepEqual(normalizeTicket({ ...ticket, satisfaction_rating: { id: '55', score: 'bad', comment: ' slow ', updated_at: '2026-12-01T12:00:00Z' } }, 'https://a', undefined).rating, { score: 'bad', comment: 'slow', at: Date.parse('2026-12-01T12:00:00Z') });
    });

    it('posts only comments after the cursor, telling customer, agent and private comments apart', () => {
        const comments = [
            commentSchema.parse({ id: 9000000001, author_id: 1, html_body: '<p>Help</p>', public: true, created_at: '2026-12-01T10:00:00Z' }),
            commentSchema.parse({ id: 9000000002, author_id: 2, html_body: '<p>On it</p>', public: true, created_at: '2026-12-01T10:01:00Z' }),
            commentSchema.parse({ id: 9000000010, author_id: 2, html_body: '<p>Internal</p>', public: false, created_at: '2026-12-01T10:02:00Z' })
        ];
        assert.deepEqual(commentsToMessages(comments, ticket, users, 'https://a', null).map((m) => [m.kind, m.authorName, m.text]), [['customer', 'Joe <b>', 'Help'], ['admin', 'Alex', 'On it'], ['note', 'Alex', 'Internal']]);
        // Numeric order, not text order: 9000000010 is after 9000000002.
        assert.deepEqual(commentsToMessages(comments, ticket, users, 'https://a', '9000000002').map((m) => m.id), ['9000000010']);
        assert.equal(newestCommentId(comments, null), '9000000010');
        assert.equal(newestCommentId([], '9000000002'), '9000000002');
    });

    it('refuses ids that are not Zendesk ids before they reach a path', () => {
        assert.equal(ticketSchema.safeParse({ ...ticket, id: '../1' }).success, false);
        assert.equal(ticketSchema.safeParse({ ...ticket, id: '1'.repeat(17) }).success, false);
    });
});

describe('keyword categories', () => {
    it('parses tags with their words and a ! for priority, listing every bad category', () => {
        const { categories, problems } = parseKeywordCategories('complaint!:Reklamation, complaint ;refund:refund,reembolso;bad tag:x;empty:');
        assert.deepEqual(categories, [
            { tag: 'complaint', words: ['Reklamation', 'complaint'], priority: true },
            { tag: 'refund', words: ['refund', 'reembolso'], priority: false }
        ]);
        assert.equal(problems.length, 2);
    });

    it('matches whole words in any case', () => {
        const { categories } = parseKeywordCategories('complaint!:Reklamation;refund:refund');
        assert.deepEqual(matchingCategories(categories, 'Meine REKLAMATION bitte').map((c) => [c.tag, c.word]), [['complaint', 'Reklamation']]);
        assert.deepEqual(matchingCategories(categories, 'refunded already'), []);
    });
});

describe('Zendesk configuration', () => {
    const problemsOf = (env: Record<string, string>) => {
        try {
            loadConfig(env);
            return [];
        } catch (err) {
            if (err instanceof ConfigError) return err.problems;
            throw err;
        }
    };

    it('needs the base URL and the email with an API token, and one kind of token', () => {
        assert.deepEqual(problemsOf({ ZENDESK_API_TOKEN: 't' }).filter((p) => p.includes('ZENDESK')).length, 2);
        assert.match(problemsOf({ ZENDESK_BASE_URL: 'https://a.zendesk.com', ZENDESK_API_TOKEN: 't', ZENDESK_OAUTH_TOKEN: 'o', ZENDESK_EMAIL: 'a@b.c' }).join('\n'), /either ZENDESK_API_TOKEN or ZENDESK_OAUTH_TOKEN/);
        assert.match(problemsOf({ ZENDESK_DEFAULT_AUTHOR_ID: 'abc' }).join('\n'), /ZENDESK_DEFAULT_AUTHOR_ID/);
        assert.match(problemsOf({ SUPPORT_KEYWORD_CATEGORIES: 'no-colon' }).join('\n'), /SUPPORT_KEYWORD_CATEGORIES: category 1/);
        assert.deepEqual(problemsOf({ ZENDESK_BASE_URL: 'https://a.zendesk.com', ZENDESK_API_TOKEN: 't', ZENDESK_EMAIL: 'a@b.c' }), []);
    });

    it('never echoes a token in its problems', () => {
        const problems = problemsOf({ ZENDESK_API_TOKEN: 'secret-token-value', ZENDESK_OAUTH_TOKEN: 'secret-oauth-value' }).join('\n');
        assert.doesNotMatch(problems, /secret-token-value|secret-oauth-value/);
    });
});
