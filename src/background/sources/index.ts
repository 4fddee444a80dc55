// The registry: every source the engine polls, in the order it polls them for an account.
import { mbiConnections } from './mbi-connections';
import { mbiUpdateCycle } from './mbi-update-cycle';
import type { Source } from './source';

export const SOURCES: readonly Source[] = [mbiConnections, mbiUpdateCycle];

export function sourceFor(feed: string): Source | undefined {
  return SOURCES.find((s) => s.feed === feed);
}
