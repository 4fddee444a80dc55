import { useState } from 'preact/hooks';
import { describeTest, testPassed } from './describe-test';
import { t } from '../core/i18n';
import type { AccountSettings } from '../core/settings';
import { runTest } from './use-options';

interface Props {
  /**
   * The account to test with the credential to send (key '' for none; `secret`, a pipeline's second half),
   * or null when the form is not valid yet.
   */
  target: () => { account: AccountSettings; exportApiKey: string; secret?: string } | null;
}

/** "Test connection": runs the real adapters once and shows the result in the popup's words. */
export function TestButton({ target }: Props) {
  const [result, setResult] = useState<{ passed: boolean; lines: string[] } | null>(null);
  const [running, setRunning] = useState(false);
  const test = async () => {
    const chosen = target();
    if (!chosen) return;
    setRunning(true);
    setResult(null);
    try {
      const outcome = await runTest(chosen.account, chosen.exportApiKey, chosen.secret);
      setResult({ passed: testPassed(outcome), lines: describeTest(outcome, chosen.account.pipeline) });
    } catch (error) {
      setResult({
        passed: false,
        lines: [t('options_test_failed', error instanceof Error ? error.message : String(error))],
      });
    } finally {
      setRunning(false);
    }
  };
  return (
    <div class="test">
      {/* test catches every failure and shows it as the result. */}
      <button type="button" class="secondary" onClick={() => void test()} disabled={running} aria-busy={running}>
        {running ? t('options_testing') : t('options_test')}
      </button>
      {result && (
        <div role="status" class={result.passed ? 'test-ok' : 'field-error'} data-testid="test-result">
          {result.lines.map((l) => (
            <p key={l}>{l}</p>
          ))}
        </div>
      )}
    </div>
  );
}
