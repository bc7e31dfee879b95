import type { ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();

/**
 * Registers a child process a test started, so that the end of the run kills it if the test
 * could not (a failed assertion before its `finally`, a timeout).
 */
export function trackChild<T extends ChildProcess>(child: T): T {
    running.add(child);
    child.once('exit', () => running.delete(child));
    return child;
}

/** Kills every tracked child still running and waits (up to 5 s each) for it to exit. */
export async function killTrackedChildren(): Promise<number> {
    const left = [...running].filter((child) => child.exitCode === null && child.signalCode === null);
    await Promise.all(
        left.map(
            (child) =>
                new Promise<void>((resolve) => {
                    const timer = setTimeout(resolve, 5_000);
                    child.once('exit', () => (clearTimeout(timer), resolve()));
                    child.kill('SIGKILL');
                })
        )
    );
    running.clear();
    return left.length;
}

/** Whether a process (any, not only a tracked one) is still running. */
export function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}
