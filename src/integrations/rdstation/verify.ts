import { secretEquals } from '../../lib/constant-time';

/**
 * RD Station Marketing signs no webhook: the URL Deskbridge gives RD carries
 * `?token=RDSTATION_WEBHOOK_TOKEN`, compared in constant time.
 */
export function verifyRdStationToken(presented: string | undefined, expected: string): boolean {
    return secretEquals(presented, expected);
}
