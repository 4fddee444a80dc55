// Reads the status pages a check needs: only for broken or due-soon integrations, at most once per
// STATUS_INTERVAL_MS per host whatever asks, and only with the host access the admin granted.
import browser from '../../shared/browser';
import { write } from '../../shared/stored';
import { emptyRecord } from '../../core/keyed-record';
import { STATUS_RECORDS } from '../../core/stored-items';
import {
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

/** A failed read keeps the last reading: it counts as unknown only after several in a row (currentReading). */
function failed(target: PageTarget, before: StatusRecord | undefined, now: number): StatusRecord {
  const record: StatusRecord = { target: target.target, checkedAt: now, failures: (before?.failures ?? 0) + 1 };
  if (before?.reading) record.reading = before.reading;
  return record;
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
  const byHost = new Map<string, PageTarget[]>();
  for (const target of neededTargets(view).values()) {
    const host = hostOf(target.target) ?? '';
    byHost.set(host, [...(byHost.get(host) ?? []), target]);
  }
  let changed = false;
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
      const times = Object.values(before)
        .filter((r) => hostOf(r.target) === host)
        .map((r) => r.checkedAt);
      const lastRead = Math.max(0, ...times);
      // A clock set back does not hold the next read off for longer than the interval.
      if (now - lastRead < STATUS_INTERVAL_MS && now >= lastRead) return;
      for (const target of targets) {
        records[target.target] = await readTarget(target, settings, before[target.target], now);
        changed = true;
      }
    }),
  );
  if (changed) await write(STATUS_RECORDS, records);
  return { records, changed, readings: readingsOf(records) };
}
