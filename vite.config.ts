import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { timingDefines } from './scripts/sim-timing.ts';

// `--mode sim` builds the test/demo variant into dist-sim/: the simulator's origin and notifications are
// required permissions (Chrome's native permission prompt cannot be driven by a test) and polling may run
// every few seconds, with shorter waits (scripts/sim-timing.ts). The shipped build (`vite build`, into dist/)
// has none of this.
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

export default defineConfig(({ mode }) => {
  const sim = mode === 'sim';
  const target: ManifestV3Export = sim
    ? {
        ...manifest,
        name: `${manifest.name} (simulator)`,
        permissions: [...manifest.permissions, 'notifications'],
        host_permissions: ['http://127.0.0.1/*'],
      }
    : manifest;
  return {
    plugins: [preact(), crx({ manifest: target }), compactLocales()],
    define: timingDefines(sim),
    build: {
      outDir: sim ? 'dist-sim' : 'dist',
      emptyOutDir: true,
      target: 'chrome120',
      sourcemap: false,
      rolldownOptions: {
        // Preact in a chunk of its own name, shared by the popup and the options page.
        output: { codeSplitting: { groups: [{ name: 'preact', test: /node_modules[\\/]preact/ }] } },
      },
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  };
});
