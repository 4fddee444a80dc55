// The registry: every source the engine polls, in the order it polls them for an account of its pipeline.
import { pipelineOf, type AccountSettings } from '../../core/settings';
import { airbyte } from './airbyte';
import { fivetran } from './fivetran';
import { mbiConnections } from './mbi-connections';
import { mbiUpdateCycle } from './mbi-update-cycle';
import type { Source } from './source';
import { stitch } from './stitch';

export const SOURCES: readonly Source[] = [mbiConnections, mbiUpdateCycle, fivetran, airbyte, stitch];

export function sourceFor(feed: string): Source | undefined {
  return SOURCES.find((s) => s.feed === feed);
}

/** The sources of the account's pipeline, in polling order. */
export function sourcesFor(account: Pick<AccountSettings, 'pipeline'>): Source[] {
  const pipeline = pipelineOf(account);
  return SOURCES.filter((s) => s.pipeline === pipeline);
}
