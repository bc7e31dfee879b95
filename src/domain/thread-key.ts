/**
 * A thread key split into the system it belongs to and that system's id
 * (`intercom:123`, `kommo:93589657`, `lead:7`).
 */
export function splitThreadKey(threadKey: string): { source: string; id: string } {
    const colon = threadKey.indexOf(':');
    return { source: threadKey.slice(0, colon), id: threadKey.slice(colon + 1) };
}
