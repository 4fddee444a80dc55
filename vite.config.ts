import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { manifestFor, outDirFor, type Manifest } from './scripts/manifest-targets.ts';
import { timingDefines } from './scripts/sim-timing.ts';

// Modes: none (Chrome, also Edge, into dist/), `firefox` (dist-firefox/), and `sim` / `firefox-sim`, the
// test/demo variants (dist-sim/, dist-firefox-sim/): the simulator's origin and notifications are required
// permissions (a browser's permission prompt cannot be driven by a test) and polling may run every few
// seconds, with shorter waits (scripts/sim-timing.ts). The shipped builds have none of this. The manifest of
// each comes from manifest.json through scripts/manifest-targets.ts, the version from package.json.
/** The shipped messages carry no translator notes or indentation: Chrome reads only message and placeholders. */
function compactLocales(): Plugin {
  return {
    name: 'compact-locales',
    apply: 'build',
    writeBundle({ dir }) {
      if (!dir) return;
      for (const lang of readdirSync(join(dir, '_locales'))) {
        const file = join(dir, '_locales', lang, 'messages.json');
        const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<
          string,
          { message: string; placeholders?: unknown }
        >;
        const compact = Object.fromEntries(
          Object.entries(messages).map(([key, m]) => [
            key,
            m.placeholders ? { message: m.message, placeholders: m.placeholders } : { message: m.message },
          ]),
        );
        writeFileSync(file, JSON.stringify(compact));
      }
    },
  };
}

/** Leaves a copied public file out of a build that does not use it (Firefox: Chrome's managed schema). */
function withoutFile(name: string): Plugin {
  return {
    name: 'without-file',
    apply: 'build',
    writeBundle({ dir }) {
      if (dir) rmSync(join(dir, name), { force: true });
    },
  };
}

export default defineConfig(({ mode }) => {
  const sim = mode === 'sim' || mode === 'firefox-sim';
  const target = mode.startsWith('firefox') ? 'firefox' : 'chrome';
  const built = manifestFor(target, manifest as Manifest, pkg.version, sim) as unknown as ManifestV3Export;
  return {
    plugins: [
      preact(),
      crx({ manifest: built, browser: target }),
      compactLocales(),
      ...(target === 'firefox' ? [withoutFile('managed_schema.json')] : []),
    ],
    define: { ...timingDefines(sim), 'import.meta.env.VITE_BROWSER': JSON.stringify(target) },
    build: {
      outDir: outDirFor(target, sim),
      emptyOutDir: true,
      target: target === 'firefox' ? 'firefox140' : 'chrome120',
      sourcemap: false,
      rolldownOptions: {
        // Preact in a chunk of its own name, shared by the popup and the options page.
        output: { codeSplitting: { groups: [{ name: 'preact', test: /node_modules[\\/]preact/ }] } },
      },
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  };
});
