// Pure: an Export API key goes only to the API host and client it was entered for. Every use of a stored
// key goes through keyFor(); a key whose account now names another API host or client is dropped, and
// the admin is told so until a new key is saved or the notice dismissed.
import { parseSecrets, type Secrets, type AccountSettings, type StoredKey } from './settings';

type Binding = Pick<AccountSettings, 'apiOrigin' | 'clientId'>;

/** A credential bound to the account's API host and client; `secret` is the second half of a pair. */
export function bindKey(exportApiKey: string, account: Binding, secret?: string): StoredKey {
  const key: StoredKey = { exportApiKey, apiOrigin: account.apiOrigin, clientId: account.clientId };
  if (secret) key.secret = secret;
  return key;
}

function fits(stored: Binding, account: Binding): boolean {
  return stored.apiOrigin === account.apiOrigin && stored.clientId === account.clientId;
}

/** The credential stored for `account`, only while it is bound to the account's API host and client id. */
export function storedKeyFor(secrets: Secrets, account: AccountSettings): StoredKey | undefined {
  const stored = Object.hasOwn(secrets, account.id) ? secrets[account.id] : undefined;
  return stored && fits(stored, account) ? stored : undefined;
}

/** The key stored for `account`, only while it is bound to the account's API host and client id. */
export function keyFor(secrets: Secrets, account: AccountSettings): string | undefined {
  return storedKeyFor(secrets, account)?.exportApiKey;
}

/** Why a key was removed: its account now names another API host or client id. */
export interface DroppedKey {
  label: string;
  fromOrigin: string;
  toOrigin: string;
  fromClient: string;
  toClient: string;
}

export type DroppedKeys = Record<string, DroppedKey>;

/** Keys that still fit their account; those whose account changed are listed, those whose account is gone just go. */
export function reconcileKeys(
  secrets: Secrets,
  accounts: readonly AccountSettings[],
): { kept: Secrets; dropped: DroppedKeys } {
  const kept: Secrets = {};
  const dropped: DroppedKeys = {};
  for (const [id, stored] of Object.entries(secrets)) {
    const account = accounts.find((s) => s.id === id);
    if (!account) continue;
    if (fits(stored, account)) kept[id] = stored;
    else
      dropped[id] = {
        label: account.label,
        fromOrigin: stored.apiOrigin,
        toOrigin: account.apiOrigin,
        fromClient: stored.clientId,
        toClient: account.clientId,
      };
  }
  return { kept, dropped };
}

/** The notices after a change: new ones added; one goes once its account has a key again or is gone. */
export function nextDropped(
  previous: DroppedKeys,
  kept: Secrets,
  dropped: DroppedKeys,
  accounts: readonly AccountSettings[],
): DroppedKeys {
  const still = Object.entries(previous).filter(
    ([id]) => !Object.hasOwn(kept, id) && accounts.some((s) => s.id === id),
  );
  return { ...Object.fromEntries(still), ...dropped };
}

export function parseDroppedKeys(raw: unknown): DroppedKeys {
  const out: DroppedKeys = {};
  if (typeof raw !== 'object' || raw === null) return out;
  // Written by this extension; the label is made inert where it is shown.
  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 300) : '');
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null || id === '__proto__') continue;
    const r = value as Record<string, unknown>;
    out[id] = {
      label: text(r.label),
      fromOrigin: text(r.fromOrigin),
      toOrigin: text(r.toOrigin),
      fromClient: text(r.fromClient),
      toClient: text(r.toClient),
    };
  }
  return out;
}

/**
 * Keys stored before keys were bound held only the key. Each is bound once, when the extension is
 * updated (or a file of that time is imported), to its account as configured at that moment: that is the
 * host the admin entered it for, as far as anyone can know. A key without such an account is dropped.
 */
export function bindLegacyKeys(raw: unknown, accounts: readonly AccountSettings[]): Secrets {
  const bound = parseSecrets(raw);
  if (typeof raw !== 'object' || raw === null) return bound;
  for (const account of accounts) {
    const value = Object.hasOwn(raw, account.id) ? (raw as Record<string, unknown>)[account.id] : undefined;
    if (typeof value !== 'object' || value === null || 'apiOrigin' in value || 'clientId' in value) continue;
    const key = (value as { exportApiKey?: unknown }).exportApiKey;
    if (typeof key === 'string' && key.trim() !== '') bound[account.id] = bindKey(key.trim(), account);
  }
  return bound;
}
