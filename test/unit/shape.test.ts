import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeShape } from '../../src/core/shape';

const sample = JSON.parse(readFileSync('test/unit/fixtures/connections-2018-sample.json', 'utf8')) as unknown;

describe('describeShape', () => {
  it('keeps the keys and value types of the 2018 sample and none of its values', () => {
    const shape = describeShape(sample);
    for (const key of ['integration_type', 'replication_type', 'properties', 'established', 'status'])
      expect(shape).toContain(`"${key}"`);
    for (const value of ['vandelay', 'boxcutter', 'rds.amazonaws.com', '3306', 'MySQL', '2018-04-10'])
      expect(shape).not.toContain(value);
    expect(shape).toContain('"status": "string"');
    expect(shape).toMatch(/\(1 items\)$/);
  });

  it('merges the rows of a list, marking fields whose type differs', () => {
    expect(
      JSON.parse(
        describeShape([
          { id: 1, a: 'x' },
          { id: 'two', b: null },
        ]).replace(/ \(\d+ items\)$/, ''),
      ),
    ).toEqual([{ id: 'number|string', a: 'string', b: 'null' }]);
  });

  it.each([
    { what: 'a secret-looking key', body: { sk_live_abcdefghijklmnopqrstuvwxyz: 1 } },
    { what: 'a host as a key', body: { 'warehouse.vandelay.com': 'x' } },
    { what: 'an e-mail as a key', body: { 'admin@vandelay.example': true } },
  ])('hides $what', ({ body }) => {
    const shape = describeShape(body);
    expect(shape).toContain('<key>');
    expect(shape).not.toMatch(/sk_live|vandelay/);
  });

  it('stops at a depth and a size, whatever the input', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = { a: deep };
    expect(describeShape(deep).length).toBeLessThan(200);
    expect(describeShape(Array.from({ length: 10_000 }, (_, i) => ({ id: i }))).length).toBeLessThan(200);
  });
});
