import { secretEquals } from '../../lib/constant-time';

/**
 * Kommo signs no webhook: the secret is the `token` of the webhook URL Deskbridge gives Kommo
 * (`KOMMO_WEBHOOK_TOKEN`), compared in constant time.
 */
export function verifyKommoToken(presented: string | undefined, expected: string): boolean {
    return secretEquals(presented, expected);
}

/** When `KOMMO_ACCOUNT_ID` is set, only that account's webhooks are taken. */
export const isOwnAccount = (accountId: string | undefined, expected: string | undefined): boolean => !expected || accountId === expected;
