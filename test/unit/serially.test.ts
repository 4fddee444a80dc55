import { describe, expect, it } from 'vitest';
import { serially } from '../../src/background/serially';

describe('serially', () => {
  it('starts each call once the ones before it have finished, in the order they were made', async () => {
    const log: string[] = [];
    const step = serially(async (name: string, ms: number) => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`end ${name}`);
      return name;
    });
    // The first takes longest: run side by side, it would end last.
    expect(await Promise.all([step('a', 30), step('b', 1), step('c', 10)])).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('goes on after a call that failed, and hands its failure to its own caller only', async () => {
    const step = serially((fail: boolean) => (fail ? Promise.reject(new Error('failed')) : Promise.resolve('ok')));
    const first = step(true);
    const second = step(false);
    await expect(first).rejects.toThrow('failed');
    await expect(second).resolves.toBe('ok');
  });
});
