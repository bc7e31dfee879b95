import { threadKeyOf, mirrorConversationJobs } from '../../domain/mirror-conversation';
import type { ConversationSnapshot } from '../../domain/conversation';
import type { NewJob } from '../../outbox/job-store';
import { textMessage } from '../../domain/thread-post';
import type { IntercomJobDeps, MirrorConversation } from './jobs';
import { intercomConversationUrl } from './normalize';
import type { IntercomTicket } from './schemas';

/** The line a thread gets when a ticket is created for its conversation. */
export function ticketNotice(ticket: IntercomTicket): string {
    const attributes = ticket.ticket_attributes ?? {};
    const title = typeof attributes._default_title_ === 'string' ? attributes._default_title_ : '';
    const state = typeof ticket.ticket_state === 'string' ? ticket.ticket_state : (ticket.ticket_state?.internal_label ?? ticket.ticket_state?.category ?? null);
    const type = ticket.ticket_type?.name;
    const head = `🎫 **Ticket${ticket.ticket_id ? ` #${ticket.ticket_id}` : ''} created**${type ? ` · ${type}` : ''}`;
    return [head, title ? `: ${title}` : '', state ? ` (${state})` : ''].join('');
}

/** A card for a ticket whose conversation Intercom cannot give us (or no token to ask with). */
function ticketSnapshot(ticket: IntercomTicket, appId: string | undefined): ConversationSnapshot {
    const title = ticket.ticket_attributes?._default_title_;
    const snoozed = !!ticket.snoozed_until && ticket.snoozed_until * 1000 > Date.now();
    return {
        source: 'intercom',
        id: ticket.id,
        url: intercomConversationUrl(appId, ticket.id),
        customer: { name: null, email: null },
        subject: typeof title === 'string' ? title : `Ticket ${ticket.ticket_id ?? ticket.id}`,
        state: ticket.open === false ? 'closed' : snoozed ? 'snoozed' : 'open',
        snoozedUntil: snoozed ? ticket.snoozed_until! * 1000 : null,
        adminAssigneeId: ticket.admin_assignee_id,
        teamAssigneeId: ticket.team_assignee_id,
        priority: false,
        tags: [],
        fin: { participated: false, resolutionState: null },
        createdAt: (ticket.created_at ?? Date.now() / 1000) * 1000,
        waitingSince: null
    };
}

/**
 * `ticket.created`: a line in the thread of each known conversation the ticket belongs to (its
 * own id for customer tickets, or its linked conversations). A ticket of a conversation not seen
 * yet starts that conversation's thread (read from Intercom), or a thread of its own.
 */
export async function mirrorTicket(deps: IntercomJobDeps, mirror: MirrorConversation, ticket: IntercomTicket, appId: string | undefined, eventId: string, enqueue: (jobs: readonly NewJob[]) => Promise<void>): Promise<void> {
    const notice = textMessage(ticketNotice(ticket));
    const linked = (ticket.linked_objects?.data ?? []).filter((o) => o.type === 'conversation').map((o) => o.id);
    const ids = [...new Set([ticket.id, ...linked])];
    const known: string[] = [];
    for (const id of ids) if (await deps.snapshots.get(threadKeyOf({ source: 'intercom', id }))) known.push(id);
    if (known.length > 0) {
        await enqueue(known.map((id) => deps.poster.reply(threadKeyOf({ source: 'intercom', id }), notice, `ticket:${eventId}:${id}`)));
        return;
    }
    const conversation = deps.client ? await deps.client.findConversation(ticket.id) : undefined;
    if (conversation) {
        await mirror(conversation, 'ticket.created', appId, eventId, enqueue, { fetched: true });
    } else {
        const snapshot = ticketSnapshot(ticket, appId);
        await enqueue(mirrorConversationJobs(deps.poster, snapshot, [], eventId, { refreshCard: false }));
        await deps.snapshots.save(threadKeyOf(snapshot), snapshot);
    }
    await enqueue([deps.poster.reply(threadKeyOf({ source: 'intercom', id: ticket.id }), notice, `ticket:${eventId}:${ticket.id}`)]);
}
