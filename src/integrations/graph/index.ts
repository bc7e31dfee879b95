/**
 * Microsoft Graph with the bot's own credentials: its app token, team owners (who is an admin),
 * users' emails, and new channels. Graph sends Deskbridge nothing: no ingress, no verify.
 */
export { AppTokenProvider } from './app-token';
export { GraphDirectory } from './directory';
export { TeamOwners } from './team-owners';
