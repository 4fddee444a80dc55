import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

// `--mode sim` builds the test/demo variant into dist-sim/: the simulator's origin and notifications are
// required permissions (Chrome's native permission prompt cannot be driven by a test) and polling may run
// every few seconds. The shipped build (`vite build`, into dist/) has none of this.
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
    plugins: [preact(), crx({ manifest: target })],
    define: sim ? { 'import.meta.env.VITE_MIN_POLL_MINUTES': JSON.stringify('0.02') } : {},
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
