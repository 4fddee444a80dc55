// The shipped build keeps Adobe's minute, the 15 s request timeout and the one-minute poll floor; only the
// simulator build shortens them, and no environment variable can shorten them in the shipped one.
import { describe, expect, it } from 'vitest';
import { SIM_TIMING, timingDefines } from '../../scripts/sim-timing';
import { UPDATE_CYCLE_MIN_INTERVAL_MS } from '../../src/background/sources/mbi-update-cycle';
import { REQUEST_TIMEOUT_MS } from '../../src/core/limits';
import { POLL_MINUTES } from '../../src/core/settings';
import { STATUS_INTERVAL_MS } from '../../src/core/status';

describe('waits of the shipped build', () => {
  it('calls the update status at most once a minute, gives a request 15 s and polls at most once a minute', () => {
    expect(UPDATE_CYCLE_MIN_INTERVAL_MS).toBe(60_000);
    expect(REQUEST_TIMEOUT_MS).toBe(15_000);
    expect(POLL_MINUTES.min).toBe(1);
    expect(STATUS_INTERVAL_MS).toBe(5 * 60_000);
  });

  it('builds in no shortened wait and reads status pages from their own hosts, whatever the environment says', () => {
    const shipped = timingDefines(false);
    expect(Object.values(shipped)).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
  });
});

describe('waits of the simulator build', () => {
  it('builds in the shortened waits the browser tests read', () => {
    expect(timingDefines(true)).toEqual({
      'import.meta.env.VITE_MIN_POLL_MINUTES': '"0.02"',
      'import.meta.env.VITE_UPDATE_CYCLE_MIN_MS': `"${SIM_TIMING.updateCycleMinIntervalMs}"`,
      'import.meta.env.VITE_REQUEST_TIMEOUT_MS': `"${SIM_TIMING.requestTimeoutMs}"`,
      'import.meta.env.VITE_STATUS_INTERVAL_MS': `"${SIM_TIMING.statusIntervalMs}"`,
      'import.meta.env.VITE_STATUS_VIA_SIMULATOR': '"true"',
    });
  });
});
