// The manifest each build ships, from the one manifest.json and package.json's version, without building.
import { describe, expect, it, test } from 'vitest';
import source from '../../manifest.json' with { type: 'json' };
import pkg from '../../package.json' with { type: 'json' };
import {
  chromeManifest,
  FIREFOX_ANDROID_MIN,
  FIREFOX_MIN,
  firefoxManifest,
  GECKO_ID,
  manifestFor,
  outDirFor,
  type Manifest,
} from '../../scripts/manifest-targets';

const base = source as Manifest;

/** A manifest without the given keys: what a transform must leave as it found it. */
function without(manifest: Manifest, ...keys: string[]): Manifest {
  return Object.fromEntries(Object.entries(manifest).filter(([key]) => !keys.includes(key)));
}

interface Gecko {
  gecko: { id: string; strict_min_version: string; data_collection_permissions: { required: string[] } };
  gecko_android: { strict_min_version: string };
}

describe('the version', () => {
  it('is written in package.json alone, in the dotted-integers form both stores accept', () => {
    expect(base).not.toHaveProperty('version');
    // Chrome and Firefox take one to four integers; a "-beta" suffix would be refused at upload.
    expect(pkg.version).toMatch(/^\d+(\.\d+){0,3}$/);
  });

  test.each([
    { target: 'chrome', sim: false },
    { target: 'chrome', sim: true },
    { target: 'firefox', sim: false },
    { target: 'firefox', sim: true },
  ] as const)('is package.json’s in the $target manifest (simulator: $sim)', ({ target, sim }) => {
    expect(manifestFor(target, base, pkg.version, sim).version).toBe(pkg.version);
  });
});

describe('the Chrome manifest (also what Edge takes)', () => {
  const chrome = chromeManifest(base, pkg.version);

  it('keeps the service worker and the minimum Chrome version', () => {
    expect(chrome.background).toEqual({ service_worker: 'src/background/index.ts', type: 'module' });
    expect(chrome.minimum_chrome_version).toBe(base.minimum_chrome_version);
  });

  it('is manifest.json with the version, and nothing else changed', () => {
    expect(chrome).toEqual({ ...base, version: pkg.version });
    expect(chrome).not.toHaveProperty('browser_specific_settings');
  });
});

describe('the Firefox manifest', () => {
  const firefox = firefoxManifest(base, pkg.version);
  const settings = firefox.browser_specific_settings as Gecko;

  it('runs the background as an event page, since Firefox has no extension service worker', () => {
    expect(firefox.background).toEqual({ scripts: ['src/background/index.ts'], type: 'module' });
    expect(firefox.background).not.toHaveProperty('service_worker');
  });

  it('drops the minimum Chrome version', () => {
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
  });

  it('names the add-on id AMO requires for MV3', () => {
    expect(settings.gecko.id).toBe(GECKO_ID);
    // An email-like id: AMO accepts that form or a {GUID}.
    expect(GECKO_ID).toMatch(/^[\w.-]+@[\w.-]+$/);
  });

  it('asks for Firefox 140 and Firefox for Android 142, as version strings with a dot', () => {
    expect(settings.gecko.strict_min_version).toBe('140.0');
    expect(settings.gecko_android.strict_min_version).toBe('142.0');
    expect([FIREFOX_MIN, FIREFOX_ANDROID_MIN]).toEqual(['140.0', '142.0']);
  });

  it('declares the data it transmits, as AMO requires of new add-ons', () => {
    expect(settings.gecko.data_collection_permissions.required.length).toBeGreaterThan(0);
  });

  it('is manifest.json otherwise, unchanged', () => {
    expect(without(firefox, 'background', 'browser_specific_settings', 'version')).toEqual(
      without(base, 'background', 'minimum_chrome_version', 'storage'),
    );
  });

  it('takes the first of background.scripts when manifest.json names scripts instead of a worker', () => {
    const scripts = { ...base, background: { scripts: ['src/bg.ts', 'src/other.ts'] } };
    expect(firefoxManifest(scripts, pkg.version).background).toEqual({ scripts: ['src/bg.ts'], type: 'module' });
  });

  test.each([
    { case: 'no background', background: undefined },
    { case: 'an empty background', background: {} },
    { case: 'no scripts', background: { scripts: [] } },
  ])('throws when manifest.json names no background script ($case)', ({ background }) => {
    expect(() => firefoxManifest({ ...base, background }, pkg.version)).toThrow(/background script/);
  });

  it('leaves manifest.json as it was', () => {
    const copy = structuredClone(base);
    firefoxManifest(base, pkg.version, true);
    chromeManifest(base, pkg.version, true);
    expect(base).toEqual(copy);
  });
});

describe('the simulator variants', () => {
  test.each(['chrome', 'firefox'] as const)(
    'of %s add only the simulator’s origin and notifications, and say so in the name',
    (target) => {
      const shipped = manifestFor(target, base, pkg.version);
      const sim = manifestFor(target, base, pkg.version, true);
      expect(sim.host_permissions).toEqual(['http://127.0.0.1/*']);
      expect(sim.permissions).toEqual([...(shipped.permissions ?? []), 'notifications']);
      expect(sim.name).toBe(`${String(shipped.name)} (simulator)`);
      const changed = ['permissions', 'host_permissions', 'name'];
      expect(without(sim, ...changed)).toEqual(without(shipped, ...changed));
    },
  );

  it('are never what ships: the shipped builds ask for no host at install', () => {
    expect(chromeManifest(base, pkg.version).host_permissions).toBeUndefined();
    expect(firefoxManifest(base, pkg.version).host_permissions).toBeUndefined();
  });
});

test.each([
  { target: 'chrome', sim: false, dir: 'dist' },
  { target: 'chrome', sim: true, dir: 'dist-sim' },
  { target: 'firefox', sim: false, dir: 'dist-firefox' },
  { target: 'firefox', sim: true, dir: 'dist-firefox-sim' },
] as const)('builds $target (simulator: $sim) into $dir/', ({ target, sim, dir }) => {
  expect(outDirFor(target, sim)).toBe(dir);
});
