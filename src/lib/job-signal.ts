import { AsyncLocalStorage } from 'node:async_hooks';
import type { AxiosInstance } from 'axios';

/**
 * The abort signal of the outbox job running in this async context. The worker fires it at the
 * job timeout (`OUTBOX_JOB_TIMEOUT_MS`): a send that has timed out is cancelled rather than left
 * to land after its retry has been scheduled, which would post twice.
 */
const storage = new AsyncLocalStorage<AbortSignal>();

/** Runs `fn` with `signal` as the current job's signal. */
export function runWithJobSignal<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
    return storage.run(signal, fn);
}

/** The current job's signal, when running inside a job. */
export function currentJobSignal(): AbortSignal | undefined {
    return storage.getStore();
}

/** Throws the signal's reason when the current job has been aborted (before a side effect). */
export function throwIfJobAborted(): void {
    currentJobSignal()?.throwIfAborted();
}

/**
 * Makes every request of an axios client made inside a job end when the job is aborted (unless
 * the request brings its own signal).
 */
export function cancelWithJob(http: AxiosInstance): AxiosInstance {
    http.interceptors.request.use((config) => {
        const signal = currentJobSignal();
        if (signal && !config.signal) config.signal = signal;
        return config;
    });
    return http;
}
