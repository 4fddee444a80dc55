// Google's Ads status dashboard `incidents.json`: a history of incidents; one is open while it has no end.
import { isRecord } from '../../../core/keyed-record';
import { isWatched, readingOf, type StatusEvent, type EventLevel } from '../../../core/status';
import { lookup, text, timeOf, type StatusParser } from './parser';

/** `SERVICE_INFORMATION` informs and joins nothing. */
const IMPACT: Readonly<Record<string, EventLevel>> = { SERVICE_OUTAGE: 'outage', SERVICE_DISRUPTION: 'degraded' };

/** The product titles an incident names: its affected products, or its service (written with a leading space). */
function productsOf(incident: Record<string, unknown>): string[] {
  const lists = [incident.affected_products, incident.currently_affected_products].filter(Array.isArray);
  const titles = lists.flat().flatMap((p) => (isRecord(p) && typeof p.title === 'string' ? [p.title.trim()] : []));
  if (typeof incident.service_name === 'string') titles.push(incident.service_name.trim());
  return titles;
}

export const parseGoogle: StatusParser = (bodies, target) => {
  const body = bodies[0];
  if (!Array.isArray(body)) return 'unreadable';
  const events: StatusEvent[] = [];
  for (const incident of body.filter(isRecord)) {
    const open = incident.end === undefined || incident.end === null || incident.end === '';
    const level = lookup(IMPACT, incident.status_impact);
    const product = productsOf(incident).find((name) => isWatched(target.watch, { group: null, name }));
    if (!open || !level || product === undefined) continue;
    const uri = typeof incident.uri === 'string' && /^incidents\/[\w-]{1,64}$/.test(incident.uri) ? incident.uri : '';
    const event: StatusEvent = {
      kind: 'incident',
      id: text(incident.id),
      title: typeof incident.external_desc === 'string' ? incident.external_desc : `${product} incident`,
      level,
      product,
      url: uri ? `${target.human}/${uri}` : target.human,
    };
    const since = timeOf(incident.begin);
    if (since !== undefined) event.since = since;
    events.push(event);
  }
  return readingOf(events);
};
