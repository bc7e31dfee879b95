/**
 * RD Station Marketing: its webhook's token check, both of its payload formats and their mapping
 * to Deskbridge leads. Its webhook is the leads flow's (src/flows/leads/ingress.ts). RD is only
 * ever called by, never called: there is no client.
 */
export { verifyRdStationToken } from './verify';
export { rdStationWebhookSchema } from './schemas';
export { rdStationItems, type RdStationItem } from './normalize';
