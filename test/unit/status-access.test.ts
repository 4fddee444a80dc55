// @vitest-environment jsdom
// The popup's offer to read status pages: it names the providers and lists every status host, asks the
// browser for all of them at once, and "Not now" is remembered by the worker so the popup stops asking.
import { fakeBrowser } from '@webext-core/fake-browser';
import { h, render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onCommand } from '../../src/background/commands';
import { statusOrigins } from '../../src/background/status/access';
import { MSG } from '../../src/core/messages';
import { parseCommand } from '../../src/core/parse-command';
import { statusHosts } from '../../src/core/status-pages';
import { STATUS_DECLINED } from '../../src/core/stored-items';
import { read } from '../../src/shared/stored';
import { StatusAccess } from '../../src/popup/StatusAccess';
import { grantHostAccess, settle } from './fixtures';

const access = { sources: ['Zendesk', 'Adobe'], hosts: statusHosts(), origins: statusOrigins() };

function show(): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(h(StatusAccess, { access }), root);
  return root;
}

const button = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent === name)!;

afterEach(() => {
  document.body.replaceChildren();
});

describe('the popup’s offer to read status pages', () => {
  it('names the providers and lists every status host it would read', () => {
    const text = show().textContent ?? '';
    expect(text).toContain('See here when Zendesk or Adobe reports an outage');
    for (const host of statusHosts()) expect(text).toContain(host);
  });

  it('asks the browser once for every status host, as exact https hosts', async () => {
    const asked: string[][] = [];
    vi.spyOn(
      fakeBrowser.permissions as { request(p: { origins?: string[] }): Promise<boolean> },
      'request',
    ).mockImplementation(({ origins = [] }) => {
      asked.push(origins);
      return Promise.resolve(true);
    });
    const root = show();
    button(root, 'Allow reading status pages').click();
    await settle();
    expect(asked).toEqual([statusHosts().map((host) => `https://${host}/*`)]);
    expect(asked[0]!.every((o) => /^https:\/\/[a-z0-9.-]+\/\*$/.test(o))).toBe(true);
    expect(root.querySelector('[role=status]')?.textContent ?? '').toBe('');
  });

  it('says so when the browser did not grant it', async () => {
    vi.spyOn(fakeBrowser.permissions as { request(p: unknown): Promise<boolean> }, 'request').mockResolvedValue(false);
    const root = show();
    button(root, 'Allow reading status pages').click();
    await settle();
    expect(root.textContent).toContain('The browser did not change the access.');
  });

  it('remembers "Not now" in the worker', async () => {
    grantHostAccess();
    // As the worker answers: through sendResponse, keeping the channel open.
    fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse: (answer: unknown) => void) => {
      void onCommand(message as never).then(sendResponse);
      return true;
    });
    const root = show();
    button(root, 'Not now').click();
    await settle();
    expect(await read(STATUS_DECLINED)).toBe(true);
    expect(root.querySelector('[role=status]')?.textContent ?? '').toBe('');
  });

  it('accepts the two status commands only in their own shape', () => {
    expect(parseCommand({ type: MSG.declineStatus, extra: 1 })).toEqual({ type: MSG.declineStatus });
    expect(parseCommand({ type: MSG.openIncident, accountId: 'a', integrationId: '7' })).toEqual({
      type: MSG.openIncident,
      accountId: 'a',
      integrationId: '7',
    });
    expect(parseCommand({ type: MSG.openIncident, accountId: 'a' })).toBeNull();
    expect(parseCommand({ type: MSG.openIncident, accountId: 'a', integrationId: { id: 7 } })).toBeNull();
  });
});
