// Draws the toolbar icons (a blue rounded square with three white bars and a pulse line) into public/icons.
// Solid fill with a light rim reads on light and dark toolbars alike. Run: npx tsx scripts/make-icons.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
const BLUE: Rgba = [21, 101, 192, 255];
const RIM: Rgba = [227, 238, 252, 255];
const WHITE: Rgba = [255, 255, 255, 255];

function inRoundedSquare(x: number, y: number, inset: number, radius: number): boolean {
  const lo = inset + radius;
  const hi = 1 - inset - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset && dx * dx + dy * dy <= radius * radius;
}

const BARS = [
  { x0: 0.24, x1: 0.36, top: 0.56 },
  { x0: 0.44, x1: 0.56, top: 0.4 },
  { x0: 0.64, x1: 0.76, top: 0.26 },
];

/** Colour of one point of the icon in unit coordinates (y grows downwards). */
function paint(x: number, y: number): Rgba | null {
  if (!inRoundedSquare(x, y, 0.02, 0.2)) return null;
  if (!inRoundedSquare(x, y, 0.07, 0.16)) return RIM;
  if (BARS.some((b) => x >= b.x0 && x <= b.x1 && y >= b.top && y <= 0.78)) return WHITE;
  return BLUE;
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** `padding`: a transparent margin, as a share of the size, around the artwork. */
function png(size: number, padding = 0): Buffer {
  const samples = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const at = (p: number, s: number) => ((p + (s + 0.5) / samples) / size - padding) / (1 - 2 * padding);
          const c = paint(at(px, sx), at(py, sy));
          if (!c) continue;
          for (let i = 0; i < 3; i++) acc[i]! += c[i]! * c[3];
          acc[3]! += c[3];
        }
      }
      const alpha = acc[3]! / (samples * samples);
      const at = py * (size * 4 + 1) + 1 + px * 4;
      for (let i = 0; i < 3; i++) raw[at + i] = acc[3]! > 0 ? Math.round(acc[i]! / acc[3]!) : 0;
      raw[at + 3] = Math.round(alpha);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

mkdirSync('public/icons', { recursive: true });
for (const size of [16, 32, 48]) writeFileSync(`public/icons/icon-${size}.png`, png(size));
// The store's icon: 96 px of artwork with 16 px of transparent padding per side, as the Chrome Web Store asks.
writeFileSync('public/icons/icon-128.png', png(128, 16 / 128));
console.log('wrote public/icons/icon-{16,32,48,128}.png');
