// Accessibility and languages: axe-core on popup and options in English and German, light and dark;
// the German UI shows no English string; the screenshots for the README.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectBadge, launchSignedIn, openPopup, type Watch } from './harness';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical axe findings on the page, as "rule: help (targets)". */
async function seriousFindings(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }
    ).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

type Messages = Record<string, { message: string }>;
const en = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Messages;
const de = JSON.parse(readFileSync('public/_locales/de/messages.json', 'utf8')) as Messages;

/** English texts that German translates differently: none of them may show in the German UI. */
function englishOnly(): string[] {
  return Object.entries(en)
    .filter(([key, m]) => de[key]?.message !== m.message)
    .map(([, m]) => m.message.split(/\$[A-Z0-9_]+\$|\$\d/)[0]!.trim())
    .filter((text) => text.length >= 8);
}

for (const lang of ['en', 'de'] as const) {
  describe(`in ${lang === 'en' ? 'English' : 'German'}`, () => {
    let watch: Watch;

    beforeAll(async () => {
      watch = await launchSignedIn([`--lang=${lang}`]);
    });

    afterAll(async () => {
      await watch?.close();
    });

    for (const scheme of ['light', 'dark'] as const) {
      it(`has no serious or critical axe findings in the popup (${scheme})`, async () => {
        await expectBadge(watch, '4');
        const popup = await openPopup(watch);
        await popup.emulateMedia({ colorScheme: scheme });
        await popup.locator('li.row').first().waitFor();
        expect(await seriousFindings(popup)).toEqual([]);
        await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await popup.locator('main').screenshot({ path: `docs/screenshots/popup-${lang}-${scheme}.png` });
        await popup.close();
      });

      it(`has no serious or critical axe findings in the options (${scheme})`, async () => {
        const options = await watch.context.newPage();
        await options.emulateMedia({ colorScheme: scheme });
        await options.goto(watch.url('options'));
        await options.locator('li.account').first().waitFor();
        expect(await seriousFindings(options)).toEqual([]);
        await options.close();
      });
    }

    if (lang === 'de') {
      it('shows no English string in the popup or the options', async () => {
        const english = englishOnly();
        for (const url of [watch.url('popup'), watch.url('options')]) {
          const page = await watch.context.newPage();
          await page.goto(url);
          await page.locator('main:not([aria-busy])').waitFor();
          await page.waitForTimeout(300);
          const text = await page.locator('body').innerText();
          expect(
            english.filter((s) => text.includes(s)),
            url,
          ).toEqual([]);
          await page.close();
        }
      });
    }

    it('threw nothing uncaught in the worker or any page', () => {
      expect(watch.errors).toEqual([]);
    });
  });
}
