import { DeliveryError, classifyError, isRetryableStatus } from './delivery-error';

interface AxiosLikeError {
    message?: string;
    code?: string;
    response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
}

/**
 * An HTTP client failure (axios) as a {@link DeliveryError}, rebuilt from the status, headers and
 * the vendor's own explanation only — never from the request config, which holds tokens.
 * `explain` reads the vendor's error body (message and code); the text becomes
 * "<Vendor> says: <message> (HTTP <status>)".
 */
export function httpClientError(
    err: unknown,
    peer: string,
    options: { vendor?: string; explain?: (data: unknown) => { message?: string; code?: string } | undefined; retryAfterMs?: (status: number, headers: Record<string, unknown>) => number | undefined } = {}
): DeliveryError {
    if (err instanceof DeliveryError) return err;
    const e = err as AxiosLikeError;
    const status = e.response?.status;
    // Network errors carry no response: keep only their code and message.
    if (status === undefined) return classifyError({ message: e.message, code: e.code }, peer);
    const headers = e.response?.headers ?? {};
    const found = options.explain?.(e.response?.data);
    const classified = classifyError({ message: found?.message ?? e.message, response: { status, headers } }, peer);
    const message = found?.message ? `${options.vendor ?? peer} says: ${found.message} (HTTP ${status})` : `${peer} answered ${status}`;
    return new DeliveryError(message, isRetryableStatus(status), { status, retryAfterMs: classified.retryAfterMs ?? options.retryAfterMs?.(status, headers), peer, code: found?.code });
}
