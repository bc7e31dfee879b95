import type { Db } from './database';
import { ChannelBindingsRepo } from './channel-bindings-repo';
import { ConversationRefsRepo } from './conversation-refs-repo';
import { TeamsRepo } from './teams-repo';
import { ThreadsRepo } from './threads-repo';
import { ConversationSnapshotsRepo } from './conversation-snapshots-repo';
import { SentPartsRepo } from './sent-parts-repo';
import { KommoSendsRepo } from './kommo-sends-repo';
import { RoutingRulesRepo } from './routing-rules-repo';
import { WhatsAppContactsRepo } from './whatsapp-contacts-repo';
import { TeamsPeopleRepo } from './teams-people-repo';
import { LeadsRepo } from './leads-repo';
import { ThreadActivityRepo } from './thread-activity-repo';
import { IdentityLinksRepo } from './identity-links-repo';

/** Every repository over one database, built once in the composition root. */
export interface Repositories {
    readonly db: Db;
    readonly teams: TeamsRepo;
    readonly conversationRefs: ConversationRefsRepo;
    readonly bindings: ChannelBindingsRepo;
    readonly threads: ThreadsRepo;
    readonly snapshots: ConversationSnapshotsRepo;
    readonly sentParts: SentPartsRepo;
    readonly kommoSends: KommoSendsRepo;
    readonly routingRules: RoutingRulesRepo;
    readonly contacts: WhatsAppContactsRepo;
    readonly people: TeamsPeopleRepo;
    readonly leads: LeadsRepo;
    readonly activity: ThreadActivityRepo;
    readonly identities: IdentityLinksRepo;
}

/** Builds the repositories over an open, migrated database. */
export function createRepositories(db: Db): Repositories {
    return {
        db,
        teams: new TeamsRepo(db.kysely),
        conversationRefs: new ConversationRefsRepo(db.kysely),
        bindings: new ChannelBindingsRepo(db.kysely),
        threads: new ThreadsRepo(db.kysely),
        snapshots: new ConversationSnapshotsRepo(db.kysely),
        sentParts: new SentPartsRepo(db.kysely),
        kommoSends: new KommoSendsRepo(db.kysely),
        routingRules: new RoutingRulesRepo(db.kysely),
        contacts: new WhatsAppContactsRepo(db.kysely),
        people: new TeamsPeopleRepo(db.kysely),
        leads: new LeadsRepo(db.kysely),
        activity: new ThreadActivityRepo(db.kysely),
        identities: new IdentityLinksRepo(db.kysely)
    };
}
