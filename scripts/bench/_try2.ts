import 'fake-indexeddb/auto';
import { openWatchDb, pruneLogs, recordPoll } from '../../src/shared/db';
import { parseConnections } from '../../src/background/sources/mbi-connections';
import { generateConnections } from '../../test/simulator/data';
const db = await openWatchDb();
const p = parseConnections(generateConnections(194, 1000, 0.1, 0));
if (!p.ok) throw 1;
let i = 0;
for (let day = 0; day < 40; day++) {
  const s = { big: 0, small: 0, prune: 0 };
  for (let k = 0; k < 288; k++, i++) {
    let t = performance.now();
    await recordPoll(db, { key: 'a:connections', sourceId: 'a', feed: 'connections', lastAttemptAt: i, failures: 0, data: p.data }, [], { sourceId: 'a', feed: 'connections', at: i, outcome: 'ok', durationMs: 1 });
    s.big += performance.now() - t; t = performance.now();
    await recordPoll(db, { key: 'a:update-cycle', sourceId: 'a', feed: 'update-cycle', lastAttemptAt: i, failures: 0 }, [], { sourceId: 'a', feed: 'update-cycle', at: i, outcome: 'ok', durationMs: 1 });
    s.small += performance.now() - t; t = performance.now();
    if (k === 287) await pruneLogs(db, i - 288 * 10);
    s.prune += performance.now() - t;
  }
  if (day % 4 === 3) console.log(day, Object.entries(s).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' '));
}
