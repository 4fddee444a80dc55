// Size budgets of the shipped build (dist/, built by test:e2e before this suite). Sizes are deterministic,
// so they are asserted here; `npm run bench` reports the same figures with the timings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSizes, SIZE_BUDGETS } from '../../scripts/bench/sizes';

const DIST = 'dist';
const sizes = buildSizes(DIST);

function entry(name: 'worker' | 'popup' | 'options') {
  const found = sizes.entries.find((e) => e.entry === name);
  if (!found) throw new Error(`dist/ has no ${name} entry`);
  return found;
}

const files = (name: 'worker' | 'popup' | 'options') =>
  entry(name)
    .scripts.map((s) => `${s.path} ${s.gzip} B`)
    .join(', ');

describe('the shipped dist/', () => {
  it('reaches every shipped script from the worker, the popup or the options page', () => {
    // A chunk no entry reaches would mean an import the graph missed, and code outside every budget.
    const reached = new Set(sizes.entries.flatMap((e) => e.scripts.map((s) => s.path)));
    const shipped = sizes.files.filter((f) => f.path.endsWith('.js')).map((f) => f.path);
    expect(shipped.filter((path) => !reached.has(path))).toEqual([]);
    for (const name of ['worker', 'popup', 'options'] as const)
      expect(entry(name).scripts.length, name).toBeGreaterThan(1);
  });

  it(`keeps the popup script and its chunks within ${SIZE_BUDGETS.popupGzip / 1024} KB gzip`, () => {
    expect(entry('popup').gzip, files('popup')).toBeLessThanOrEqual(SIZE_BUDGETS.popupGzip);
  });

  it(`keeps the worker and its chunks within ${SIZE_BUDGETS.workerGzip / 1024} KB gzip`, () => {
    expect(entry('worker').gzip, files('worker')).toBeLessThanOrEqual(SIZE_BUDGETS.workerGzip);
  });

  it(`keeps the whole of dist/ within ${SIZE_BUDGETS.distRaw / 1024} KB`, () => {
    expect(sizes.total.raw, `${sizes.total.files} files`).toBeLessThanOrEqual(SIZE_BUDGETS.distRaw);
  });

  it("reads status pages from the vendors only: the simulator build's rerouting is not shipped", () => {
    const worker = entry('worker')
      .scripts.map((f) => readFileSync(join(DIST, f.path), 'utf8'))
      .join('\n');
    expect(worker).not.toContain('__status');
    expect(worker).toContain('https://status.zendesk.com/api/ssp/incidents.json');
  });
});
