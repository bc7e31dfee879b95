import { z } from 'zod/v4';

/**
 * Ids that arrive from outside (webhooks, callbacks, buttons) and end up in database keys and in
 * vendor URL paths. Every one is bounded and has a format, so no delivery can store a 100,000
 * character key or make Deskbridge call `/conversations/../admins`.
 */

/** The longest external id accepted: Intercom notification ids are ~40 characters, UUIDs 36. */
export const MAX_ID_LENGTH = 128;

const EXTERNAL_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/;

/** True when a string is a bounded opaque id (letters, digits, `_ . : @ -`; never `.` or `..`). */
export function isExternalId(value: string): boolean {
    return value.length <= MAX_ID_LENGTH && EXTERNAL_ID.test(value) && !value.split(/[/:]/).some((part) => part === '.' || part === '..');
}

/**
 * An id that arrives as a string or as a safe non-negative integer, as a string. Only the number is
 * converted; a string passes through no transform. With zod 4 a transform run on a string parsed
 * from a request body kept something alive past V8's next young-generation collection: checking
 * 1,000 different Intercom envelopes in a loop kept 320 KB a collection with the transform on every
 * id, under 3 KB without (README, Benchmarks).
 */
const stringOrIntegerId = z.union([z.string(), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).transform(String)]);

/** An opaque id from a peer (notification ids, message UUIDs, external lead keys), as a string. */
export const externalId = stringOrIntegerId.refine(isExternalId, `must be an id of at most ${MAX_ID_LENGTH} letters, digits or _ . : @ -`);

/** A numeric id (Intercom conversations, Kommo contacts and leads, Meta leads), as a string of digits. */
export const numericId = stringOrIntegerId.refine((v) => /^\d{1,32}$/.test(v), 'must be a numeric id (at most 32 digits)');
