/**
 * Intercom, the first helpdesk of the support flow: its webhook (`ingress`), its REST client and
 * directory, the adapter the support flow acts through, and its jobs (mirror, sync), which
 * src/flows/support/ registers.
 */
import { describeWith } from './adapter';
import type { IntercomDirectory } from './directory';

export { intercomIngress } from './ingress';
export { IntercomClient } from './client';
export { IntercomDirectory } from './directory';
export { intercomAdapter, describeWith } from './adapter';
export { syncJob, mirrorEventJob, mirrorEventHandler, intercomSyncHandler, MIRROR_EVENT_JOB, SYNC_JOB } from './jobs';

/** The directory's names for a snapshot's assignees (the support flow's `describe`). */
export const intercomDescribe = (directory: IntercomDirectory | undefined) => (directory ? (s: Parameters<typeof describeWith>[1]) => describeWith(directory, s) : undefined);
