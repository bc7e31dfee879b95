import { createHash } from 'node:crypto';
import type { SentPartsRepo } from '../../store/sent-parts-repo';

/**
 * Messages Deskbridge sent through the Salesbot come back as outgoing `message[add]` webhooks.
 * They are recognised by contact and text (Kommo gives no id for the send) and are not taken
 * for a salesperson typing.
 */
/** The key of a text sent to a contact, as its echo webhook will show it. */
export const echoKey = (contactId: string, text: string) => `text:${createHash('sha256').update(`${contactId}\n${text.trim().replace(/\s+/g, ' ')}`).digest('hex')}`;

export async function rememberSentText(sentParts: SentPartsRepo, contactId: string, text: string): Promise<void> {
    await sentParts.record('kommo', contactId, [echoKey(contactId, text)]);
}

export async function isSentByDeskbridge(sentParts: SentPartsRepo, contactId: string, text: string): Promise<boolean> {
    return (await sentParts.sentAmong('kommo', [echoKey(contactId, text)])).size > 0;
}
