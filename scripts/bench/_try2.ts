import 'fake-indexeddb/auto';
import { openWatchDb, pruneLogs, recordPoll } from '../../src/shared/db';
import { parseConnections } from '../../src/background/sources/mbi-connections';
import { generateConnections } from '../../test/simulator/data';
const db = await openWatchDb();
const p = parseConnections(generateConnections(194, 1000, 0.1, 0));
if (!p.ok) throw 1;
for (let round = 0; round < 3; round++) {
const T = performance.now();
for (let i = 0; i < 576; i++) {
  const stored = { key: 'a:connections', sourceId: 'a', feed: 'connections' as const, lastAttemptAt: i, failures: 0, data: p.data };
  await recordPoll(db, stored, [], { sourceId: 'a', feed: 'connections', at: i, outcome: 'ok', durationMs: 1 });
  await recordPoll(db, { key: 'a:update-cycle', sourceId: 'a', feed: 'update-cycle', lastAttemptAt: i, failures: 0 }, [], { sourceId: 'a', feed: 'update-cycle', at: i, outcome: 'ok', durationMs: 1 });
  await pruneLogs(db, i - 100);
}
console.log('per cycle', (performance.now() - T) / 576);
}
