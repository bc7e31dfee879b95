/**
 * Kommo CRM, the WhatsApp side of Deskbridge: its webhook (`ingress`, feeding the WhatsApp and
 * leads flows), its API v4 client, and its jobs (sends through the Salesbot, notes).
 */
export { kommoIngress } from './ingress';
export { KommoClient, KOMMO_JOB_LIMITS, KOMMO_REQUEST_LIMITS } from './client';
export { kommoNoteJob, kommoSendJob, kommoSendHandlers } from './jobs';
export { isSentByDeskbridge, rememberSentText } from './echo';
