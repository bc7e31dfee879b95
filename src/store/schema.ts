import type { Generated } from 'kysely';

/**
 * Table shapes as Kysely sees them. Times are epoch milliseconds (BIGINT in PostgreSQL, INTEGER
 * in SQLite) so that both engines compare and sort them the same way; JSON is stored as text.
 */
export interface TeamsTable {
    team_id: string;
    tenant_id: string | null;
    name: string | null;
    aad_group_id: string | null;
    service_url: string;
    reference: string;
    installed: number;
    installed_at: number;
    updated_at: number;
}

export interface TeamChannelsTable {
    channel_id: string;
    team_id: string;
    name: string | null;
    updated_at: number;
}

export interface ConversationRefsTable {
    conversation_id: string;
    conversation_type: string;
    team_id: string | null;
    tenant_id: string | null;
    service_url: string;
    reference: string;
    updated_at: number;
}

export interface ChannelBindingsTable {
    stream: string;
    team_id: string;
    channel_id: string;
    channel_name: string | null;
    bound_by_id: string | null;
    bound_by_name: string | null;
    bound_at: number;
}

export interface BotStateTable {
    key: string;
    value: string;
    etag: string;
    updated_at: number;
}

export interface InboxTable {
    id: Generated<number>;
    source: string;
    event_id: string;
    topic: string | null;
    /** The delivery as text; emptied when the row outlives the retention (its id is kept for dedupe). */
    payload: string;
    received_at: number;
    /** The exact bytes received, when they are not valid UTF-8 (else `payload` is exactly them). */
    raw_body: Buffer | null;
    /** The thread the delivery belongs to (`intercom:<id>`), when it has one. */
    subject: string | null;
}

export interface KommoSendsTable {
    lead_id: string;
    /** The echo key of the text sent (see `integrations/kommo/echo.ts`). */
    text_key: string;
    sent_at: number;
    /** When the Salesbot's message came back as a webhook: the field was read. */
    confirmed_at: number | null;
}

export interface OutboxJobsTable {
    id: Generated<number>;
    kind: string;
    payload: string;
    ordering_key: string;
    dedupe_key: string | null;
    status: string;
    attempts: number;
    max_attempts: number;
    run_at: number;
    locked_by: string | null;
    locked_until: number | null;
    last_error: string | null;
    created_at: number;
    updated_at: number;
    done_at: number | null;
    /** 1 for the oldest job of its ordering key that is not done or dead (the one that may run). */
    head: Generated<number>;
}

export interface RateSendsTable {
    id: Generated<number>;
    bucket: string;
    sent_at: number;
}

export interface ThreadsTable {
    thread_key: string;
    conversation_id: string;
    root_activity_id: string;
    team_id: string;
    channel_id: string;
    service_url: string;
    tenant_id: string | null;
    created_at: number;
}

export interface ConversationSnapshotsTable {
    thread_key: string;
    snapshot: string;
    updated_at: number;
}

export interface SentPartsTable {
    source: string;
    part_id: string;
    conversation_id: string;
    created_at: number;
}

export interface RoutingRulesTable {
    id: Generated<number>;
    stream: string;
    kind: string;
    value: string;
    priority: number;
    team_id: string;
    channel_id: string;
    channel_name: string | null;
    created_by: string | null;
    created_at: number;
}

export interface WhatsappContactsTable {
    contact_id: string;
    lead_id: string | null;
    chat_id: string | null;
    talk_id: string | null;
    name: string | null;
    phone: string | null;
    origin: string | null;
    ai_paused: number;
    paused_by: string | null;
    paused_via: string | null;
    paused_at: number | null;
    last_human_at: number | null;
    last_message: string | null;
    last_message_at: number | null;
    responsible_user_id: string | null;
    updated_at: number;
}

export interface TeamsPeopleTable {
    user_id: string;
    aad_object_id: string | null;
    name: string | null;
    email: string | null;
    updated_at: number;
}

export interface LeadsTable {
    id: Generated<number>;
    external_key: string;
    source: string;
    name: string;
    email: string | null;
    phone: string | null;
    interest: string | null;
    income: number | null;
    city: string | null;
    score: number;
    status: string;
    breakdown: string;
    kommo_lead_id: string | null;
    lead_created_at: number | null;
    received_at: number;
    claimed_by_id: string | null;
    claimed_by_name: string | null;
    claimed_by_email: string | null;
    claimed_at: number | null;
    contacted_at: number | null;
    contacted_by: string | null;
}

export interface ThreadActivityTable {
    thread_key: string;
    opened_at: number | null;
    waiting_since: number | null;
    first_response_at: number | null;
    last_human_at: number | null;
    human_answers: Generated<number>;
    ai_answers: Generated<number>;
    escalated_at: number | null;
    closed_at: number | null;
    rating_score: string | null;
    rating_satisfied: number | null;
    rated_at: number | null;
    updated_at: number;
}

export interface IdentityLinksTable {
    teams_user_id: string;
    teams_name: string | null;
    intercom_admin_id: string | null;
    kommo_user_id: string | null;
    zendesk_user_id: string | null;
    linked_by: string | null;
    updated_at: number;
}

export interface Database {
    thread_activity: ThreadActivityTable;
    identity_links: IdentityLinksTable;
    leads: LeadsTable;
    whatsapp_contacts: WhatsappContactsTable;
    teams_people: TeamsPeopleTable;
    conversation_snapshots: ConversationSnapshotsTable;
    sent_parts: SentPartsTable;
    routing_rules: RoutingRulesTable;
    threads: ThreadsTable;
    teams: TeamsTable;
    team_channels: TeamChannelsTable;
    conversation_refs: ConversationRefsTable;
    channel_bindings: ChannelBindingsTable;
    bot_state: BotStateTable;
    inbox: InboxTable;
    kommo_sends: KommoSendsTable;
    outbox_jobs: OutboxJobsTable;
    rate_sends: RateSendsTable;
}
