// The shipped build, as Chrome would install it: what it asks for, and what it carries.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  minimum_chrome_version?: string;
  commands?: Record<string, { suggested_key?: { default?: string } }>;
  default_locale?: string;
  icons: Record<string, string>;
}

const manifest = JSON.parse(readFileSync('dist/manifest.json', 'utf8')) as Manifest;

function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('the shipped dist/manifest.json', () => {
  it('asks at install only for alarms and storage, and for no host', () => {
    expect(manifest.permissions?.sort()).toEqual(['alarms', 'storage']);
    expect(manifest.host_permissions ?? []).toEqual([]);
  });

  it('requests host access only at runtime, never for all URLs or tabs', () => {
    const everything = JSON.stringify(manifest);
    expect(everything).not.toContain('<all_urls>');
    expect(everything).not.toContain('"tabs"');
    expect(manifest.optional_host_permissions).toEqual(expect.arrayContaining(['https://*/*']));
    expect(manifest.optional_permissions).toEqual(['notifications']);
  });

  it('suggests a keyboard shortcut that opens the popup, and speaks English by default', () => {
    expect(manifest.commands?._execute_action?.suggested_key?.default).toBe('Alt+Shift+M');
    expect(manifest.default_locale).toBe('en');
  });

  it('names a minimum Chrome version', () => {
    expect(Number(manifest.minimum_chrome_version)).toBeGreaterThanOrEqual(116);
  });

  it.each(['16', '32', '48', '128'])('carries a %s px icon of that size', (size) => {
    const file = manifest.icons[size];
    expect(file).toBeDefined();
    expect(pngSize(`dist/${file}`)).toEqual([Number(size), Number(size)]);
  });
});
