/**
 * The JSON error every endpoint answers with:
 * `{ "error": { "code": "snake_case", "message": "…", "details": [...] } }`.
 */
export interface ErrorBody {
    error: { code: string; message: string; details?: unknown[] };
}

/** An error that maps to one HTTP answer. Thrown by ingress code, rendered by the server. */
export class HttpError extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        message: string,
        readonly details?: unknown[],
        readonly headers?: Record<string, string>
    ) {
        super(message);
        this.name = 'HttpError';
    }

    /** The response body; never includes a stack or request data. */
    toBody(): ErrorBody {
        return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
    }
}

export const badRequest = (message: string, details?: unknown[]) => new HttpError(400, 'malformed_request', message, details);
export const unauthorized = (message = 'Missing or invalid credentials') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const notFound = (message = 'Not found') => new HttpError(404, 'not_found', message);
export const payloadTooLarge = (limit: number) => new HttpError(413, 'payload_too_large', `Request body exceeds the limit of ${limit} bytes`);
export const unsupportedMediaType = (expected: string) => new HttpError(415, 'unsupported_media_type', `Content-Type must be ${expected}`);

/** 422 from a zod error: each detail names the field path and what is wrong with it. */
export function schemaMismatch(issues: ReadonlyArray<ZodLikeIssue>): HttpError {
    return new HttpError(422, 'schema_mismatch', 'The body is valid but does not match the expected schema', issueDetails(issues));
}

type ZodLikeIssue = { path: ReadonlyArray<PropertyKey>; message: string };

/** One `{field, message}` detail per validation issue. */
export function issueDetails(issues: ReadonlyArray<ZodLikeIssue>): Array<{ field: string; message: string }> {
    return issues.map((i) => ({ field: i.path.map(String).join('.') || '(root)', message: i.message }));
}
