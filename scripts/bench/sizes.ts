// What the built extension ships: each entry (worker, popup, options) with the chunks it loads, read from
// the manifest, the HTML pages and the imports in the JS itself, so no file name is hard-coded.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export type EntryName = 'worker' | 'popup' | 'options';

export interface FileSize {
  /** Path inside the build directory, with forward slashes. */
  path: string;
  raw: number;
  gzip: number;
}

export interface EntrySize {
  entry: EntryName;
  /** The file the manifest or page names first (HTML page or worker loader). */
  root: string;
  /** Every JS file the entry loads, its own script first. */
  scripts: FileSize[];
  raw: number;
  gzip: number;
}

export interface ChunkUse extends FileSize {
  entries: EntryName[];
}

export interface BuildSizes {
  entries: EntrySize[];
  chunks: ChunkUse[];
  /** Every file of the build. */
  files: FileSize[];
  total: { files: number; raw: number; gzip: number };
}

interface Manifest {
  background?: { service_worker?: string };
  action?: { default_popup?: string };
  options_ui?: { page?: string };
  options_page?: string;
}

const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{0,2}\/[^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*["'](\.{0,2}\/[^"']+\.js)["']\s*\)/g;
const MODULE_SCRIPT = /<script\b[^>]*\btype=["']module["'][^>]*\bsrc=["']([^"']+)["']/gi;

/** gzip -9, as a server or a store would compress it. */
export function gzipSize(bytes: Buffer): number {
  return gzipSync(bytes, { level: 9 }).length;
}

function sizeOf(dir: string, path: string): FileSize {
  const bytes = readFileSync(join(dir, path));
  return { path, raw: bytes.length, gzip: gzipSize(bytes) };
}

/** Resolves a specifier as the browser would: "/x" from the extension root, "./x" from the importer. */
function resolveSpecifier(from: string, specifier: string): string {
  const path = specifier.startsWith('/') ? specifier.slice(1) : posix.join(posix.dirname(from), specifier);
  return posix.normalize(path);
}

/** The JS files a module imports, statically or dynamically (relative specifiers only). */
export function importsOf(dir: string, path: string): string[] {
  const code = readFileSync(join(dir, path), 'utf8');
  const found = [...code.matchAll(STATIC_IMPORT), ...code.matchAll(DYNAMIC_IMPORT)].map((m) => resolveSpecifier(path, m[1] ?? ''));
  return [...new Set(found)];
}

/** The entry file and everything it reaches through imports, breadth first. */
export function moduleClosure(dir: string, roots: readonly string[]): string[] {
  const seen = new Set<string>(roots);
  const queue = [...roots];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const dep of importsOf(dir, next)) {
      if (!seen.has(dep)) {
        seen.add(dep);
        queue.push(dep);
      }
    }
  }
  return [...seen];
}

function pageScripts(dir: string, page: string): string[] {
  const html = readFileSync(join(dir, page), 'utf8');
  return [...html.matchAll(MODULE_SCRIPT)].map((m) => resolveSpecifier(page, m[1] ?? ''));
}

function entryRoots(dir: string): { entry: EntryName; root: string; scripts: string[] }[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const worker = manifest.background?.service_worker;
  const popup = manifest.action?.default_popup;
  const options = manifest.options_ui?.page ?? manifest.options_page;
  if (!worker || !popup || !options) throw new Error(`${dir}/manifest.json names no worker, popup or options page.`);
  return [
    { entry: 'worker', root: worker, scripts: [worker] },
    { entry: 'popup', root: popup, scripts: pageScripts(dir, popup) },
    { entry: 'options', root: options, scripts: pageScripts(dir, options) },
  ];
}

function allFiles(dir: string, sub = ''): string[] {
  return readdirSync(join(dir, sub)).flatMap((name) => {
    const path = sub ? `${sub}/${name}` : name;
    return statSync(join(dir, path)).isDirectory() ? allFiles(dir, path) : [path];
  });
}

function sum(files: readonly FileSize[]): { raw: number; gzip: number } {
  return { raw: files.reduce((n, f) => n + f.raw, 0), gzip: files.reduce((n, f) => n + f.gzip, 0) };
}

/** Sizes of a build directory (dist/ or dist-sim/): per entry with its chunks, per chunk, and in total. */
export function buildSizes(dir: string): BuildSizes {
  const entries = entryRoots(dir).map(({ entry, root, scripts }): EntrySize => {
    if (scripts.length === 0) throw new Error(`${dir}/${root} loads no module script.`);
    const files = moduleClosure(dir, scripts).map((path) => sizeOf(dir, path));
    return { entry, root, scripts: files, ...sum(files) };
  });
  const users = new Map<string, EntryName[]>();
  for (const e of entries) for (const f of e.scripts) users.set(f.path, [...(users.get(f.path) ?? []), e.entry]);
  const chunks = [...users].map(([path, used]) => ({ ...sizeOf(dir, path), entries: used })).sort((a, b) => b.raw - a.raw);
  const files = allFiles(dir).map((path) => sizeOf(dir, path));
  return { entries, chunks, files, total: { files: files.length, ...sum(files) } };
}


/** The size budgets the bench reports against and the e2e suite asserts (bytes; KB = 1,024 bytes). */
export const SIZE_BUDGETS = {
  /** The popup page's script with every chunk it imports, gzip -9 per file, summed. */
  popupGzip: 15 * 1024,
  /**
   * The worker's loader and every chunk it imports, likewise. 20 KB until the trust fixes (keys bound to
   * their host, parsed stored records, inert remote text) added 3.3 KB gzip to the 18.5 KB worker; the
   * simpler check cycle that comes next is to bring it back to 20 KB.
   */
  workerGzip: 22 * 1024,
  /** Every file of dist/, uncompressed: 150 KB before the trust fixes added 24 KB of code and messages. */
  distRaw: 175 * 1024,
} as const;
