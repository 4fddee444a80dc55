// `npm run package`: fresh shipped builds for Chrome (also what Edge takes) and Firefox, zipped for the stores,
// with the sources archive AMO's review asks for beside them, all under release/ and named by package.json's
// version.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pkg from '../package.json' with { type: 'json' };
import { writeZip } from './zip';

export type Artifact = 'chrome' | 'firefox' | 'sources';

export function artifactName(artifact: Artifact, version = pkg.version): string {
  return `${pkg.name}-${version}-${artifact}.zip`;
}

export interface PackageOptions {
  releaseDir?: string;
  /** Where each shipped build goes; the defaults are the builds' own dist/ and dist-firefox/. */
  chromeDir?: string;
  firefoxDir?: string;
}

export type Packaged = Record<Artifact, string> & { chromeDir: string; firefoxDir: string };

/** Screenshots and other images under docs/: for the README, not for a build. */
const NOT_SOURCE = /^docs\/.*\.(png|jpe?g|gif|webp)$/i;

const run = (command: string, args: string[]) =>
  execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], timeout: 240_000 });

function build(mode: 'chrome' | 'firefox', outDir: string): void {
  run('npx', [
    'vite',
    'build',
    ...(mode === 'firefox' ? ['--mode', 'firefox'] : []),
    '--outDir',
    outDir,
    '--logLevel',
    'warn',
  ]);
}

/** web-ext zips a directory as the stores take it: manifest.json at the root, no dotfiles, no zips. */
function zipBuild(sourceDir: string, releaseDir: string, filename: string): string {
  run('npx', [
    'web-ext',
    'build',
    '--source-dir',
    sourceDir,
    '--artifacts-dir',
    releaseDir,
    '--filename',
    filename,
    '--overwrite-dest',
    '--no-config-discovery',
  ]);
  return join(releaseDir, filename);
}

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' });
const paths = (listing: string) => listing.split('\0').filter(Boolean);

/**
 * The tracked files that .gitignore does not exclude (a build output committed by mistake is not source), as
 * they are in the working tree: a release is made from a clean checkout.
 */
function sourceFiles(): string[] {
  const ignored = new Set(paths(git('ls-files', '-z', '--cached', '--ignored', '--exclude-standard')));
  if (git('status', '--porcelain', '--untracked-files=no').trim())
    console.warn('Warning: the working tree has uncommitted changes; the sources archive holds them as they are.');
  // A file deleted in the working tree but not yet in git's index is not part of this build.
  return paths(git('ls-files', '-z'))
    .filter((path) => !ignored.has(path) && !NOT_SOURCE.test(path) && existsSync(path))
    .sort();
}

export function packageRelease({
  releaseDir = 'release',
  chromeDir = 'dist',
  firefoxDir = 'dist-firefox',
}: PackageOptions = {}): Packaged {
  build('chrome', chromeDir);
  build('firefox', firefoxDir);
  mkdirSync(releaseDir, { recursive: true });
  const sources = join(releaseDir, artifactName('sources'));
  writeZip(
    sources,
    sourceFiles().map((name) => ({ name, data: readFileSync(name) })),
  );
  return {
    chrome: zipBuild(chromeDir, releaseDir, artifactName('chrome')),
    firefox: zipBuild(firefoxDir, releaseDir, artifactName('firefox')),
    sources,
    chromeDir,
    firefoxDir,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const packaged = packageRelease();
  console.log(`\nrelease/ for version ${pkg.version}:`);
  for (const artifact of ['chrome', 'firefox', 'sources'] as const) {
    const path = packaged[artifact];
    console.log(`  ${path}  ${(statSync(path).size / 1024).toFixed(1)} KB`);
  }
}
