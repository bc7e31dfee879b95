/**
 * How an outbound call failed, decided once where the failure is seen (the peer's client) so
 * that the outbox only has to read `retryable` and `retryAfterMs`.
 */
export class DeliveryError extends Error {
    constructor(
        message: string,
        readonly retryable: boolean,
        readonly options: { status?: number; retryAfterMs?: number; peer?: string; cause?: unknown; /** The peer's own error code, e.g. Intercom's `not_found`. */ code?: string } = {}
    ) {
        super(message);
        this.name = 'DeliveryError';
    }
    get status(): number | undefined {
        return this.options.status;
    }
    get retryAfterMs(): number | undefined {
        return this.options.retryAfterMs;
    }
}

/** Statuses worth retrying: the request may succeed later unchanged. */
export function isRetryableStatus(status: number): boolean {
    return status === 408 || status === 412 || status === 429 || status >= 500;
}

const NETWORK_CODES = new Set([
    'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
    'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'REQUEST_SEND_ERROR', 'ERR_NETWORK', 'ERR_SOCKET_CONNECTION_TIMEOUT'
]);

/**
 * Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds from `now`.
 * Returns undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
    if (value === null || value === undefined || value.trim() === '') return undefined;
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface ErrorLike {
    name?: string;
    code?: string;
    message?: string;
    statusCode?: number;
    status?: number;
    response?: { status?: number; headers?: { get?: (name: string) => string | null | undefined } | Record<string, unknown> };
    cause?: unknown;
}

function headerOf(headers: unknown, name: string): string | undefined {
    if (!headers || typeof headers !== 'object') return undefined;
    const getter = (headers as { get?: unknown }).get;
    if (typeof getter === 'function') {
        const v = (getter as (n: string) => unknown).call(headers, name);
        return typeof v === 'string' ? v : undefined;
    }
    const record = headers as Record<string, unknown>;
    const v = record[name] ?? record[name.toLowerCase()];
    return typeof v === 'string' ? v : undefined;
}

/**
 * Classifies any error thrown by an outbound call (axios, the Bot Framework connector, fetch,
 * sockets): network errors, timeouts, 408, 412, 429 and 5xx are retryable; other statuses are
 * permanent; anything unrecognised is retried (a bug should end in a dead letter, not vanish).
 */
export function classifyError(err: unknown, peer?: string): DeliveryError {
    if (err instanceof DeliveryError) return err;
    const e = (err ?? {}) as ErrorLike;
    const status = e.statusCode ?? e.response?.status ?? (typeof e.status === 'number' ? e.status : undefined);
    const retryAfterMs = parseRetryAfter(headerOf(e.response?.headers, 'retry-after'));
    const message = e.message ?? String(err);
    if (typeof status === 'number' && status >= 400) {
        return new DeliveryError(`${peer ?? 'peer'} answered ${status}: ${message}`.slice(0, 500), isRetryableStatus(status), { status, retryAfterMs, peer, cause: err });
    }
    const code = e.code ?? (e.cause as ErrorLike | undefined)?.code;
    if ((code && NETWORK_CODES.has(code)) || e.name === 'TimeoutError' || e.name === 'AbortError') {
        return new DeliveryError(`${peer ?? 'peer'} unreachable: ${code ?? e.name}: ${message}`.slice(0, 500), true, { peer, cause: err });
    }
    return new DeliveryError(`${peer ?? 'peer'} call failed: ${message}`.slice(0, 500), true, { peer, cause: err });
}
