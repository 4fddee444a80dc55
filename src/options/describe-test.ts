// Test-connection results in the popup's words.
import { plural, t } from '../core/i18n';
import { ISSUES } from '../core/issues';
import type { TestOutcome, TestResult } from '../core/messages';

type Connected = Extract<TestOutcome, { ok: true }>;

function line(label: string, outcome: TestOutcome, connected: (outcome: Connected) => string): string {
  if (outcome.ok === 'skipped') return t('test_not_tested', label, outcome.message);
  if (!outcome.ok) return `${label}: ${ISSUES[outcome.kind].title}. ${outcome.message}`;
  return connected(outcome);
}

export function describeTest(result: TestResult): string[] {
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
