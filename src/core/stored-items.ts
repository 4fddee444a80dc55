// Every item the extension keeps in extension storage: its key, its area, and the parser that reads it
// (migrating what an older version wrote and falling back to a default for anything unreadable). Every
// read and write goes through this table (shared/stored.ts); IndexedDB's records and history are in background/db.ts.
import { parseDroppedKeys, type DroppedKeys } from './key-binding';
import { isRecord } from './keyed-record';
import { migrate } from './migrations';
import {
  parseDueMemory,
  parseGroups,
  parseMemory,
  type DueMemory,
  type Groups,
  type NoteMemory,
} from './notify-policy';
import { parseSecrets, parseSettings, type Secrets, type Settings } from './settings';
import { parseSnoozes, type Snoozes } from './snooze';
import { parseStatusRecords, type StatusRecords } from './status';
import { parseHeld, type HeldMemory } from './outage';
import { parseVerifications, type Verifications } from './verification';

import { item, POPUP_MODEL, POPUP_ROWS, SETTINGS_PLACE } from './popup-model';

export type { Area, StoredItem } from './popup-model';
export { POPUP_MODEL, POPUP_ROWS };

/** Numbers by string key, as the spacing rules keep their last calls. */
function parseTimes(raw: unknown): Record<string, number> {
  return isRecord(raw)
    ? Object.fromEntries(Object.entries(raw).filter((e): e is [string, number] => typeof e[1] === 'number'))
    : {};
}

/** The admin's own settings; policy values are merged over them when read for use (storage.ts). */
export const SETTINGS = { ...SETTINGS_PLACE, parse: (raw: unknown): Settings => parseSettings(migrate(raw)) };
/** Export API keys, bound to their host and client: in `local`, or `session` when the admin chose so. */
export const SECRETS = /* @__PURE__ */ item<Secrets>('secrets', 'local', parseSecrets);
/** Notices of keys removed because their account changed host or client. */
export const DROPPED_KEYS = /* @__PURE__ */ item<DroppedKeys>('droppedKeys', 'local', parseDroppedKeys);
export const SNOOZES = /* @__PURE__ */ item<Snoozes>('snoozes', 'local', parseSnoozes);
export const VERIFICATIONS = /* @__PURE__ */ item<Verifications>('verifications', 'local', parseVerifications);
/** What was last notified, per account and integration. */
export const NOTIFIED = /* @__PURE__ */ item<NoteMemory>('notified', 'local', parseMemory);
/** What was announced of each integration due soon: its window, then its due day. */
export const NOTIFIED_DUE = /* @__PURE__ */ item<DueMemory>('notified-due', 'local', parseDueMemory);
/** Summary notification id → the integrations it covers. */
export const NOTIFIED_GROUPS = /* @__PURE__ */ item<Groups>('notified-groups', 'local', parseGroups);
/** When each integration (integrationKey) was last re-authorized through the extension and turned healthy. */
export const REAUTHORIZED = /* @__PURE__ */ item<Record<string, number>>('reauthorized', 'local', parseTimes);
/** The last call per source and spacing group, shared by polls and "Test connection". */
export const RATE_CALLS = /* @__PURE__ */ item<Record<string, number>>('rateCalls', 'session', parseTimes);

/** What each status page said when last read, by page target. */
export const STATUS_RECORDS = /* @__PURE__ */ item<StatusRecords>('statusPages', 'local', parseStatusRecords);
/** Broken integrations an outage held at the last check, to announce once when it ends. */
export const NOTIFIED_HELD = /* @__PURE__ */ item<HeldMemory>('notified-held', 'local', parseHeld);
/** The admin said "Not now" to reading status pages: the popup stops offering it (options still does). */
export const STATUS_DECLINED = /* @__PURE__ */ item<boolean>('statusDeclined', 'local', (raw) => raw === true);

/** The whole table, for what looks at every item (tests, the README's list). */
export const STORED_ITEMS = [
  SETTINGS,
  SECRETS,
  DROPPED_KEYS,
  SNOOZES,
  VERIFICATIONS,
  NOTIFIED,
  NOTIFIED_GROUPS,
  NOTIFIED_DUE,
  POPUP_MODEL,
  POPUP_ROWS,
  REAUTHORIZED,
  RATE_CALLS,
  STATUS_RECORDS,
  NOTIFIED_HELD,
  STATUS_DECLINED,
] as const;
