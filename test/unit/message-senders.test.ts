// The worker answers our own pages only: not a content script in a web page, not another extension.
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { answerMessage } from '../../src/background/answer-message';
import { isOwnPage } from '../../src/core/parse-command';

const ID = fakeBrowser.runtime.id;
const ORIGIN = `chrome-extension://${ID}/`;

describe('isOwnPage', () => {
  it.each([
    { what: 'our popup', sender: { id: ID, url: `${ORIGIN}src/popup/index.html` }, expected: true },
    { what: 'our options page', sender: { id: ID, url: `${ORIGIN}src/options/index.html#accounts` }, expected: true },
    {
      what: 'another extension',
      sender: {
        id: 'abcdefghijklmnopabcdefghijklmnop',
        url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html',
      },
      expected: false,
    },
    {
      what: 'another extension naming our page',
      sender: { id: 'abcdefghijklmnopabcdefghijklmnop', url: `${ORIGIN}src/popup/index.html` },
      expected: false,
    },
    {
      what: 'our content script in a web page',
      sender: { id: ID, url: 'https://dashboard.rjmetrics.com/v2/client/194/' },
      expected: false,
    },
    { what: 'a sender without a url', sender: { id: ID }, expected: false },
    {
      what: 'a look-alike origin',
      sender: { id: ID, url: `chrome-extension://${ID}.evil/popup.html` },
      expected: false,
    },
    { what: 'a sender without an id', sender: { url: `${ORIGIN}src/popup/index.html` }, expected: false },
  ])('$what → $expected', ({ sender, expected }) => {
    expect(isOwnPage(sender, ID, ORIGIN)).toBe(expected);
  });

  it('needs the trailing slash of the origin to tell a look-alike apart, and adds it when missing', () => {
    expect(isOwnPage({ id: ID, url: `chrome-extension://${ID}.evil/popup.html` }, ID, `chrome-extension://${ID}`)).toBe(
      false,
    );
  });
});

describe("the worker's message listener", () => {
  /** What the worker answers, or "no answer" when its listener leaves the message to others. */
  async function answerTo(sender: { id?: string; url?: string }): Promise<unknown> {
    const sendResponse = vi.fn<(answer: unknown) => void>();
    const kept = answerMessage({ type: 'diagnostic', accountId: 'main' }, sender, sendResponse);
    if (kept !== true) return 'no answer';
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalled());
    return sendResponse.mock.calls[0]?.[0];
  }

  it('answers a command from our own page', async () => {
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'MBI Integration Watch',
      version: '1.0.0',
    });
    expect(await answerTo({ id: ID, url: `${ORIGIN}src/options/index.html` })).toBeNull();
  });

  it.each([
    { what: 'a content script in a web page', sender: { id: ID, url: 'https://evil.example/' } },
    {
      what: 'another extension',
      sender: { id: 'other-extension-id', url: 'chrome-extension://other-extension-id/page.html' },
    },
    { what: 'a sender without a url', sender: { id: ID } },
  ])('leaves a command from $what unanswered', async ({ sender }) => {
    expect(await answerTo(sender)).toBe('no answer');
  });
});
