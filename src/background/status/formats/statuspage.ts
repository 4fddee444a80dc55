// Atlassian Statuspage v2 `summary.json`: page, components (with groups), unresolved incidents, maintenances.
import { isRecord } from '../../../core/keyed-record';
import { isWatched, readingOf, unknownReading, type StatusEvent, type EventLevel } from '../../../core/status';
import { linkOn, lookup, text, timeOf, type StatusParser } from './parser';

const COMPONENT: Readonly<Record<string, EventLevel | 'operational'>> = {
  operational: 'operational',
  degraded_performance: 'degraded',
  partial_outage: 'degraded',
  major_outage: 'outage',
  under_maintenance: 'maintenance',
};

/** An incident's impact; `none` is informational and joins nothing. */
const IMPACT: Readonly<Record<string, EventLevel>> = { minor: 'degraded', major: 'degraded', critical: 'outage' };
const OPEN_INCIDENT = new Set(['investigating', 'identified', 'monitoring']);
const ACTIVE_MAINTENANCE = new Set(['in_progress', 'verifying']);

interface Component {
  id: string;
  name: string;
  group: string | null;
  status: string;
}

function componentsOf(raw: unknown[]): Component[] {
  const items = raw.filter(isRecord);
  const groups = new Map(
    items.filter((c) => c.group === true && typeof c.id === 'string').map((c) => [c.id as string, text(c.name)]),
  );
  return items
    .filter((c) => c.group !== true && typeof c.id === 'string' && typeof c.name === 'string')
    .map((c) => ({
      id: c.id as string,
      name: c.name as string,
      group: typeof c.group_id === 'string' ? (groups.get(c.group_id) ?? null) : null,
      status: text(c.status),
    }));
}

/** The component ids an incident's updates name as affected. */
function affectedIds(incident: Record<string, unknown>): Set<string> {
  const ids = new Set<string>();
  const updates = Array.isArray(incident.incident_updates) ? incident.incident_updates : [];
  for (const update of updates.filter(isRecord)) {
    const affected = Array.isArray(update.affected_components) ? update.affected_components : [];
    for (const c of affected.filter(isRecord)) if (typeof c.code === 'string') ids.add(c.code);
  }
  // Maintenances list their components directly.
  const components = Array.isArray(incident.components) ? incident.components : [];
  for (const c of components.filter(isRecord)) if (typeof c.id === 'string') ids.add(c.id);
  return ids;
}

export const parseStatuspage: StatusParser = (bodies, target) => {
  const body = bodies[0];
  if (!isRecord(body) || !isRecord(body.page)) return 'unreadable';
  const { pageId, pageName } = target.page;
  if ((pageId !== undefined && body.page.id !== pageId) || (pageName !== undefined && body.page.name !== pageName))
    return unknownReading('page-changed');
  const components = Array.isArray(body.components) ? componentsOf(body.components) : [];
  const watched = components.filter((c) => isWatched(target.watch, c));
  // A watched component that is gone means the allow-list no longer fits the page.
  if (target.watch.length > 0 && target.watch.some((w) => !components.some((c) => isWatched([w], c))))
    return unknownReading('component-missing');
  const watchedIds = new Set(watched.map((c) => c.id));
  const touches = (ids: Set<string>) => target.watch.length === 0 || [...ids].some((id) => watchedIds.has(id));
  const events: StatusEvent[] = [];
  // After the incidents and maintenances: of one level, theirs is the title to show.
  const componentEvents: StatusEvent[] = [];
  let unrecognized = false;
  for (const c of watched) {
    const level = lookup(COMPONENT, c.status);
    if (level === undefined) unrecognized = true;
    else if (level !== 'operational')
      componentEvents.push({
        kind: level === 'maintenance' ? 'maintenance' : 'component',
        id: c.id,
        title: c.name,
        level,
        url: target.human,
      });
  }
  const incidents = Array.isArray(body.incidents) ? body.incidents.filter(isRecord) : [];
  for (const incident of incidents) {
    const level = lookup(IMPACT, incident.impact);
    if (!level || !OPEN_INCIDENT.has(text(incident.status)) || !touches(affectedIds(incident))) continue;
    const event: StatusEvent = {
      kind: 'incident',
      id: text(incident.id),
      title: text(incident.name),
      level,
      url: linkOn(target.human, 'incidents', incident.id),
    };
    const since = timeOf(incident.started_at) ?? timeOf(incident.created_at);
    if (since !== undefined) event.since = since;
    events.push(event);
  }
  const maintenances = Array.isArray(body.scheduled_maintenances) ? body.scheduled_maintenances.filter(isRecord) : [];
  for (const m of maintenances) {
    if (!ACTIVE_MAINTENANCE.has(text(m.status)) || !touches(affectedIds(m))) continue;
    const event: StatusEvent = {
      kind: 'maintenance',
      id: text(m.id),
      title: text(m.name),
      level: 'maintenance',
      url: linkOn(target.human, 'incidents', m.id),
    };
    const since = timeOf(m.started_at) ?? timeOf(m.scheduled_for);
    if (since !== undefined) event.since = since;
    events.push(event);
  }
  const reading = readingOf([...events, ...componentEvents]);
  return unrecognized && reading.level === 'operational'
    ? { ...reading, level: 'unknown', reason: 'unreadable' }
    : reading;
};
