// The extension API: Chrome's own promise-based API (every call made through it returns a promise in
// Chrome ≥ 120; current Chrome also exposes it as `browser`), typed as webextension-polyfill's `Browser`.
// The polyfill's runtime is not bundled: on current Chrome it returns this same object, and on older
// ones its only help would be promise-returning onMessage listeners, which the worker does without
// (background/index.ts answers through sendResponse). It would cost 2.9 KB gzip of the worker's 20 KB
// budget and slow the popup's first paint.
import type { Browser } from 'webextension-polyfill';

const scope = globalThis as { browser?: unknown; chrome?: unknown };

const api = (scope.browser ?? scope.chrome) as Browser;

export default api;
