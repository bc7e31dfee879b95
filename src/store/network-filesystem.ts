import { statfsSync } from 'node:fs';

/**
 * Filesystem magic numbers (Linux `statfs(2)`, `f_type`) of network filesystems. SQLite's WAL
 * mode keeps its index in shared memory and relies on POSIX locks that these do not provide
 * across machines (https://sqlite.org/wal.html, "WAL does not work over a network filesystem").
 * Azure App Service mounts `/home` over SMB (`cifs`/`smb2`).
 */
const NETWORK_FILESYSTEMS: ReadonlyMap<number, string> = new Map([
    [0x6969, 'nfs'],
    [0x517b, 'smb'],
    [0xff534d42, 'cifs'],
    [0xfe534d42, 'smb2'],
    [0x5346414f, 'afs'],
    [0x00c36400, 'ceph'],
    [0x0bd00bd0, 'lustre'],
    [0x47504653, 'gpfs']
]);

/** The name of the network filesystem a `statfs` type denotes, or undefined for a local one. */
export function networkFilesystemName(type: number): string | undefined {
    return NETWORK_FILESYSTEMS.get(type >>> 0);
}

/** The filesystem type of the folder, as `statfs(2)` reports it; undefined where it cannot tell. */
export function filesystemTypeOf(folder: string): number | undefined {
    try {
        return Number(statfsSync(folder).type);
    } catch {
        return undefined;
    }
}

/** Thrown when a SQLite database would run in WAL mode on a network filesystem. */
export class UnsafeSqliteLocationError extends Error {
    constructor(file: string, filesystem: string) {
        super(
            `the SQLite database ${file} is on a network filesystem (${filesystem}), where SQLite's write-ahead log is unsafe and data can be lost. ` +
                'Set DATABASE_URL to a PostgreSQL server (postgres://…; `infra/azure.bicep` provisions one on Azure), or to a file on a local disk (e.g. sqlite:/tmp/deskbridge.db for a throw-away instance).'
        );
        this.name = 'UnsafeSqliteLocationError';
    }
}
