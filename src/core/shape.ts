// Pure: the shape of a response — keys and value types, never values — for the "copy diagnostic sample"
// an admin can send when MBI answers in a way this version does not understand. No names, hosts or
// secrets can leak through it: only key names (capped) and type names are kept.
const MAX_DEPTH = 5;
const MAX_KEYS = 60;

type Shape = string | { [key: string]: Shape } | Shape[];

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Key names come from the server: odd ones are replaced, so that no value hides in a key. A kept key is
 * made of short words (snake_case or camelCase); a long run of letters or digits looks like a token.
 */
function safeKey(key: string): string {
  const words = key.split(/_|(?=[A-Z])/);
  return /^[A-Za-z_][A-Za-z0-9_]{0,40}$/.test(key) && words.every((w) => w.length <= 16) ? key : '<key>';
}

function merge(a: Shape, b: Shape): Shape {
  if (typeof a === 'string' && typeof b === 'string') return a === b ? a : `${a}|${b}`;
  if (typeof a === 'string' || typeof b === 'string' || Array.isArray(a) || Array.isArray(b)) {
    const x = JSON.stringify(a);
    const y = JSON.stringify(b);
    return x === y ? a : `${typeof a === 'string' ? a : 'object'}|${typeof b === 'string' ? b : 'object'}`;
  }
  const out: { [key: string]: Shape } = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k]!, v) : v;
  return out;
}

function shapeOf(value: unknown, depth: number): Shape {
  if (depth >= MAX_DEPTH) return typeName(value);
  if (Array.isArray(value)) {
    const items = value.slice(0, 500).map((v) => shapeOf(v, depth + 1));
    return items.length === 0 ? [] : [items.reduce(merge)];
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).slice(0, MAX_KEYS);
    return Object.fromEntries(entries.map(([k, v]) => [safeKey(k), shapeOf(v, depth + 1)]));
  }
  return typeName(value);
}

export function describeShape(value: unknown): string {
  const count = Array.isArray(value) ? ` (${value.length} items)` : '';
  return `${JSON.stringify(shapeOf(value, 0), null, 1)}${count}`;
}
