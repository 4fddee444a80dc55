// A sampled CPU profile of one page load (CDP Profiler), folded to the functions with the most self time.
// The build is minified, so each function is shown with the start of its code in the built file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';

export interface HotFunction {
  ms: number;
  /** "(program)" is native work outside JS (parsing, style, layout, paint, IPC). */
  name: string;
  where: string;
  code: string;
}

const SAMPLING_US = 100;

export async function startCpuProfile(session: CDPSession): Promise<void> {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  await session.send('Profiler.start');
}

function codeAt(dir: string, url: string, line: number, column: number): string {
  const path = url.replace(/^chrome-extension:\/\/[^/]+\//, '');
  if (path === url || path === '') return '';
  try {
    const source = readFileSync(join(dir, path), 'utf8').split('\n')[line] ?? '';
    return source.slice(column, column + 72).replace(/`/g, "'");
  } catch {
    return '';
  }
}

/** Stops the profiler; returns the `top` functions by self time, idle time left out. */
export async function stopCpuProfile(session: CDPSession, dir: string, top = 6): Promise<HotFunction[]> {
  const { profile } = await session.send('Profiler.stop');
  const selfUs = new Map<number, number>();
  (profile.samples ?? []).forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
  const byFunction = new Map<string, HotFunction>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(root)') continue;
    const file = url.split('/').pop() ?? '';
    const key = `${functionName}@${url}:${lineNumber}:${columnNumber}`;
    const entry = byFunction.get(key) ?? { ms: 0, name: functionName || '(anonymous)', where: file ? `${file}:${lineNumber + 1}:${columnNumber + 1}` : 'native', code: codeAt(dir, url, lineNumber, columnNumber) };
    entry.ms += (selfUs.get(node.id) ?? 0) / 1000;
    byFunction.set(key, entry);
  }
  return [...byFunction.values()].sort((a, b) => b.ms - a.ms).slice(0, top);
}
