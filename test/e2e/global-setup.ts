// Fails the suite at once, with a clear message, when no browser or no build is there. Never skips.
import { existsSync } from 'node:fs';
import { findChromium, INSTALL_HINT } from '../../scripts/chromium';
import { SIM_DIST } from './harness';

export default function setup(): void {
  if (!findChromium()) throw new Error(`The real-browser suite needs Chromium and none was found. ${INSTALL_HINT}`);
  if (!existsSync(`${SIM_DIST}/manifest.json`))
    throw new Error(`${SIM_DIST}/ is missing: run "npm run test:e2e", which builds it first.`);
}
