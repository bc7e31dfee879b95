import { createRequire } from 'node:module';
import { deferModuleLoad } from '../lib/defer-module';

// Deskbridge uses the Teams AI library's Application with no user sign-in configured, yet
// Application.js loads the sign-in dialogs: botbuilder-dialogs, with its natural-language
// recognizers, ~30 MB of a process that otherwise idles near 130 MB. They now load the first time
// sign-in is used (never, in Deskbridge today). Must run before Application.js is loaded: see
// ./teams-ai.ts. Checked against @microsoft/teams-ai 1.7.4 by test/teams/teams-ai-footprint.test.ts.
const fromTeamsAi = createRequire(require.resolve('@microsoft/teams-ai/lib/Application'));
deferModuleLoad(fromTeamsAi, 'botbuilder-dialogs');
// Subclasses a dialog as it loads, so it waits too; only Teams SSO sign-in creates one.
deferModuleLoad(fromTeamsAi, './authentication/TeamsBotSsoPrompt');
