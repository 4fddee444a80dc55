// Remote text is inert, in real Chromium: MBI names and errors full of bidi overrides, isolates, line
// breaks and C1 controls show without them, each name isolated in a <bdi>, and the lines around them read
// in order; an update end time ahead of the clock is shown as MBI wrote it, never as "in 3 hours".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { closeWebTabs, configure, expectBadge, launchWatch, openPopup, rowNames, signIn, type Watch } from './harness';

// eslint-disable-next-line no-control-regex -- the controls the simulator works into names are what is looked for
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
const PROBLEMS = ['Vandelay Web Analytics', 'Vandelay Latex Ads', 'Vandelay Support', 'warehouse'];

const row = (popup: Page, name: string) =>
  popup.locator('li.row', { has: popup.locator('.name', { hasText: new RegExp(`^${name}$`) }) });

async function checkNow(popup: Page): Promise<void> {
  await popup.getByRole('button', { name: 'Check now' }).click();
  await expect.poll(() => popup.getByRole('button', { name: 'Check now' }).isEnabled()).toBe(true);
}

/** Whether the first character of `text` inside `where` is painted left of its last one, as in reading order. */
async function paintedInOrder(where: Locator, text: string): Promise<boolean> {
  return where.evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const start = node.textContent?.indexOf(wanted) ?? -1;
      if (start < 0) continue;
      const box = (offset: number) => {
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        return range.getBoundingClientRect();
      };
      return box(start).left < box(start + wanted.length - 1).left;
    }
    throw new Error(`"${wanted}" is not in the element`);
  }, text);
}

describe('remote text in the popup', () => {
  let watch: Watch;
  let popup: Page;

  beforeAll(async () => {
    // The faults are set before the account is, so the very first check reads them: the update status may
    // be asked only once a minute.
    watch = await launchWatch();
    watch.sim.setFault('connections', 'bidi-names');
    watch.sim.setFault('update-cycle', 'future-end');
    await signIn(watch);
    await configure(watch);
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('shows names and errors without their control characters, each name in a bdi', async () => {
    await expectBadge(watch, '4');
    popup = await openPopup(watch);
    await expect.poll(() => rowNames(popup).then((names) => [...names].sort())).toEqual([...PROBLEMS].sort());
    for (const text of await popup.locator('li.row').allTextContents()) expect(text).not.toMatch(CONTROLS);
    expect(await popup.locator('li.row .name').evaluateAll((names) => names.map((n) => n.tagName))).toEqual([
      'BDI',
      'BDI',
      'BDI',
      'BDI',
    ]);
    const detail = row(popup, 'Vandelay Support').locator('.detail bdi');
    expect(await detail.textContent()).toBe('Invalid API token (code 7)');
  });

  it('says "Fixed" after a re-authorization on a line that reads in order', async () => {
    await closeWebTabs(watch);
    const [tab] = await Promise.all([
      watch.context.waitForEvent('page'),
      row(popup, 'Vandelay Latex Ads').getByRole('button', { name: 'Re-authorize' }).click(),
    ]);
    await tab.getByRole('button', { name: 'Re-authorize' }).click();
    await tab.getByText('Connection re-authorized').waitFor();
    await tab.close();
    const fixed = popup.locator('.fixed li', { hasText: 'Vandelay Latex Ads' });
    await expect
      .poll(() => fixed.textContent(), { timeout: 15_000 })
      .toMatch(/^Fixed: Vandelay Latex Ads \(confirmed .+\)$/);
    expect(await fixed.textContent()).not.toMatch(CONTROLS);
    expect(await fixed.locator('bdi').textContent()).toBe('Vandelay Latex Ads');
    const confirmed = (await fixed.locator('.muted').textContent()) ?? '';
    expect(await paintedInOrder(fixed, confirmed)).toBe(true);
    expect(await paintedInOrder(fixed, 'Vandelay Latex Ads')).toBe(true);
    await expectBadge(watch, '3');
  });

  it('shows an update end time 3 hours ahead as MBI wrote it, with a note, never "in 3 hours"', async () => {
    const line = popup.locator('.account .last-update');
    await expect
      .poll(() => line.textContent())
      .toMatch(
        /^Last data update: Completed Successfully, ended \d{4}-\d\d-\d\d \d\d:\d\d:\d\d EST \(this time could not be placed on this computer's clock\)\.$/,
      );
    await checkNow(popup);
    expect(await popup.locator('main').textContent()).not.toMatch(/\bin \d+ (hours?|minutes?|Stunden?|Minuten?)\b/);
    await expectBadge(watch, '3');
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
