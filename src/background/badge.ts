// Draws the toolbar badge that core/badge.ts decides.
import browser from '../shared/browser';
import type { Badge } from '../core/badge';

/** The badge this worker last drew: Chrome keeps it while the worker sleeps, so it is drawn again only when it changes. */
let drawn: string | undefined;

export async function renderBadge(badge: Badge): Promise<void> {
  const key = JSON.stringify(badge);
  if (key === drawn) return;
  drawn = undefined;
  // Chrome-only (absent in test doubles): white text reads on every badge colour.
  const native = (globalThis as { chrome?: typeof chrome }).chrome;
  await Promise.all([
    browser.action.setBadgeText({ text: badge.text }),
    browser.action.setBadgeBackgroundColor({ color: badge.color }),
    browser.action.setTitle({ title: badge.title }),
    native?.action?.setBadgeTextColor?.({ color: '#ffffff' }),
  ]);
  drawn = key;
}
