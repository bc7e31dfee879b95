/**
 * `npm start` runs the app through a shell (`sh -c "node …"`). npm forwards SIGTERM/SIGINT to that
 * shell, and a POSIX shell waiting for a command dies of the signal without passing it on: node
 * would keep running, and listening, with no parent. Under npm, the app therefore also stops when
 * its parent process goes away (its parent pid changes).
 *
 * Only under npm (`npm_lifecycle_event` set): started directly, e.g. with `nohup node …`, losing
 * the parent is normal and must not stop the app.
 * @returns a function that stops watching.
 */
export function stopWhenNpmParentExits(onGone: () => void, env: NodeJS.ProcessEnv = process.env, intervalMs = 250): () => void {
    if (!env.npm_lifecycle_event || process.platform === 'win32') return () => undefined;
    const parent = process.ppid;
    const timer = setInterval(() => {
        if (process.ppid !== parent) {
            clearInterval(timer);
            onGone();
        }
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
}
