// The extension API for pages and shared code: Chrome's own promise-based API (every call made through it
// returns a promise in Chrome ≥ 120), typed as webextension-polyfill's `Browser`. The polyfill itself runs
// in the worker (background/index.ts), where it lets onMessage listeners answer with a promise on every
// supported Chrome; in the popup its 10 KB would only slow the first paint.
import type { Browser } from 'webextension-polyfill';

const scope = globalThis as { browser?: unknown; chrome?: unknown };

const api = (scope.browser ?? scope.chrome) as Browser;

export default api;
