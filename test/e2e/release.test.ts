// What `npm run package` hands to the stores, checked as each store would: the Chrome zip (also Edge's) loads
// in Chromium, the Firefox zip passes Mozilla's linter, and neither carries anything the shipped build does not.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { launchWithExtension } from '../../scripts/chromium';
import { lintFirefox } from '../../scripts/lint-firefox';
import { packageRelease, type Packaged } from '../../scripts/package';
import { extractZip, readZip } from './zip';

interface Manifest {
  name: string;
  version: string;
  background: { service_worker?: string; scripts?: string[] };
  host_permissions?: string[];
  permissions: string[];
  browser_specific_settings?: { gecko?: { id?: string } };
  storage?: unknown;
}

const work = mkdtempSync(join(tmpdir(), 'mbi-watch-release-'));
let packaged: Packaged;

// Built fresh into a folder of its own, so that the suites reading dist/ beside this one never see it half-built.
beforeAll(() => {
  packaged = packageRelease({
    releaseDir: join(work, 'release'),
    chromeDir: join(work, 'dist'),
    firefoxDir: join(work, 'dist-firefox'),
  });
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

const filesOf = (zip: string) =>
  readZip(zip)
    .map((entry) => entry.name)
    .filter((name) => !name.endsWith('/'))
    .sort();

function manifestOf(zip: string): Manifest {
  const entry = readZip(zip).find((e) => e.name === 'manifest.json');
  if (!entry) throw new Error(`${zip} has no manifest.json at its root`);
  return JSON.parse(entry.data().toString('utf8')) as Manifest;
}

function unpack(zip: string): string {
  const dir = mkdtempSync(join(work, 'unpacked-'));
  extractZip(zip, dir);
  return dir;
}

it('names the three zips by package.json’s version', () => {
  expect([packaged.chrome, packaged.firefox, packaged.sources].map((path) => basename(path))).toEqual([
    `mbi-integration-watch-${pkg.version}-chrome.zip`,
    `mbi-integration-watch-${pkg.version}-firefox.zip`,
    `mbi-integration-watch-${pkg.version}-sources.zip`,
  ]);
});

describe.each([
  { store: 'Chrome', zip: () => packaged.chrome },
  { store: 'Firefox', zip: () => packaged.firefox },
])('the $store zip', ({ zip }) => {
  it('carries no source map, no test and nothing of the simulator', () => {
    const entries = readZip(zip());
    expect(entries.map((e) => e.name).filter((name) => /\.map$|test|sim/i.test(name))).toEqual([]);
    for (const entry of entries.filter((e) => e.name.endsWith('.js')))
      expect(entry.data().toString('utf8'), entry.name).not.toMatch(/__status|__sim|simulator|sourceMappingURL/);
    const manifest = manifestOf(zip());
    expect(manifest.name).not.toMatch(/simulator/);
    expect(manifest.permissions).not.toContain('notifications');
  });
});

describe('the Chrome zip (Chrome Web Store, Edge Add-ons)', () => {
  it('holds exactly the files of the Chrome build, manifest.json at its root', () => {
    expect(filesOf(packaged.chrome)).toEqual(filesIn(packaged.chromeDir));
    expect(filesOf(packaged.chrome)).toContain('manifest.json');
  });

  it('ships the service worker, with package.json’s version and no host asked for at install', () => {
    const manifest = manifestOf(packaged.chrome);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.background.service_worker).toBeDefined();
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.permissions).not.toContain('notifications');
    expect(manifest.name).not.toMatch(/simulator/);
  });

  it('loads unpacked in Chromium: its service worker starts, with package.json’s version', async () => {
    const { context, worker, profileDir } = await launchWithExtension({
      extensionDir: unpack(packaged.chrome),
      headless: true,
    });
    try {
      expect(new URL(worker.url()).pathname).toBe(`/${manifestOf(packaged.chrome).background.service_worker}`);
      expect(await worker.evaluate(() => chrome.runtime.getManifest().version)).toBe(pkg.version);
    } finally {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});

describe('the Firefox zip (addons.mozilla.org)', () => {
  it('holds exactly the files of the Firefox build, as an event page with the add-on’s id', () => {
    expect(filesOf(packaged.firefox)).toEqual(filesIn(packaged.firefoxDir));
    const manifest = manifestOf(packaged.firefox);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.background.scripts).toHaveLength(1);
    expect(manifest.browser_specific_settings?.gecko?.id).toBeTruthy();
    expect(manifest.host_permissions ?? []).toEqual([]);
    // Firefox reads policy without a schema: Chrome's managed_schema is neither declared nor shipped.
    expect(manifest.storage).toBeUndefined();
    expect(filesOf(packaged.firefox)).not.toContain('managed_schema.json');
  });

  it('passes web-ext lint, with no error and no warning that is not explained', () => {
    const report = lintFirefox(unpack(packaged.firefox));
    expect(report.errors).toEqual([]);
    expect(report.unexplained).toEqual([]);
  }, 120_000);
});

describe('the sources zip (AMO source review)', () => {
  const names = () => filesOf(packaged.sources);

  it('holds what the Firefox build is made from, as it is in the working tree', () => {
    const needed = ['package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'README.md'];
    expect(names()).toEqual(
      expect.arrayContaining([...needed, 'scripts/manifest-targets.ts', 'src/background/index.ts']),
    );
    const packed = readZip(packaged.sources).find((e) => e.name === 'package.json');
    expect(packed?.data().equals(readFileSync('package.json'))).toBe(true);
  });

  it('leaves out build output, dependencies and the README’s screenshots', () => {
    expect(names().filter((name) => /^(dist[^/]*|release|node_modules)\//.test(name))).toEqual([]);
    expect(names().filter((name) => /^docs\/.*\.png$/.test(name))).toEqual([]);
  });
});
