import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * How often the background thread copies the write-ahead log into the database file; skipped
 * while the log has not changed since the last copy, so an idle app's thread does nothing.
 */
const CHECKPOINT_INTERVAL_MS = 200;
/**
 * The main connection's own checkpoints, as a safety net: SQLite rewinds the log when a write
 * begins with everything in it copied, which a steady stream of writes can put off; past this many
 * pages (256 MB) the committing connection checkpoints once itself, and the log rewinds.
 */
const MAIN_THREAD_FALLBACK_PAGES = 65536;
/** The main connection's default, put back if the background thread dies. */
const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/** A WAL file larger than this is truncated back to it after the log restarts. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

// Plain JavaScript run with `eval`: the worker needs no build step or TypeScript loader, which keeps
// it identical under `node dist/…` and under the tests' tsx.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
const { statSync } = require('node:fs');
let seen = '';
function checkpoint() {
    try {
        // Nothing written since the last one (an idle app): nothing to copy, and no sync to pay.
        let now = '';
        try {
            const wal = statSync(workerData.file + '-wal');
            now = wal.size + ':' + wal.mtimeMs;
        } catch {}
        if (now === seen) return;
        // PASSIVE never waits for (nor holds up) the writer; RESTART or TRUNCATE would stall it.
        db.pragma('wal_checkpoint(PASSIVE)');
        seen = now;
    } catch (err) {
        parentPort.postMessage({ error: String((err && err.message) || err) });
    }
}
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
    if (message !== 'stop') return;
    clearInterval(timer);
    checkpoint();
    db.close();
    parentPort.close();
});
`;

export interface WalCheckpointer {
    /** Runs a last checkpoint and ends the thread. */
    stop(): Promise<void>;
}

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the connection that commits also
 * copies the log into the database file (and syncs it) every 1000 pages, inside a commit: under a
 * webhook burst that stalls every request for the copy. Here a worker thread with a connection of
 * its own checkpoints every {@link CHECKPOINT_INTERVAL_MS} without blocking writers; the main
 * connection keeps a distant automatic checkpoint as a safety net, and goes back to SQLite's
 * default if the thread fails. Durability is unchanged: commits are in the WAL either way, and
 * a checkpoint syncs before it copies.
 */
export function startWalCheckpointer(sqlite: BetterSqlite3.Database, file: string, onError: (err: Error) => void): WalCheckpointer {
    sqlite.pragma(`wal_autocheckpoint = ${MAIN_THREAD_FALLBACK_PAGES}`);
    sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { driver: require.resolve('better-sqlite3'), file, busyTimeoutMs: 5000, intervalMs: CHECKPOINT_INTERVAL_MS },
        // The thread needs little: a small heap keeps the process's memory down.
        resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 }
    });
    worker.unref();
    let stopping = false;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (message: { error?: string }) => {
        if (message.error) onError(new Error(`WAL checkpoint failed: ${message.error}`));
    });
    worker.on('error', (err) => {
        if (!sqlite.open) return;
        sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`);
        onError(new Error(`the WAL checkpoint thread stopped (${err.message}); checkpoints run on the main thread again`));
    });
    return {
        async stop() {
            if (!stopping) {
                stopping = true;
                worker.postMessage('stop');
            }
            await exited;
        }
    };
}
