// The waits the simulator build (`vite build --mode sim`) shortens, so the real-browser suite need not sit
// out Adobe's minute or a 15 s timeout. One place: vite.config.ts builds them in, the tests read them here.
// The shipped build keeps the values written in the account (a unit test asserts them).
export const SIM_TIMING = {
  /** Shortest poll interval a person may choose, in minutes (shipped: 1). */
  minPollMinutes: 0.02,
  /** Adobe's one update-status call per client and interval (shipped: 60 s). */
  updateCycleMinIntervalMs: 10_000,
  /** How long each request to MBI may take (shipped: 15 s). */
  requestTimeoutMs: 6_000,
  /** How often one status page host is read at most (shipped: 5 minutes). */
  statusIntervalMs: 3_000,
} as const;

/** `define` entries of a build: the simulator's short waits, or none at all (even if set in the environment). */
export function timingDefines(sim: boolean): Record<string, string> {
  const value = (n: number): string => (sim ? JSON.stringify(String(n)) : 'undefined');
  return {
    'import.meta.env.VITE_MIN_POLL_MINUTES': value(SIM_TIMING.minPollMinutes),
    'import.meta.env.VITE_UPDATE_CYCLE_MIN_MS': value(SIM_TIMING.updateCycleMinIntervalMs),
    'import.meta.env.VITE_REQUEST_TIMEOUT_MS': value(SIM_TIMING.requestTimeoutMs),
    'import.meta.env.VITE_STATUS_INTERVAL_MS': value(SIM_TIMING.statusIntervalMs),
    // Status pages are read from the simulator (its /__status/<host>/… routes), not from the vendors' hosts.
    'import.meta.env.VITE_STATUS_VIA_SIMULATOR': sim ? JSON.stringify('true') : 'undefined',
  };
}
