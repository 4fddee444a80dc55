// Zendesk's status API (JSON:API): `/api/ssp/services.json`, its services, then `/api/ssp/incidents.json`, a
// history of incidents; one is open while its `resolvedAt` is null (its `status` goes stale). The services an
// incident touches are in `included[]`.
import { isRecord } from '../../../core/keyed-record';
import { isWatched, readingOf, unknownReading, type StatusEvent, type EventLevel } from '../../../core/status';
import { lookup, text, timeOf, type StatusParser } from './parser';

/** As on Statuspage: `critical` is an outage; the `outage` flag says so too. */
const IMPACT: Readonly<Record<string, EventLevel>> = { minor: 'degraded', major: 'degraded', critical: 'outage' };

function levelOf(a: Record<string, unknown>): EventLevel | undefined {
  if (a.outage === true) return 'outage';
  if (a.degradation === true) return 'degraded';
  return lookup(IMPACT, a.impact);
}

const attributes = (x: unknown): Record<string, unknown> => (isRecord(x) && isRecord(x.attributes) ? x.attributes : {});

export const parseZendesk: StatusParser = (bodies, target) => {
  const [list, body] = bodies;
  if (!isRecord(list) || !Array.isArray(list.data) || !isRecord(body) || !Array.isArray(body.data)) return 'unreadable';
  // A watched service gone from the list: the allow-list no longer fits the page.
  const names = list.data.map((s) => attributes(s).name).filter((n) => typeof n === 'string');
  if (target.watch.some((w) => !names.some((name) => isWatched([w], { group: null, name: name.trim() }))))
    return unknownReading('component-missing');
  const included = Array.isArray(body.included) ? body.included.filter(isRecord) : [];
  const services = new Map(included.filter((s) => typeof s.id === 'string').map((s) => [s.id as string, s]));
  const events: StatusEvent[] = [];
  for (const incident of body.data.filter(isRecord)) {
    const a = attributes(incident);
    if (a.resolvedAt !== null && a.resolvedAt !== undefined) continue;
    const links =
      isRecord(incident.relationships) && isRecord(incident.relationships.incidentServices)
        ? incident.relationships.incidentServices.data
        : [];
    // The incident's services still affected, by name; an incident naming none of ours is elsewhere.
    const touched = (Array.isArray(links) ? links : [])
      .map((l) => (isRecord(l) && typeof l.id === 'string' ? services.get(l.id) : undefined))
      .map(attributes)
      .filter((s) => (s.resolvedAt === null || s.resolvedAt === undefined) && typeof s.serviceName === 'string')
      .filter((s) => isWatched(target.watch, { group: null, name: text(s.serviceName).trim() }));
    const level = [a, ...touched].map(levelOf).find((l) => l !== undefined);
    if (touched.length === 0 || level === undefined) continue;
    const event: StatusEvent = {
      kind: 'incident',
      id: text(incident.id),
      title: typeof a.name === 'string' ? a.name : `Incident ${text(incident.id)}`,
      level,
      // Zendesk publishes no page per incident: the status page itself.
      url: target.human,
    };
    const since = timeOf(a.startedAt);
    if (since !== undefined) event.since = since;
    events.push(event);
  }
  return readingOf(events);
};
