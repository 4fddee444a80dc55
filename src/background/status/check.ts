// Reads the status pages a check needs: only for broken or due-soon integrations, at most once per
// STATUS_INTERVAL_MS per host whatever asks, and only with the host access the admin granted.
import browser from '../../shared/browser';
import { write } from '../../shared/stored';
import { emptyRecord } from '../../core/keyed-record';
import { STATUS_RECORDS } from '../../core/stored-items';
import {
  READING_MAX_AGE_MS,
  readingsOf,
  STATUS_INTERVAL_MS,
  unknownReading,
  type PageTarget,
  type StatusRecord,
  type StatusRecords,
} from '../../core/status';
import { pageOfTarget } from '../../core/status-pages';
import { neededTargets, type Readings } from '../../core/outage';
import type { Settings } from '../../core/settings';
import type { WatchView } from '../../core/view';
import { request } from '../http';
import { PARSERS } from './formats';
import { decodeBody, type StatusParser } from './formats/parser';

/** A status document is a few hundred kilobytes at most; Adobe's 40 days of events the largest. */
const MAX_STATUS_BYTES = 4 * 1024 * 1024;

export { readingsOf };

export interface StatusCheck {
  records: StatusRecords;
  /** True when a page was read (and so the records were written). */
  changed: boolean;
  /** The reading that counts now of every page target a record exists for. */
  readings: Readings;
}

const VIA_SIMULATOR = import.meta.env.VITE_STATUS_VIA_SIMULATOR === 'true';

/** The URL read: the vendor's, or in the simulator build the simulator's copy of it. */
function urlToRead(url: string, settings: Settings): string {
  const sim = VIA_SIMULATOR ? settings.accounts.find((a) => a.enabled)?.apiOrigin : undefined;
  if (sim === undefined) return url;
  const u = new URL(url);
  return `${sim}/__status/${u.host}${u.pathname}${u.search}`;
}

function hostOf(target: string): string | undefined {
  const page = pageOfTarget(target);
  return page && new URL(page.urls[0]!).host;
}

/** One page target read: each of its URLs, then its format's parser; a failure counts against the page. */
async function readTarget(target: PageTarget, settings: Settings, before: StatusRecord | undefined, now: number) {
  const bodies: unknown[] = [];
  for (const url of target.urls) {
    const response = await request(
      urlToRead(url, settings),
      { credentials: 'omit', headers: { Accept: 'application/json' } },
      { maxBytes: MAX_STATUS_BYTES, decode: decodeBody },
    );
    let body: unknown;
    try {
      body = response.ok && response.status >= 200 && response.status < 300 ? JSON.parse(response.body) : undefined;
    } catch {
      body = undefined;
    }
    if (body === undefined) return failed(target, before, now);
    bodies.push(body);
  }
  let reading: ReturnType<StatusParser>;
  try {
    reading = PARSERS[target.page.format](bodies, target, now);
  } catch {
    // A parser never throws by design; should one, that page's read failed, not the check.
    reading = 'unreadable';
  }
  if (reading === 'unreadable') return failed(target, before, now);
  return { target: target.target, checkedAt: now, failures: 0, reading } satisfies StatusRecord;
}

/**
 * A failed read keeps the last reading while it is young enough to count (currentReading's age): it counts as
 * unknown only after several failures in a row. One from long ago (the page was not needed for days) says
 * nothing about now.
 */
function failed(target: PageTarget, before: StatusRecord | undefined, now: number): StatusRecord {
  const record: StatusRecord = { target: target.target, checkedAt: now, failures: (before?.failures ?? 0) + 1 };
  const recent = before !== undefined && now - before.checkedAt <= READING_MAX_AGE_MS;
  if (recent && before.reading) record.reading = before.reading;
  return record;
}

/** A host's targets read in one check at most (Zendesk's, one per Zendesk account): the stalest first. */
const TARGETS_PER_READ = 3;
/** A record neither needed nor read for this long is dropped. */
const KEEP_UNUSED_MS = 86_400_000;

/** Records of pages no longer needed and read long ago, or dated ahead of the clock (it was set back). */
function prune(records: StatusRecords, needed: ReadonlySet<string>, now: number): boolean {
  let pruned = false;
  for (const [target, record] of Object.entries(records)) {
    if (record.checkedAt > now || (!needed.has(target) && now - record.checkedAt > KEEP_UNUSED_MS)) {
      delete records[target];
      pruned = true;
    }
  }
  return pruned;
}

const NO_ACCESS = unknownReading('no-access');

async function mayRead(url: string): Promise<boolean> {
  const { protocol, hostname } = new URL(url);
  return browser.permissions.contains({ origins: [`${protocol}//${hostname}/*`] });
}

/** The hosts of the pages the view needs that the extension may not read, sorted. */
export async function missingHosts(view: WatchView, settings: Settings): Promise<string[]> {
  const hosts = new Map<string, string>();
  for (const target of neededTargets(view).values()) hosts.set(hostOf(target.target) ?? '', target.urls[0]!);
  const missing = await Promise.all(
    [...hosts].map(async ([host, url]) => ((await mayRead(urlToRead(url, settings))) ? [] : [host])),
  );
  return missing.flat().sort();
}

/**
 * Reads what the view needs and is due, stores what was read, and answers with every reading. Never throws
 * for a page: one that cannot be read counts against that page only.
 */
export async function checkStatuses(
  view: WatchView,
  settings: Settings,
  before: StatusRecords,
  now: number,
): Promise<StatusCheck> {
  const records: StatusRecords = Object.assign(emptyRecord<StatusRecord>(), before);
  const needed = neededTargets(view);
  const byHost = new Map<string, PageTarget[]>();
  for (const target of needed.values()) {
    const host = hostOf(target.target) ?? '';
    const list = byHost.get(host);
    if (list) list.push(target);
    else byHost.set(host, [target]);
  }
  let changed = prune(records, new Set(needed.keys()), now);
  await Promise.all(
    [...byHost].map(async ([host, targets]) => {
      if (!(await mayRead(urlToRead(targets[0]!.urls[0]!, settings)))) {
        // What was read before access was withdrawn is not known to hold any more.
        for (const t of targets) {
          if (records[t.target]?.reading?.reason === 'no-access') continue;
          records[t.target] = {
            target: t.target,
            checkedAt: before[t.target]?.checkedAt ?? 0,
            failures: 0,
            reading: NO_ACCESS,
          };
          changed = true;
        }
        return;
      }
      // Records dated ahead of the clock were pruned: a clock set back does not stop the reads.
      const times = Object.values(records)
        .filter((r) => hostOf(r.target) === host)
        .map((r) => r.checkedAt);
      if (now - Math.max(0, ...times) < STATUS_INTERVAL_MS) return;
      // One read of the host: its stalest targets, side by side.
      const stalest = [...targets]
        .sort((a, b) => (records[a.target]?.checkedAt ?? 0) - (records[b.target]?.checkedAt ?? 0))
        .slice(0, TARGETS_PER_READ);
      const read = await Promise.all(stalest.map((t) => readTarget(t, settings, before[t.target], now)));
      for (const record of read) records[record.target] = record;
      changed = true;
    }),
  );
  if (changed) await write(STATUS_RECORDS, records);
  return { records, changed, readings: readingsOf(records, now) };
}
