// Adobe's status feed (`adobestatus/StatusEvents`, undocumented): incidents and maintenances of the last
// 40 days, each over several products; a product's event is open while its latest history entry is open
// and it has not ended. Products are matched by cloud and name (their ids changed with Adobe's registry).
import { isRecord } from '../../../core/keyed-record';
import { isWatched, readingOf, type StatusEvent, type EventLevel } from '../../../core/status';
import { lookup, secondsOf, text, type StatusParser } from './parser';

const OPEN = new Set(['opened', 'started', 'updated', 'reopened', 'discovery']);
const SEVERITY: Readonly<Record<string, EventLevel>> = {
  critical: 'outage',
  major: 'outage',
  minor: 'degraded',
  potential: 'degraded',
};

const values = (x: unknown): Record<string, unknown>[] =>
  isRecord(x) ? Object.values(x).filter(isRecord) : Array.isArray(x) ? x.filter(isRecord) : [];

/** The latest entry of a product's history (keyed by epoch seconds). */
function latest(history: unknown): Record<string, unknown> | undefined {
  if (!isRecord(history)) return undefined;
  const keys = Object.keys(history).sort((a, b) => Number(a) - Number(b));
  const entry = history[keys[keys.length - 1] ?? ''];
  return isRecord(entry) ? entry : undefined;
}

/** The cloud a product of this event is in: the one listing it, or the event's only cloud. */
function cloudOf(event: Record<string, unknown>, productId: string): string | null {
  const clouds = values(event.clouds);
  const listing = clouds.find((c) => Array.isArray(c.cloudProducts) && c.cloudProducts.map(text).includes(productId));
  const cloud = listing ?? (clouds.length === 1 ? clouds[0] : undefined);
  return typeof cloud?.name === 'string' ? cloud.name : null;
}

function titleOf(section: Record<string, unknown>, token: unknown): string | undefined {
  const messages = isRecord(section.messages) && isRecord(section.messages.en) ? section.messages.en : {};
  const message = typeof token === 'string' ? messages[token] : undefined;
  return isRecord(message) && typeof message.textMessage === 'string' ? message.textMessage : undefined;
}

function eventsOf(
  section: unknown,
  list: string,
  maintenance: boolean,
  human: string,
  watch: Parameters<typeof isWatched>[0],
  now: number,
): StatusEvent[] {
  if (!isRecord(section)) return [];
  const out: StatusEvent[] = [];
  for (const event of values(section[list])) {
    for (const product of values(event.products)) {
      const id = text(product.id);
      const name = typeof product.name === 'string' ? product.name : '';
      const entry = latest(product.history);
      const ended = typeof product.endedOn === 'number' && product.endedOn > 0 && product.endedOn * 1000 <= now;
      if (!entry || ended || !OPEN.has(text(entry.status)) || !isWatched(watch, { group: cloudOf(event, id), name }))
        continue;
      const level = maintenance ? 'maintenance' : lookup(SEVERITY, entry.severity);
      if (level === undefined) continue;
      const eventId = text(event.id);
      const item: StatusEvent = {
        kind: maintenance ? 'maintenance' : 'incident',
        id: `${eventId}/${id}`,
        title: titleOf(section, entry.titleToken) ?? `${name} ${maintenance ? 'maintenance' : 'incident'}`,
        level,
        product: name,
        url: /^\w{1,40}$/.test(id) && /^\w{1,40}$/.test(eventId) ? `${human}/products/${id}/${eventId}` : human,
      };
      const since = secondsOf(product.startedOn) ?? secondsOf(event.startedOn);
      if (since !== undefined) item.since = since;
      out.push(item);
    }
  }
  return out;
}

export const parseAdobe: StatusParser = (bodies, target, now) => {
  const body = bodies[0];
  if (!isRecord(body) || (!isRecord(body.incidentEvent) && !isRecord(body.maintenanceEvent))) return 'unreadable';
  return readingOf([
    ...eventsOf(body.incidentEvent, 'incidents', false, target.human, target.watch, now),
    ...eventsOf(body.maintenanceEvent, 'maintenance', true, target.human, target.watch, now),
  ]);
};
