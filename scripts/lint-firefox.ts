// `npm run lint:firefox`: Mozilla's add-on linter (web-ext lint, what AMO runs on upload) over the Firefox
// build. Fails on any error, and on any warning not allowed below with its reason.
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
}

export interface LintReport {
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
  /** Warnings the allow-list does not explain: each fails the lint, as every error does. */
  unexplained: LintMessage[];
}

/** Warnings that cannot be fixed in this code, each for one file. */
export const ALLOWED_WARNINGS: { code: string; file: RegExp; why: string }[] = [
  {
    // Preact's renderer sets innerHTML only for the `dangerouslySetInnerHTML` prop, which src/ never passes
    // (remote text is rendered as text). The branch is in the library, bundled into its own chunk.
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^assets\/preact-[\w-]+\.js$/,
    why: 'innerHTML branch of the bundled Preact, for a prop this extension never uses',
  },
];

const allowed = (warning: LintMessage) =>
  ALLOWED_WARNINGS.some(({ code, file }) => warning.code === code && file.test(warning.file ?? ''));

/** Runs `web-ext lint` on an unpacked extension. */
export function lintFirefox(sourceDir: string): LintReport {
  let output: string;
  try {
    output = execFileSync(
      'npx',
      ['web-ext', 'lint', '--source-dir', sourceDir, '--output', 'json', '--no-config-discovery'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 120_000 },
    );
  } catch (error) {
    // web-ext exits non-zero when there are errors, with the report still on stdout.
    const stdout = (error as { stdout?: unknown }).stdout;
    if (typeof stdout !== 'string' || !stdout.trim().startsWith('{')) throw error;
    output = stdout;
  }
  const report = JSON.parse(output) as Omit<LintReport, 'unexplained'>;
  return { ...report, unexplained: report.warnings.filter((warning) => !allowed(warning)) };
}

const where = ({ file, line }: LintMessage) => (file ? ` ${file}${line ? `:${line}` : ''}` : '');

export function summary({ errors, warnings, notices }: LintReport): string {
  const lines = [`web-ext lint: ${errors.length} errors, ${warnings.length} warnings, ${notices.length} notices`];
  for (const e of errors) lines.push(`  error    ${e.code}${where(e)}: ${e.message}`);
  for (const w of warnings) {
    const reason = ALLOWED_WARNINGS.find(({ code, file }) => w.code === code && file.test(w.file ?? ''))?.why;
    lines.push(`  warning  ${w.code}${where(w)}: ${reason ? `allowed: ${reason}` : w.message}`);
  }
  for (const n of notices) lines.push(`  notice   ${n.code}${where(n)}: ${n.message}`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? 'dist-firefox';
  const report = lintFirefox(dir);
  console.log(summary(report));
  if (report.errors.length + report.unexplained.length > 0) {
    console.error(
      `${dir}/ fails: ${report.errors.length} errors and ${report.unexplained.length} warnings not allowed ` +
        '(fix them, or, if they cannot be fixed, allow them with a reason in scripts/lint-firefox.ts).',
    );
    process.exitCode = 1;
  }
}
