// Pure: joins what status pages say to broken integrations. A broken integration whose provider (or MBI
// itself, on Adobe's page) reports an open incident or a degraded watched component is "held": re-authorizing
// will not help until it is resolved, so its re-authorize and escalation notifications wait; when it
// resolves and the integration is still broken, one notification brings the usual advice back.
// Maintenance is shown, never held and never notified. A Fivetran or Airbyte connection is joined to its
// pipeline's own page; Adobe's page speaks for MBI accounts only.
import { emptyRecord, isRecord, recordFrom } from './keyed-record';
import type { AccountSettings } from './settings';
import { integrationKey } from './snooze';
import { mbiTargetOf, targetFor, type PageTarget, type StatusEvent, type StatusReading } from './status';
import { MBI_PRODUCT, PRODUCT_OF_TYPE, type StatusPage } from './status-pages';
import type { Integration } from './types';
import type { WatchView } from './view';

/** The readings that count now, by page target. */
export type Readings = ReadonlyMap<string, StatusReading>;

export interface Outage {
  /** Who reports it ("Zendesk"). */
  source: string;
  event: StatusEvent;
  /** Reported on MBI itself (Adobe's page), not on the integration's provider. */
  mbi: boolean;
  /** Re-authorizing will not help while it lasts: an incident or a degraded component, not a maintenance. */
  holds: boolean;
}

const BROKEN = new Set<Integration['state']>(['failing', 'needs-reauth']);

/** The events of a page that concern an integration of this type (on Adobe's page: its product only). */
function eventsFor(reading: StatusReading | undefined, product: string | undefined): StatusEvent[] {
  return (reading?.events ?? []).filter((e) => product === undefined || e.product === product);
}

function outageOf(target: PageTarget, event: StatusEvent | undefined, mbi: boolean): Outage | undefined {
  const page: StatusPage = target.page;
  const holds = event?.kind !== 'maintenance' && (!page.holdsOnlyOutages || event?.level === 'outage');
  return event && { source: page.name, event, mbi, holds };
}

/**
 * The outage that explains a broken integration, if any: its provider's (or pipeline's) page first, then,
 * in an MBI account, MBI's own.
 */
export function outageFor(
  integration: Pick<Integration, 'type' | 'state'>,
  account: AccountSettings,
  readings: Readings,
): Outage | undefined {
  if (!BROKEN.has(integration.state)) return undefined;
  const target = targetFor(integration, account);
  const own =
    target && outageOf(target, eventsFor(readings.get(target.target), PRODUCT_OF_TYPE[integration.type])[0], false);
  if (own?.holds) return own;
  const mbiTarget = mbiTargetOf(account);
  const mbi = mbiTarget && outageOf(mbiTarget, eventsFor(readings.get(mbiTarget.target), MBI_PRODUCT)[0], true);
  return mbi?.holds ? mbi : (own ?? mbi);
}

/** The provider's incident for a healthy integration due soon: re-authorizing during it may fail. */
export function incidentAhead(
  integration: Pick<Integration, 'type'>,
  account: AccountSettings,
  readings: Readings,
): Outage | undefined {
  const target = targetFor(integration, account);
  const event = target && eventsFor(readings.get(target.target), PRODUCT_OF_TYPE[integration.type])[0];
  return target && event?.kind !== 'maintenance' ? outageOf(target, event, false) : undefined;
}

/**
 * The page targets a check needs: those of broken (not snoozed) and due-soon integrations, and MBI's own
 * when an MBI account has a broken one.
 */
export function neededTargets(view: WatchView): Map<string, PageTarget> {
  const targets = new Map<string, PageTarget>();
  const add = (t: PageTarget | undefined) => t && targets.set(t.target, t);
  for (const a of view.accounts) {
    const broken = a.problems.filter((i) => BROKEN.has(i.state));
    for (const i of broken) add(targetFor(i, a.account));
    if (broken.length > 0) add(mbiTargetOf(a.account));
    for (const c of a.comingUp) if (c.dueSoon) add(targetFor(c.integration, a.account));
  }
  return targets;
}

/** What holds an integration, remembered to announce its end: who reported it and its title. */
export interface HeldBy {
  source: string;
  title: string;
}

/** By integrationKey. */
export type HeldMemory = Record<string, HeldBy>;

export function parseHeld(raw: unknown): HeldMemory {
  return recordFrom(
    Object.entries(isRecord(raw) ? raw : {}).flatMap(([key, v]): [string, HeldBy][] =>
      isRecord(v) && typeof v.source === 'string' && typeof v.title === 'string'
        ? [[key, { source: v.source, title: v.title }]]
        : [],
    ),
  );
}

/** The broken integrations an outage holds now, by integrationKey. */
export function heldNow(view: WatchView, readings: Readings): Map<string, { accountId: string; outage: Outage }> {
  const held = new Map<string, { accountId: string; outage: Outage }>();
  for (const a of view.accounts) {
    for (const i of a.problems) {
      const outage = outageFor(i, a.account, readings);
      if (outage?.holds) held.set(integrationKey(a.account.id, i.id), { accountId: a.account.id, outage });
    }
  }
  return held;
}

export interface Released {
  accountId: string;
  integration: Integration;
  by: HeldBy;
}

/**
 * The integrations an outage held at the last check that it holds no more while they are still broken:
 * each is announced once. One whose page cannot be read now stays remembered (its end is not known), and
 * so does one released while `muted` (quiet hours), to be announced once they end.
 */
export function planReleased(
  before: HeldMemory,
  view: WatchView,
  readings: Readings,
  muted: boolean,
): { released: Released[]; memory: HeldMemory } {
  const held = heldNow(view, readings);
  const memory = emptyRecord<HeldBy>();
  for (const [key, { outage }] of held) memory[key] = { source: outage.source, title: outage.event.title };
  const released: Released[] = [];
  for (const a of view.accounts) {
    for (const i of a.problems) {
      const key = integrationKey(a.account.id, i.id);
      const by = before[key];
      if (!by || held.has(key) || !BROKEN.has(i.state)) continue;
      const target = targetFor(i, a.account);
      const pages = [target, mbiTargetOf(a.account)].filter((t): t is PageTarget => t !== undefined);
      const known = pages.every((t) => readings.get(t.target)?.level !== 'unknown');
      if (!known || muted) memory[key] = by;
      else released.push({ accountId: a.account.id, integration: i, by });
    }
  }
  return { released, memory };
}
