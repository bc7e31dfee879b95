import type { TurnContext } from 'botbuilder';
import type { Clients } from '../../integrations/clients';
import type { Logger } from '../../lib/logger';
import type { Repositories } from '../../store/index';
import { agentOf, type AgentLookups } from '../agent-of';
import { isAdmin, type AdminPolicy } from '../admin-check';
import type { ParsedText } from '../commands/parse-command';
import { inlineText } from '../../lib/markdown';

export interface IdentityCommandDeps {
    repos: Repositories;
    clients: Clients;
    adminPolicy: AdminPolicy;
    logger: Logger;
    emailOf?: AgentLookups['emailOf'];
}

/** How a system knows the user: an admin's link wins over the email match. */
async function describe(label: string, linkedId: string | null | undefined, byEmail: () => Promise<{ id: string; name: string | null } | undefined>, connected: boolean): Promise<string> {
    if (linkedId) return `${label}: ${linkedId} (linked by an admin)`;
    if (!connected) return `${label}: not connected`;
    try {
        const found = await byEmail();
        return found ? `${label}: ${inlineText(found.name ?? found.id)} (${inlineText(found.id, 64)}, matched by email)` : `${label}: no user with your email`;
    } catch {
        return `${label}: could not be asked right now`;
    }
}

/** `@Deskbridge whoami`: your Teams identity and who you are in Intercom, Zendesk and Kommo. */
export async function whoamiCommand(context: TurnContext, deps: IdentityCommandDeps): Promise<void> {
    const agent = await agentOf(context, { people: deps.repos.people, emailOf: deps.emailOf });
    const link = await deps.repos.identities.get(context.activity.from.id);
    const { directory, kommo, zendesk } = deps.clients;
    const lines = [
        `**${inlineText(agent.name)}** · ${agent.email ? inlineText(agent.email) : 'no email in the Teams roster'}`,
        await describe('Intercom', link?.intercomAdminId, async () => (agent.email && directory ? directory.adminByEmail(agent.email) : undefined), !!directory),
        await describe('Zendesk', link?.zendeskUserId, async () => {
            const user = agent.email && zendesk ? await zendesk.directory.agentByEmail(agent.email) : undefined;
            return user ? { id: user.id, name: user.name ?? null } : undefined;
        }, !!zendesk),
        await describe('Kommo', link?.kommoUserId, async () => (agent.email && kommo ? kommo.findUserByEmail(agent.email) : undefined), !!kommo)
    ];
    await context.sendActivity({ text: lines.join('\n\n'), textFormat: 'markdown' });
}

/**
 * `@Deskbridge link @user intercom:<adminId> zendesk:<userId> kommo:<userId>` (admins): overrides
 * the email match for one Teams user; any part may be given alone, `intercom:-` removes that part.
 */
export async function linkCommand(context: TurnContext, parsed: ParsedText, deps: IdentityCommandDeps): Promise<void> {
    const usage = 'Usage: `@Deskbridge link @user intercom:<adminId> zendesk:<userId> kommo:<userId>` (any part alone; `intercom:-` removes it).';
    const botId = context.activity.recipient?.id;
    const target = (context.activity.entities ?? [])
        .filter((e) => e.type === 'mention')
        .map((e) => (e as { mentioned?: { id?: string; name?: string } }).mentioned)
        .find((m) => m?.id && m.id !== botId);
    const part = (system: string) => {
        const arg = parsed.args.find((a) => a.toLowerCase().startsWith(`${system}:`));
        if (!arg) return undefined;
        const value = arg.slice(system.length + 1);
        return value === '-' ? null : /^\d{1,20}$/.test(value) ? value : 'invalid';
    };
    const intercomAdminId = part('intercom');
    const kommoUserId = part('kommo');
    const zendeskUserId = part('zendesk');
    const parts = [intercomAdminId, kommoUserId, zendeskUserId];
    if (!target?.id || parts.every((p) => p === undefined) || parts.includes('invalid')) {
        await context.sendActivity(usage);
        return;
    }
    if (!(await isAdmin(context, deps.adminPolicy))) {
        await context.sendActivity('Sorry, only Deskbridge admins can link identities.');
        return;
    }
    const link = await deps.repos.identities.set({ teamsUserId: target.id, teamsName: target.name ?? null, intercomAdminId, kommoUserId, zendeskUserId, linkedBy: context.activity.from?.name ?? context.activity.from?.id ?? null });
    deps.logger.info({ teamsUserId: target.id, by: context.activity.from?.id }, 'identity linked');
    await context.sendActivity(`Linked **${inlineText(target.name ?? target.id)}**: Intercom ${link.intercomAdminId ?? '(by email)'}, Zendesk ${link.zendeskUserId ?? '(by email)'}, Kommo ${link.kommoUserId ?? '(by email)'}.`);
}
