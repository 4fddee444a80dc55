// Reads and writes of the items in the stored-items table (core/stored-items.ts): parsed on every read.
import browser from './browser';
import type { Area, StoredItem } from '../core/popup-model';

const storageArea = (area: Area) => browser.storage[area];

/** The item as stored, parsed; `area` only for an item kept where the admin chose (the keys). */
export async function read<T>(item: StoredItem<T>, area: Area = item.area): Promise<T> {
  return item.parse(await readRaw(item, area));
}

/** The raw stored value, for the few callers that must see what an older or newer version left. */
export async function readRaw(
  item: Pick<StoredItem<unknown>, 'key' | 'area'>,
  area: Area = item.area,
): Promise<unknown> {
  return (await storageArea(area).get(item.key))[item.key];
}

export async function write<T>(item: StoredItem<T>, value: T, area: Area = item.area): Promise<void> {
  await storageArea(area).set({ [item.key]: value });
}

/** Several items of one area in one write: listeners wake once. */
export async function writeAll(
  values: readonly (readonly [StoredItem<unknown>, unknown])[],
  area: Area,
): Promise<void> {
  await storageArea(area).set(Object.fromEntries(values.map(([item, value]) => [item.key, value])));
}

/** Puts back a value as `readRaw` gave it (undefined: removed), to undo a write that was only half done. */
export async function restoreRaw(item: StoredItem<unknown>, value: unknown, area: Area = item.area): Promise<void> {
  await (value === undefined ? storageArea(area).remove(item.key) : storageArea(area).set({ [item.key]: value }));
}

export async function remove(item: StoredItem<unknown>, area: Area = item.area): Promise<void> {
  await storageArea(area).remove(item.key);
}

/** True when a storage change touches the item (in its own area, or in `areas` for the keys). */
export function touches(
  item: StoredItem<unknown>,
  changes: Record<string, unknown>,
  area: string,
  areas: readonly Area[] = [item.area],
): boolean {
  return (areas as readonly string[]).includes(area) && item.key in changes;
}
