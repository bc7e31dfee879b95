/**
 * n8n, where the AI workflow runs: the client that forwards a customer message to its Webhook
 * node (and reads a synchronous answer), the schema of its answers, and the check of its
 * callbacks. The callback's ingress is the WhatsApp flow's (src/flows/whatsapp/ingress.ts).
 */
export { N8nClient, answerOf, asNumberIfNumeric, DEFAULT_N8N_TIMEOUT_MS } from './client';
export { n8nReplySchema, type N8nInboundMessage, type N8nReply } from './schemas';
export { verifyN8nCallback } from './verify';
