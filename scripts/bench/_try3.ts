import { serialize, deserialize } from 'node:v8';
import { parseConnections } from '../../src/background/sources/mbi-connections';
import { generateConnections } from '../../test/simulator/data';
const p = parseConnections(generateConnections(194, 1000, 0.1, 0));
if (!p.ok) throw 1;
const rec = { key: 'a:connections', data: p.data };
for (const [name, f] of [['structuredClone', (x: unknown) => structuredClone(x)], ['v8', (x: unknown) => deserialize(serialize(x))], ['json', (x: unknown) => JSON.parse(JSON.stringify(x))]] as const) {
  for (let i = 0; i < 50; i++) f(rec);
  const t = performance.now(); for (let i = 0; i < 300; i++) f(rec); console.log(name, (performance.now() - t) / 300);
}
