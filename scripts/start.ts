// `npm start`: builds the simulator variant, starts the local MBI simulator, and opens Chromium with the
// extension loaded, signed in and pointed at the simulator, so the badge moves within a minute.
import { spawnSync } from 'node:child_process';
import { startSimulator, type Simulator } from '../test/simulator/server';
import { findChromium, INSTALL_HINT, launchWithExtension } from './chromium';

const DIST = 'dist-sim';
const PORT = Number(process.env.SIM_PORT ?? 8127);
const headless = process.argv.includes('--headless');

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

if (!findChromium()) fail(`No Chromium or Chrome found. ${INSTALL_HINT}`);
if (!headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  fail(
    'No display found (DISPLAY is not set). Run it under a virtual display:\n  xvfb-run -a npm start\n' +
      '(Debian/Ubuntu: sudo apt-get install xvfb), or without a window: npm start -- --headless',
  );
}

console.log('Building the extension (simulator variant) into dist-sim/ …');
const build = spawnSync('npx', ['vite', 'build', '--mode', 'sim', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) fail('The build failed; see above.');

async function startSim(): Promise<Simulator> {
  try {
    return await startSimulator({ port: PORT });
  } catch {
    console.log(`Port ${PORT} is busy; using a free one.`);
    return startSimulator({ port: 0 });
  }
}

const sim = await startSim();
const { context, worker, extensionId } = await launchWithExtension({
  extensionDir: DIST,
  headless,
  profileDir: process.env.PROFILE_DIR,
});

// Sign in on the simulator like a person, which leaves its Integrations page open.
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(`${sim.url}/v2/session/create`);
await page.getByLabel(/e-?mail/i).fill('admin@vandelay.example');
await page.getByLabel(/password/i).fill('demo');
await page.getByRole('button', { name: /sign in/i }).click();
await page.waitForURL(/integrations/);

// First-run configuration, done by this launcher (the shipped build has no such step): an MBI account on
// the simulator with its Export API key, and a Fivetran account beside it with its API key and secret, as a
// person would enter them on the options page.
const account = {
  id: 'sim-194',
  label: 'Vandelay Industries (simulator)',
  clientId: '194',
  appOrigin: sim.url,
  apiOrigin: sim.url,
  enabled: true,
};
const fivetran = {
  id: 'sim-fivetran',
  label: 'Warehouse loads (simulator)',
  pipeline: 'fivetran',
  clientId: '',
  apiBase: `${sim.url}/fivetran/v1`,
  appOrigin: sim.url,
  apiOrigin: sim.url,
  enabled: true,
};
await worker.evaluate(
  async ({ account, fivetran }) => {
    // Settings first: a key is stored with its account's API host and client, and dropped without its account.
    await chrome.storage.sync.set({
      settings: { version: 3, pollMinutes: 1, staleHours: 26, paused: false, accounts: [account, fivetran] },
    });
    await chrome.storage.local.set({
      secrets: {
        [account.id]: { exportApiKey: 'sim-export-key-194', apiOrigin: account.apiOrigin, clientId: account.clientId },
        [fivetran.id]: {
          exportApiKey: 'sim-fivetran-key',
          secret: 'sim-fivetran-secret',
          apiOrigin: fivetran.apiOrigin,
          clientId: '',
        },
      },
    });
  },
  { account, fivetran },
);

const control = await context.newPage();
await control.goto(`${sim.url}/__sim/`);

let badge = '';
for (let i = 0; i < 60 && (badge === '' || badge === 'set'); i++) {
  badge = await worker.evaluate(() => chrome.action.getBadgeText({}));
  if (badge === '' || badge === 'set') await new Promise((r) => setTimeout(r, 500));
}
const title = await worker.evaluate(() => chrome.action.getTitle({}));

console.log(`
Simulator:       ${sim.url}   (control page: ${sim.url}/__sim/)
Accounts:        MBI "${account.label}" and Fivetran "${fivetran.label}" (API ${fivetran.apiBase})
Extension id:    ${extensionId}
Badge:           "${badge}"   ${title.split('\n')[0]}
Popup as a page: chrome-extension://${extensionId}/src/popup/index.html
Options:         chrome-extension://${extensionId}/src/options/index.html

Click the toolbar icon for the popup: MBI's integrations and Fivetran's connections, one badge. Break or
fix integrations or connectors, or expire the session, on the control page and press "Check now" (or
wait a minute) to see the badge move. Ctrl-C or closing the browser stops.`);

const stop = async () => {
  await context.close().catch(() => undefined);
  await sim.close();
  process.exit(0);
};
context.on('close', () => void stop());
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
