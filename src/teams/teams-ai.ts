// The Teams AI library classes Deskbridge runs on, imported from their own files: the package's
// index loads every feature (planners, GPT tokenizers, models, embeddings, the OpenAI client…),
// ~25 MB Deskbridge never uses. Import runtime values from here, not from '@microsoft/teams-ai'
// (ESLint enforces it).
import './teams-ai-deferrals';

export { Application, type ApplicationOptions } from '@microsoft/teams-ai/lib/Application';
export { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
export type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
