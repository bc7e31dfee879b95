/**
 * Meta Lead Ads: the signature of its webhooks, their schemas, the Graph API read of a lead and
 * its mapping to a Deskbridge lead. Its webhook is the leads flow's (src/flows/leads/ingress.ts).
 */
export { metaSignature, verifyMetaSignature } from './verify';
export { metaChangeValueSchema, metaWebhookSchema, type Leadgen } from './schemas';
export { fetchLeadgen } from './client';
export { leadFromMeta } from './normalize';
