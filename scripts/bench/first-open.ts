// The first popup after install: a fresh profile, the popup opened as soon as the worker runs, the time
// from navigation to the first text on the page; then later opens of the same popup for comparison.
import { rmSync } from 'node:fs';
import { launchWithExtension } from '../chromium';
import { median, within } from './stats';

const PROFILES = 2;
const LATER_OPENS = 5;

export interface FirstOpenResult {
  /** Navigation → first text, the first open on each fresh profile (ms). */
  first: number[];
  /** The same, median of the later opens on those profiles. */
  later: number;
}

/** Installed before the page's scripts: resolves `__firstText` with the time the body first holds text. */
const PROBE = `(() => {
  if (location.protocol !== 'chrome-extension:') return;
  let done;
  window.__firstText = new Promise((resolve) => { done = resolve; });
  const observer = new MutationObserver(() => {
    if (!document.body?.innerText.trim()) return;
    observer.disconnect();
    done(performance.now());
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

const MODEL_WRITTEN = `(async () => {
  while (!(await chrome.storage.local.get('popupModel')).popupModel) await new Promise((resolve) => setTimeout(resolve, 50));
})()`;

export async function measureFirstOpen(extensionDir: string): Promise<FirstOpenResult> {
  const first: number[] = [];
  const later: number[] = [];
  for (let p = 0; p < PROFILES; p++) {
    const { context, extensionId, profileDir } = await launchWithExtension({ extensionDir, headless: true });
    try {
      for (let i = 0; i <= LATER_OPENS; i++) {
        const page = await context.newPage();
        await page.setViewportSize({ width: 400, height: 600 });
        await page.addInitScript(PROBE);
        await page.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
        const at = await within(20_000, 'the first text', page.evaluate<number>('window.__firstText'));
        (i === 0 ? first : later).push(at);
        // Later opens are those of a settled install: after the worker has written the popup's model.
        if (i === 0) await within(20_000, 'the first model', page.evaluate(MODEL_WRITTEN));
        await page.close();
      }
    } finally {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    }
  }
  return { first, later: median(later) };
}
