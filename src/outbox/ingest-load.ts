/**
 * How fast webhook deliveries are arriving in this process, so that the worker can give the
 * ingest the event loop during a burst (see `OutboxWorker`).
 *
 * The ingest and the worker share one thread. During a burst a sender is waiting for each
 * acknowledgement (Intercom prefers an answer within 500 ms and gives up after 5 s), while the
 * worker's jobs can wait: once deliveries come faster than Teams takes posts — 30 a second for a
 * whole tenant — the relay is behind whatever the worker does, so its conversions gain nothing by
 * running first.
 *
 * Counted in two buckets of `windowMs`: the rate over the last window is the current bucket plus
 * the part of the previous one that still falls inside the window. One addition per delivery.
 */
export class IngestLoad {
    private bucket = 0;
    private current = 0;
    private previous = 0;

    /**
     * @param burstPerSecond deliveries a second from which the ingest counts as a burst. 100 is
     *   over three times the Teams tenant's 30 posts a second and five times a steady 20 deliveries
     *   a second (the relay scenario of the benchmark), which must not be slowed.
     * @param windowMs how far back the rate looks: short, so the worker is at full speed again a
     *   tenth of a second after a burst ends.
     */
    constructor(
        readonly burstPerSecond = 100,
        readonly windowMs = 100
    ) {}

    /** `count` deliveries arrived (a multi-item delivery counts each item). */
    record(count = 1, now = Date.now()): void {
        this.roll(now);
        this.current += count;
    }

    /** Whether deliveries arrived at `burstPerSecond` or faster over the last `windowMs`. */
    bursting(now = Date.now()): boolean {
        this.roll(now);
        const intoBucket = (now % this.windowMs) / this.windowMs;
        const inWindow = this.current + this.previous * (1 - intoBucket);
        return inWindow >= (this.burstPerSecond * this.windowMs) / 1000;
    }

    private roll(now: number): void {
        const bucket = Math.floor(now / this.windowMs);
        if (bucket === this.bucket) return;
        this.previous = bucket === this.bucket + 1 ? this.current : 0;
        this.current = 0;
        this.bucket = bucket;
    }
}
