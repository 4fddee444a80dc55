// Test-connection results in the popup's words.
import { ISSUES } from './issues';
import type { TestOutcome, TestResult } from './messages';

function line(label: string, outcome: TestOutcome): string {
  if (outcome.ok === 'skipped') return `${label}: not tested. ${outcome.message}`;
  if (!outcome.ok) return `${label}: ${ISSUES[outcome.kind].title}. ${outcome.message}`;
  return label === 'Integrations'
    ? `${label}: connected, ${outcome.total} integrations, ${outcome.problems} need attention.`
    : `${label}: connected, the Export API key works.`;
}

export function describeTest(result: TestResult): string[] {
  const lines = [line('Integrations', result.connections)];
  if (result.updateCycle) lines.push(line('Update status', result.updateCycle));
  return lines;
}

export function testPassed(result: TestResult): boolean {
  return result.connections.ok === true && (result.updateCycle === undefined || result.updateCycle.ok !== false);
}
