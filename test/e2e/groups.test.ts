// At scale the list stays readable: problems of one account alike in provider, state and error fold into
// one group row that expands in place, while the badge still counts each of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkNow, CLIENT, expectBadge, launchSignedIn, openPopup, type Watch } from './harness';

describe('alike problems fold into groups', () => {
  let watch: Watch;
  let popup: Page;

  beforeAll(async () => {
    watch = await launchSignedIn([], { withKey: false });
    popup = await openPopup(watch);
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('shows 120 broken integrations of 600 as a few group rows, each expanding in place to its members', async () => {
    const { broken } = watch.sim.generate(CLIENT.id, 600, 0.2);
    expect(broken).toBe(120);
    await checkNow(popup);
    await expectBadge(watch, '120');

    // The simulator's answer, grouped as the admin would: same provider (type), same status, same error.
    const alike = new Map<string, number>();
    for (const c of watch.sim.state().clients.find((x) => String(x.id) === CLIENT.id)?.connections ?? []) {
      if (c.properties.status === '1') continue;
      const key = JSON.stringify([c.type, c.properties.status, c.properties.error ?? '']);
      alike.set(key, (alike.get(key) ?? 0) + 1);
    }
    const groups = [...alike.values()].filter((n) => n >= 3);
    expect(groups.length).toBeGreaterThan(0);

    // One entry per kind of problem, not 120 rows of 180 px each.
    const shown = popup.locator('ul.rows:not(.group-rows) > li');
    await expect.poll(() => shown.count()).toBe(10);
    const first = popup.locator('li.group').first();
    const title = (await first.locator('.name').textContent()) ?? '';
    const count = Number(/^(\d+) /.exec(title)?.[1]);
    expect(groups).toContain(count);
    expect(title).toMatch(/^\d+ .+ integrations: .+$/);

    // Expands in place: its members appear inside it, each a full row with its own actions.
    await first.getByRole('button', { name: `Show all ${count}` }).click();
    await expect.poll(() => first.locator('li.row').count()).toBe(count);
    expect(await first.getByRole('button', { name: 'Show fewer' }).getAttribute('aria-expanded')).toBe('true');
    expect(
      await first
        .locator('li.row')
        .first()
        .getByRole('button', { name: /Re-authorize|Fix|Refresh/ })
        .count(),
    ).toBe(1);
    await first.getByRole('button', { name: 'Show fewer' }).click();
    await expect.poll(() => first.locator('li.row').count()).toBe(0);

    // "Show all" brings every entry: the groups together hold all 120.
    const loose = [...alike.values()].filter((n) => n < 3).reduce((a, b) => a + b, 0);
    await popup.getByRole('button', { name: 'Show all 120' }).click();
    await expect.poll(() => shown.count()).toBe(groups.length + loose);
    const counts = await popup
      .locator('ul.rows:not(.group-rows) > li.group .name')
      .evaluateAll((names) => names.map((n) => Number(/^(\d+) /.exec(n.textContent ?? '')?.[1])));
    const singles = await popup.locator('ul.rows:not(.group-rows) > li:not(.group)').count();
    expect(counts.sort()).toEqual(groups.sort());
    expect(singles).toBe(loose);
    expect(counts.reduce((a, b) => a + b, 0) + singles).toBe(120);
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
