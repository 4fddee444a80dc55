// Every test starts with an empty in-memory browser and an empty IndexedDB.
import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, vi } from 'vitest';
import { DB_NAME } from '../../src/background/db';

// Every module reaches the extension API through src/shared/browser.ts.
vi.mock('../../src/shared/browser', async () => ({ default: (await import('@webext-core/fake-browser')).fakeBrowser }));

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const LOCALES_DIR = fileURLToPath(import.meta.resolve('../../public/_locales'));
const LOCALES: Record<string, Record<string, Message | undefined> | undefined> = Object.fromEntries(
  readdirSync(LOCALES_DIR).map((lang) => [
    lang,
    JSON.parse(readFileSync(join(LOCALES_DIR, lang, 'messages.json'), 'utf8')) as Record<string, Message>,
  ]),
);

/**
 * chrome.i18n.getMessage by Chrome's rules: the message in the UI language or else in English ('' when
 * neither has it); named placeholders ($name$, any case) first, then $1–$9 (missing ones empty), $$ for a
 * dollar sign, and a "$" before any other character dropped together with it.
 */
function getMessage(name: string, substitutions?: string | string[]): string {
  const lang = fakeBrowser.i18n.getUILanguage().split('-')[0] ?? 'en';
  const entry = LOCALES[lang]?.[name] ?? LOCALES.en?.[name];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : [substitutions].flat();
  const placeholders = Object.entries(entry.placeholders ?? {});
  const named = entry.message.replace(
    /\$(\w+)\$/g,
    (all, p: string) => placeholders.find(([key]) => key.toLowerCase() === p.toLowerCase())?.[1].content ?? all,
  );
  return named.replace(/\$([\s\S]?)/g, (_, c: string) =>
    c === '$' ? '$' : /[1-9]/.test(c) ? (subs[Number(c) - 1] ?? '') : '',
  );
}

// The fake browser leaves i18n unimplemented, and the code reads chrome.i18n: both get the functions above.
Object.assign(fakeBrowser.i18n, { getMessage, getUILanguage: () => 'en-US' });
vi.stubGlobal('chrome', { i18n: fakeBrowser.i18n });

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // An open connection is closed by db.ts's `blocking` handler, which also drops its cached promise.
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`));
  });
}

beforeEach(async () => {
  fakeBrowser.reset();
  await deleteDatabase(DB_NAME);
});
