// The first popup after install: a fresh profile, the popup opened as soon as the worker runs, the time
// from navigation to the first text on the page; then later opens of the same popup for comparison.
import { rmSync } from 'node:fs';
import { launchWithExtension } from '../chromium';
import { openTimed } from './popup-open';
import { median, within } from './stats';

const PROFILES = 2;
const LATER_OPENS = 5;

export interface FirstOpenResult {
  /** Navigation → first text, the first open on each fresh profile (ms). */
  first: number[];
  /** The same, median of the later opens on those profiles. */
  later: number;
}

const MODEL_WRITTEN = `(async () => {
  while (!(await chrome.storage.local.get('popupModel')).popupModel) await new Promise((resolve) => setTimeout(resolve, 50));
})()`;

export async function measureFirstOpen(extensionDir: string): Promise<FirstOpenResult> {
  const first: number[] = [];
  const later: number[] = [];
  for (let p = 0; p < PROFILES; p++) {
    const { context, worker, extensionId, profileDir } = await launchWithExtension({ extensionDir, headless: true });
    try {
      for (let i = 0; i <= LATER_OPENS; i++) {
        const url = `chrome-extension://${extensionId}/src/popup/index.html`;
        (i === 0 ? first : later).push((await openTimed(context, url, 'document.body?.innerText.trim()')).dom);
        // Later opens are those of a settled install: after the worker has written the popup's model.
        if (i === 0) await within(20_000, 'the first model', worker.evaluate(MODEL_WRITTEN));
      }
    } finally {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    }
  }
  return { first, later: median(later) };
}
