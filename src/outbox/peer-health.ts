const HOUR_MS = 3_600_000;

export interface PeerHealthView {
    lastSuccessAt: number | null;
    lastFailureAt: number | null;
    lastError: string | null;
    callsLastHour: number;
    /** Failed share of the last hour's calls, 0–1; null without calls. */
    errorRateLastHour: number | null;
}

/**
 * Outcomes of the calls to each peer, as this process saw them (the worker records each job
 * run): the last success and failure, and the error rate over the last hour.
 */
export class PeerHealth {
    private readonly peers = new Map<string, { lastSuccessAt: number | null; lastFailureAt: number | null; lastError: string | null; events: Array<{ at: number; ok: boolean }> }>();

    record(peer: string, ok: boolean, error?: string, at = Date.now()): void {
        const p = this.peers.get(peer) ?? { lastSuccessAt: null, lastFailureAt: null, lastError: null, events: [] };
        if (ok) p.lastSuccessAt = at;
        else {
            p.lastFailureAt = at;
            p.lastError = (error ?? 'failed').slice(0, 300);
        }
        p.events.push({ at, ok });
        // Keep one hour of outcomes, bounded.
        while (p.events.length > 0 && (p.events[0]!.at < at - HOUR_MS || p.events.length > 10_000)) p.events.shift();
        this.peers.set(peer, p);
    }

    view(peer: string, now = Date.now()): PeerHealthView {
        const p = this.peers.get(peer);
        if (!p) return { lastSuccessAt: null, lastFailureAt: null, lastError: null, callsLastHour: 0, errorRateLastHour: null };
        const recent = p.events.filter((e) => e.at >= now - HOUR_MS);
        const failures = recent.filter((e) => !e.ok).length;
        return { lastSuccessAt: p.lastSuccessAt, lastFailureAt: p.lastFailureAt, lastError: p.lastError, callsLastHour: recent.length, errorRateLastHour: recent.length ? failures / recent.length : null };
    }
}
