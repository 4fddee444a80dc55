// Fails the suite at once, with a clear message, when no Firefox or no build is there. Never skips.
import { existsSync } from 'node:fs';
import { requireFirefox } from '../../scripts/firefox';
import { FIREFOX_SIM_DIST } from './harness';

export default function setup(): void {
  requireFirefox();
  if (!existsSync(`${FIREFOX_SIM_DIST}/manifest.json`))
    throw new Error(`${FIREFOX_SIM_DIST}/ is missing: run "npm run test:firefox", which builds it first.`);
}
