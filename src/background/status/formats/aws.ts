// AWS Health's public `currentevents`: a flat list of events by service id ("rds-us-east-1"); "1" is open.
// The body is UTF-16 with a byte-order mark: the fetch decodes it by its mark before it gets here.
import { isRecord } from '../../../core/keyed-record';
import { isWatched, readingOf, type StatusEvent } from '../../../core/status';
import { secondsOf, timeOf, type StatusParser } from './parser';

export const parseAws: StatusParser = (bodies, target) => {
  const body = bodies[0];
  if (!Array.isArray(body)) return 'unreadable';
  const events: StatusEvent[] = [];
  for (const [index, item] of body.filter(isRecord).entries()) {
    if (item.status !== '1' || typeof item.service !== 'string') continue;
    if (!isWatched(target.watch, { id: item.service, group: null, name: '' })) continue;
    const region = typeof item.region_name === 'string' ? ` (${item.region_name})` : '';
    const event: StatusEvent = {
      kind: 'incident',
      id: typeof item.arn === 'string' ? item.arn : `${item.service}#${index}`,
      title: `${typeof item.summary === 'string' ? item.summary : item.service}${region}`,
      // AWS gives no severity on this feed: an open event is a disruption, not necessarily an outage.
      level: 'degraded',
      url: target.human,
    };
    const since = secondsOf(item.date) ?? timeOf(item.date);
    if (since !== undefined) event.since = since;
    events.push(event);
  }
  return readingOf(events);
};
