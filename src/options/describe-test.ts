// Test-connection results in the popup's words.
import { plural, t } from '../core/i18n';
import { issueTexts } from '../core/issues';
import type { TestOutcome, TestResult } from '../core/messages';
import { PIPELINE_NAMES, type OtherPipeline } from '../core/settings';

type Connected = Extract<TestOutcome, { ok: true }>;

function line(
  label: string,
  outcome: TestOutcome,
  connected: (outcome: Connected) => string,
  pipeline?: OtherPipeline,
): string {
  if (outcome.ok === 'skipped') return t('test_not_tested', label, outcome.message);
  if (!outcome.ok) return `${label}: ${issueTexts(outcome.kind, pipeline).title}. ${outcome.message}`;
  return connected(outcome);
}

/** The result's lines: MBI's integrations and update status, or one line of the pipeline's connections. */
export function describeTest(result: TestResult, pipeline?: OtherPipeline): string[] {
  if (pipeline) {
    const name = PIPELINE_NAMES[pipeline];
    const connected = (o: Connected) =>
      t('test_pipeline_connected', name, plural('test_connections', o.total), o.problems);
    return [line(name, result.connections, connected, pipeline)];
  }
  const integrations = t('test_label_integrations');
  const lines = [
    line(integrations, result.connections, (o) =>
      t('test_connected', integrations, plural('test_integrations', o.total), o.problems),
    ),
  ];
  if (result.updateCycle) {
    const update = t('test_label_update_status');
    lines.push(line(update, result.updateCycle, () => t('test_key_works', update)));
  }
  return lines;
}

export function testPassed(result: TestResult): boolean {
  return result.connections.ok === true && (result.updateCycle === undefined || result.updateCycle.ok !== false);
}
