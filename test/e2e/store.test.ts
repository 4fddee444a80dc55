// The store listing's images (docs/store/), taken from the real extension against the simulator in English
// and German: the popup with its problems, a row during a provider incident and the options page on a
// 1280×800 canvas, and the 440×280 promo tile. The canvas (backdrop, headline, toolbar button) is added
// here only; nothing of it is in src/. Each image's size is read back from its PNG header.
import { mkdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SIM_TIMING } from '../../scripts/sim-timing';
import { badgeText, CLIENT, expectBadge, launchSignedIn, openPopup, rowNames, type Watch } from './harness';

const STORE = 'docs/store';
const SCREENSHOT = { width: 1280, height: 800 };
const TILE = { width: 440, height: 280 };
const OTHERS_BROKEN = [1101, 1102, 1111];

/** Width and height from a PNG's IHDR chunk: after the 8-byte signature, its length and type, then both. */
function pngSize(path: string): { width: number; height: number } {
  const png = readFileSync(path);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const WORDS = {
  en: {
    popup: {
      title: 'See broken integrations at a glance',
      text: 'The badge counts them. Each one says why it broke and what fixes it: re-authorize or open a support case in one click.',
    },
    outage: {
      title: 'See when a provider is down',
      text: 'When a provider reports an incident on its public status page, the broken integration says so, and that re-authorizing will not help yet.',
    },
    tagline: 'Broken integrations on your toolbar, the fix one click away.',
    product: 'For Adobe Commerce Intelligence (Magento BI)',
  },
  de: {
    popup: {
      title: 'Gestörte Integrationen auf einen Blick',
      text: 'Das Symbol zählt sie. Jede sagt, warum sie ausfiel und was hilft: mit einem Klick erneut autorisieren oder einen Supportfall eröffnen.',
    },
    outage: {
      title: 'Sehen, wann ein Anbieter gestört ist',
      text: 'Meldet ein Anbieter auf seiner öffentlichen Statusseite eine Störung, zeigt die gestörte Integration das an, samt Hinweis, dass erneutes Autorisieren erst danach hilft.',
    },
    tagline: 'Gestörte Integrationen im Blick, die Lösung einen Klick entfernt.',
    product: 'Für Adobe Commerce Intelligence (Magento BI)',
  },
} as const;

type Lang = keyof typeof WORDS;

type Messages = Record<string, { message: string }>;
const message = (lang: Lang, key: string): string =>
  (JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Messages)[key]!.message;

/** The popup's Check now in either language, waiting until the check is done (it reads "Checking…" meanwhile). */
async function checkNowIn(popup: Page, lang: Lang): Promise<void> {
  const button = popup.locator('header').getByRole('button', { name: message(lang, 'popup_check_now'), exact: true });
  await button.click();
  await button.waitFor({ timeout: 30_000 });
}

const ICON_128 = `data:image/png;base64,${readFileSync('public/icons/icon-128.png').toString('base64')}`;
const ICON_32 = `data:image/png;base64,${readFileSync('public/icons/icon-32.png').toString('base64')}`;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The badge as the extension drew it: its text and colour, read from the action. */
async function badge(watch: Watch): Promise<{ text: string; color: string }> {
  const [r, g, b] = await watch.worker.evaluate(() => chrome.action.getBadgeBackgroundColor({}));
  return { text: await badgeText(watch), color: `rgb(${r}, ${g}, ${b})` };
}

/**
 * Turns the popup page into a store screenshot: the 400-px popup (at most 600 px high, as Chrome shows it)
 * opens below a toolbar button with the extension's badge, on a soft backdrop, with a headline beside it.
 */
async function presentPopup(
  popup: Page,
  words: { title: string; text: string },
  shown: { text: string; color: string },
) {
  await popup.addStyleTag({
    content: `
      html { max-width: none; height: 100%; overflow: hidden;
        background: linear-gradient(135deg, #e8f0fe 0%, #f4f7fc 55%, #ffffff 100%); }
      body { position: absolute; top: 108px; left: 768px; width: 400px; max-height: 600px; box-sizing: border-box;
        border-radius: 8px; box-shadow: 0 0 0 1px #dadce0, 0 18px 48px rgba(32, 33, 36, 0.22); }
      .store-pitch { position: absolute; left: 104px; top: 0; bottom: 0; width: 560px; display: flex;
        flex-direction: column; justify-content: center; color: #202124; }
      .store-pitch h2 { margin: 0 0 20px; font-size: 40px; line-height: 1.2; font-weight: 700; color: #1a5fb4;
        text-wrap: balance; }
      .store-pitch p { margin: 0; font-size: 21px; line-height: 1.5; color: #3c4043; }
      .store-toolbar { position: absolute; top: 52px; left: 700px; width: 480px; height: 50px; box-sizing: border-box;
        display: flex; align-items: center; gap: 12px; padding: 0 12px; border-radius: 10px; background: #f1f3f4;
        box-shadow: 0 0 0 1px #dadce0, 0 4px 14px rgba(32, 33, 36, 0.1); }
      .store-omnibox { flex: 1; height: 32px; border-radius: 16px; background: #ffffff; }
      .store-button { position: relative; width: 32px; height: 32px; border-radius: 50%; background: #dde3ea;
        display: grid; place-items: center; }
      .store-button img { width: 20px; height: 20px; }
      .store-button span { position: absolute; right: -5px; bottom: -3px; min-width: 16px; padding: 1px 4px;
        box-sizing: border-box; border-radius: 8px; font: 700 11px/14px system-ui, sans-serif; color: #fff;
        text-align: center; }
    `,
  });
  await popup.evaluate(
    ({ words, shown, icon }) => {
      const pitch = document.createElement('div');
      pitch.className = 'store-pitch';
      const title = pitch.appendChild(document.createElement('h2'));
      title.textContent = words.title;
      pitch.appendChild(document.createElement('p')).textContent = words.text;
      const toolbar = document.createElement('div');
      toolbar.className = 'store-toolbar';
      toolbar.appendChild(document.createElement('div')).className = 'store-omnibox';
      const button = toolbar.appendChild(document.createElement('div'));
      button.className = 'store-button';
      const img = button.appendChild(document.createElement('img'));
      img.src = icon;
      img.alt = '';
      if (shown.text) {
        const count = button.appendChild(document.createElement('span'));
        count.textContent = shown.text;
        count.style.background = shown.color;
      }
      // Outside <body>, which is the popup itself here.
      document.documentElement.append(pitch, toolbar);
      (document.activeElement as HTMLElement | null)?.blur();
      document.body.scrollTop = 0;
    },
    { words, shown, icon: ICON_32 },
  );
}

function promoTile(lang: Lang): string {
  const words = WORDS[lang];
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><style>
  html, body { margin: 0; width: ${TILE.width}px; height: ${TILE.height}px; overflow: hidden; }
  body { box-sizing: border-box; padding: 34px 34px 28px; display: flex; flex-direction: column;
    justify-content: space-between; color: #ffffff; font-family: system-ui, sans-serif;
    background: linear-gradient(135deg, #1a5fb4 0%, #15539e 100%); }
  .head { display: flex; align-items: center; gap: 18px; }
  img { width: 96px; height: 96px; flex: none; }
  h1 { margin: 0; font-size: 29px; line-height: 1.15; font-weight: 700; letter-spacing: -0.2px; }
  p { margin: 0; font-size: 18px; line-height: 1.4; }
  small { display: block; margin-top: 8px; font-size: 13px; color: #d2e3fc; }
</style></head><body>
  <div class="head"><img src="${ICON_128}" alt=""><h1>MBI Integration Watch</h1></div>
  <div><p>${escape(words.tagline)}</p><small>${escape(words.product)}</small></div>
</body></html>`;
}

for (const lang of ['en', 'de'] as const) {
  describe(`store images in ${lang === 'en' ? 'English' : 'German'}`, () => {
    let watch: Watch;

    beforeAll(async () => {
      mkdirSync(STORE, { recursive: true });
      watch = await launchSignedIn([`--lang=${lang}`]);
    });

    afterAll(async () => {
      await watch?.close();
    });

    it('shows the popup with its four problems below the badge, 1280×800', async () => {
      await expectBadge(watch, '4');
      const popup = await openPopup(watch);
      await popup.emulateMedia({ colorScheme: 'light' });
      await popup.setViewportSize(SCREENSHOT);
      await expect.poll(() => rowNames(popup)).toHaveLength(4);
      await presentPopup(popup, WORDS[lang].popup, await badge(watch));
      const path = `${STORE}/screenshot-popup-${lang}.png`;
      await popup.screenshot({ path });
      expect(pngSize(path)).toEqual(SCREENSHOT);
      await popup.close();
    });

    it('shows the options page with the account, 1280×800', async () => {
      const options = await watch.context.newPage();
      await options.emulateMedia({ colorScheme: 'light' });
      await options.setViewportSize(SCREENSHOT);
      await options.goto(watch.url('options'));
      await options.locator('li.account', { hasText: CLIENT.label }).waitFor();
      await options.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const path = `${STORE}/screenshot-options-${lang}.png`;
      await options.screenshot({ path });
      expect(pngSize(path)).toEqual(SCREENSHOT);
      await options.close();
    });

    it('shows a Zendesk integration during a Zendesk incident, 1280×800', async () => {
      for (const id of OTHERS_BROKEN) watch.sim.setConnection(CLIENT.id, id, { status: '1' });
      watch.sim.setStatus('status.zendesk.com', 'incident', { title: 'Ticket API errors' });
      // Past the shortest spacing between two reads of one status host: the last check read Zendesk's already.
      await sleep(SIM_TIMING.statusIntervalMs + 200);
      const popup = await openPopup(watch);
      await popup.emulateMedia({ colorScheme: 'light' });
      await popup.setViewportSize(SCREENSHOT);
      await checkNowIn(popup, lang);
      await expect.poll(() => rowNames(popup)).toEqual(['Vandelay Support']);
      await expect
        .poll(() => popup.locator('li.row .outage').first().textContent(), { timeout: 15_000 })
        .toContain('Ticket API errors');
      await expectBadge(watch, '1');
      await presentPopup(popup, WORDS[lang].outage, await badge(watch));
      const path = `${STORE}/screenshot-outage-${lang}.png`;
      await popup.screenshot({ path });
      expect(pngSize(path)).toEqual(SCREENSHOT);
      await popup.close();
    });

    it('draws the promo tile with the icon, the name and the tagline, 440×280', async () => {
      const page = await watch.context.newPage();
      await page.setViewportSize(TILE);
      await page.setContent(promoTile(lang));
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      expect(await page.locator('p').textContent()).toBe(WORDS[lang].tagline);
      const path = `${STORE}/promo-tile-${lang}.png`;
      await page.screenshot({ path });
      expect(pngSize(path)).toEqual(TILE);
      await page.close();
    });
  });
}
