// Statuspage's `status.json` read alone: one indicator and its description for the whole page, no components
// and no incidents (Fivetran's page publishes nothing else). The description is what the page says is wrong.
import { isRecord } from '../../../core/keyed-record';
import { readingOf, unknownReading, type EventLevel } from '../../../core/status';
import { lookup, type StatusParser } from './parser';

/**
 * Statuspage's indicators: `none | minor | major | critical`, read as its impacts are (statuspage.ts): only
 * `critical` is an outage ("Partial System Outage" is `major`). `maintenance` is not in Atlassian's list;
 * compatible pages document it, and it is never a fault. Anything else is not known to mean anything.
 */
const INDICATOR: Readonly<Record<string, EventLevel | 'operational'>> = {
  none: 'operational',
  minor: 'degraded',
  major: 'degraded',
  critical: 'outage',
  maintenance: 'maintenance',
};

export const parseRollup: StatusParser = (bodies, target) => {
  const body = bodies[0];
  if (!isRecord(body) || !isRecord(body.status) || typeof body.status.indicator !== 'string') return 'unreadable';
  // Where the table knows the page's id and name, a page that calls itself otherwise is not the one meant.
  const { pageId, pageName } = target.page;
  const page = isRecord(body.page) ? body.page : {};
  if ((pageId !== undefined && page.id !== pageId) || (pageName !== undefined && page.name !== pageName))
    return unknownReading('page-changed');
  const { indicator, description } = body.status;
  const level = lookup(INDICATOR, indicator);
  if (level === undefined) return unknownReading('unreadable');
  if (level === 'operational') return readingOf([]);
  return readingOf([
    {
      // What the page reports as a whole: told as its incident ("Fivetran reports an incident: …").
      kind: level === 'maintenance' ? 'maintenance' : 'incident',
      id: indicator,
      title: typeof description === 'string' && description.trim() !== '' ? description : indicator,
      level,
      // The rollup says neither when it began (`updated_at` is the page's last change) nor where: the page.
      url: target.human,
    },
  ]);
};
