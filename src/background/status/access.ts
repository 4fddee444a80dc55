// The status pages the popup may ask access to: all of them at once, so the admin is asked once.
import { statusHosts, statusOrigins } from '../../core/status-pages';
import type { PopupModel } from '../../core/popup-model';
import type { WatchView } from '../../core/view';
import { neededTargets } from '../../core/outage';

export { statusOrigins };

/** What the popup offers when a needed page's host may not be read; undefined when none is missing. */
export function statusAccess(view: WatchView, missingHosts: readonly string[]): PopupModel['statusAccess'] {
  if (missingHosts.length === 0) return undefined;
  const sources = [...neededTargets(view).values()]
    .filter((t) => missingHosts.some((h) => t.urls[0]?.includes(`//${h}/`)))
    .map((t) => t.page.name);
  return {
    sources: [...new Set(sources)],
    hosts: statusHosts(),
    origins: statusOrigins(),
  };
}
