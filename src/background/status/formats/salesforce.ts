// Salesforce Trust, one instance (`/v1/instances/{KEY}/status`): its status and its incidents. Trust's
// incidents carry no title: one is written from their type and the services they touch.
import { isRecord } from '../../../core/keyed-record';
import { readingOf, unknownReading, type StatusEvent, type EventLevel } from '../../../core/status';
import { linkOn, lookup, text, timeOf, type StatusParser } from './parser';

/** The instance's status; a non-core incident leaves the core services (the API MBI calls) working. */
const STATUS: Readonly<Record<string, EventLevel | 'operational'>> = {
  OK: 'operational',
  INFORMATIONAL_NONCORE: 'operational',
  INFORMATIONAL_CORE: 'operational',
  MAINTENANCE_NONCORE: 'operational',
  MAINTENANCE_CORE: 'maintenance',
  MINOR_INCIDENT_NONCORE: 'operational',
  MAJOR_INCIDENT_NONCORE: 'degraded',
  MINOR_INCIDENT_CORE: 'degraded',
  MAJOR_INCIDENT_CORE: 'outage',
};

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s) => typeof s === 'string') : []);

/** An open core incident, as bad as the instance's status says, or worse when one of its impacts is major. */
function incidentEvent(
  incident: Record<string, unknown>,
  instance: string,
  human: string,
  level: 'degraded' | 'outage',
): StatusEvent {
  const impacts = Array.isArray(incident.IncidentImpacts) ? incident.IncidentImpacts.filter(isRecord) : [];
  const major = impacts.some((i) => i.severity === 'major');
  const type = typeof incident.type === 'string' ? incident.type : 'Incident';
  const services = strings(incident.serviceKeys);
  // Its latest event's message when it has a short one, else its type and what it touches.
  const events = Array.isArray(incident.IncidentEvents) ? incident.IncidentEvents.filter(isRecord) : [];
  const message = events.map((e) => e.message).findLast((m) => typeof m === 'string' && m.trim() !== '');
  const said = typeof message === 'string' && message.length <= 200 ? message.trim() : undefined;
  const event: StatusEvent = {
    kind: 'incident',
    id: text(incident.id),
    title: said ?? `${type} on ${instance}${services.length ? ` (${services.join(', ')})` : ''}`,
    level: major ? 'outage' : level,
    url: linkOn(human.replace(/\/instances\/.*$/, ''), 'incidents', text(incident.id)),
  };
  const since = timeOf(incident.createdAt);
  if (since !== undefined) event.since = since;
  return event;
}

export const parseSalesforce: StatusParser = (bodies, target) => {
  const body = bodies[0];
  if (!isRecord(body) || typeof body.key !== 'string' || typeof body.status !== 'string') return 'unreadable';
  const instance = target.target.slice(target.target.indexOf(':') + 1).toUpperCase();
  if (body.key.toUpperCase() !== instance) return unknownReading('page-changed');
  const level = lookup(STATUS, body.status);
  if (level === undefined) return unknownReading('unreadable');
  if (level === 'operational') return readingOf([]);
  // Core incidents that are not resolved: the ones that can stop MBI's calls.
  const incidents = (Array.isArray(body.Incidents) ? body.Incidents.filter(isRecord) : [])
    .filter((i) => i.status !== 'Resolved' && i.isCore !== false)
    .map((i) => incidentEvent(i, body.key as string, target.human, level === 'outage' ? 'outage' : 'degraded'));
  if (level === 'maintenance' || incidents.length === 0)
    incidents.push({
      kind: level === 'maintenance' ? 'maintenance' : 'component',
      id: body.key,
      title: `${body.key} (${body.status})`,
      level,
      url: target.human,
    });
  return readingOf(incidents);
};
