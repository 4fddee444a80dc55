// One manifest source (manifest.json), one version (package.json), four builds: Chrome (also what Edge
// takes) and Firefox, each shipped or against the simulator. Pure, so each target is tested without a build.

/** The fields of manifest.json these transforms touch; the rest passes through unchanged. */
export interface Manifest {
  version?: string;
  minimum_chrome_version?: string;
  background?: { service_worker?: string; scripts?: string[]; type?: 'module' };
  permissions?: string[];
  host_permissions?: string[];
  browser_specific_settings?: unknown;
  [key: string]: unknown;
}

export type Target = 'chrome' | 'firefox';

/** Firefox's id for the add-on: stable across versions, as AMO requires. */
export const GECKO_ID = 'mbi-integration-watch@mbi-watch.dev';
/** Firefox 140 is the first to read `data_collection_permissions`; Firefox for Android, 142. */
export const FIREFOX_MIN = '140.0';
export const FIREFOX_ANDROID_MIN = '142.0';

/**
 * What the simulator build adds: the simulator's origin and notifications are granted at install, since a
 * browser's permission prompt cannot be driven by a test. The shipped builds have none of this.
 */
function forSimulator(manifest: Manifest): Manifest {
  return {
    ...manifest,
    name: `${String(manifest.name)} (simulator)`,
    permissions: [...(manifest.permissions ?? []), 'notifications'],
    host_permissions: ['http://127.0.0.1/*'],
  };
}

/** The Chrome manifest: as written, with the version of package.json. */
export function chromeManifest(base: Manifest, version: string, sim = false): Manifest {
  const manifest = { ...base, version };
  return sim ? forSimulator(manifest) : manifest;
}

/**
 * The Firefox manifest: an event page instead of the service worker Firefox does not run, the add-on's
 * id and minimum versions, and its data declaration; nothing Chrome-only is left.
 */
export function firefoxManifest(base: Manifest, version: string, sim = false): Manifest {
  const rest: Manifest = { ...base };
  // Chrome's alone: Firefox reads managed storage from its enterprise policy, with no schema.
  delete rest.minimum_chrome_version;
  delete rest.storage;
  const { background } = base;
  delete rest.background;
  const script = background?.service_worker ?? background?.scripts?.[0];
  if (!script) throw new Error('manifest.json names no background script');
  const manifest: Manifest = {
    ...rest,
    version,
    background: { scripts: [script], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN,
        // The Export API key goes to the MBI host the admin entered: authentication data, sent where it belongs.
        data_collection_permissions: { required: ['authenticationInfo'] },
      },
      gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN },
    },
  };
  return sim ? forSimulator(manifest) : manifest;
}

export function manifestFor(target: Target, base: Manifest, version: string, sim = false): Manifest {
  return target === 'firefox' ? firefoxManifest(base, version, sim) : chromeManifest(base, version, sim);
}

/** The build directory of each target. */
export function outDirFor(target: Target, sim: boolean): string {
  return `dist${target === 'firefox' ? '-firefox' : ''}${sim ? '-sim' : ''}`;
}
