import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { teamsBasics } from './001-teams-basics';
import { deliveryEngine } from './002-delivery-engine';
import { threads } from './003-threads';
import { conversationWork } from './004-conversation-work';
import { whatsapp } from './005-whatsapp';
import { leads } from './006-leads';
import { operations } from './007-operations';
import { inboxEvidence } from './008-inbox-evidence';
import { helpdesks } from './009-helpdesks';
import { outboxHeads } from './010-outbox-heads';
import { leanInbox } from './011-lean-inbox';

export type Dialect = 'sqlite' | 'postgres';

/** A migration that may need to know which engine it runs on (auto-increment ids differ). */
export type DialectMigration = (dialect: Dialect) => { up(db: Kysely<unknown>): Promise<void> };

const ordered: Array<[string, DialectMigration]> = [
    ['001-teams-basics', teamsBasics],
    ['002-delivery-engine', deliveryEngine],
    ['003-threads', threads],
    ['004-conversation-work', conversationWork],
    ['005-whatsapp', whatsapp],
    ['006-leads', leads],
    ['007-operations', operations],
    ['008-inbox-evidence', inboxEvidence],
    ['009-helpdesks', helpdesks],
    ['010-outbox-heads', outboxHeads],
    ['011-lean-inbox', leanInbox]
];

/** Serves the migrations compiled into the app, so no migration files are read at run time. */
export function migrationProvider(dialect: Dialect): MigrationProvider {
    return {
        async getMigrations(): Promise<Record<string, Migration>> {
            return Object.fromEntries(ordered.map(([name, make]) => [name, make(dialect)]));
        }
    };
}

export const LATEST_MIGRATION = ordered[ordered.length - 1]![0];
