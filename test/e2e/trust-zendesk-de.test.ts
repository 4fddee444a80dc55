// The broken Zendesk row in German: the same sentence, with German dates, and the support case first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadge, launchSignedIn, openPopup, type Watch } from './harness';

const SENTENCE =
  'Zendesk stellt seit dem 27.10.2026 keine API-Tokens mehr aus und schaltet am 30.04.2027 alle ab; die Zendesk-Integration von MBI hängt von einem ab, öffnen Sie daher einen Supportfall.';

describe('the broken Zendesk integration, in German', () => {
  let watch: Watch;

  beforeAll(async () => {
    watch = await launchSignedIn(['--lang=de']);
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('says why re-authorizing cannot help and puts "Supportfall öffnen" first', async () => {
    await expectBadge(watch, '4');
    const popup = await openPopup(watch);
    const row = popup.locator('li.row', { has: popup.locator('.name', { hasText: /^Vandelay Support$/ }) });
    await expect.poll(() => row.locator('.hint').textContent()).toBe(SENTENCE);
    expect(await row.locator('[data-primary]').textContent()).toBe('Supportfall öffnen');
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
