// @vitest-environment jsdom
// The options page for Fivetran, Airbyte and Stitch accounts: the pipeline is picked first and brings its
// own fields and defaults; credentials are checked, kept on this computer bound to the API host, kept on
// an edit that leaves them alone, and dropped when the API host changes; Test connection sends both
// halves; the list groups accounts by pipeline.
import { fakeBrowser } from '@webext-core/fake-browser';
import { h, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onCommand } from '../../src/background/commands';
import { parseManaged } from '../../src/core/managed';
import type { AccountSettings, Secrets } from '../../src/core/settings';
import { loadSecrets, loadSettings } from '../../src/shared/storage';
import { AccountEditor } from '../../src/options/AccountEditor';
import { AccountList } from '../../src/options/AccountList';
import { DeadlineSettings } from '../../src/options/DeadlineSettings';
import { StatusSettings } from '../../src/options/StatusSettings';
import { loadDroppedKeys, saveSettingsAndKeys } from '../../src/options/save-settings';
import { fixtureText, grantHostAccess, settle, urlOf } from './fixtures';

const FIVETRAN: AccountSettings = {
  id: 'fivetran-acme',
  label: 'Acme Fivetran',
  pipeline: 'fivetran',
  clientId: '',
  appOrigin: 'https://fivetran.com',
  apiOrigin: 'https://api.fivetran.com',
  apiBase: 'https://api.fivetran.com/v1',
  enabled: true,
};
/** An MBI account of the public hosts. */
const MBI: AccountSettings = {
  id: 'mbi-194',
  label: 'Main store',
  clientId: '194',
  appOrigin: 'https://dashboard.rjmetrics.com',
  apiOrigin: 'https://api.rjmetrics.com',
  enabled: true,
};
const FIVETRAN_KEY = {
  exportApiKey: 'ft-key',
  secret: 'ft-secret',
  apiOrigin: 'https://api.fivetran.com',
  clientId: '',
};

/** Stores accounts and credentials as the extension writes them (settings version 3: no migration applies). */
async function store(accounts: AccountSettings[], secrets: Secrets = {}): Promise<void> {
  await fakeBrowser.storage.sync.set({ settings: { version: 3, accounts } });
  await fakeBrowser.storage.local.set({ secrets });
}

/** Origins the page asked host access for, as the permission prompt would list them. */
let asked: string[][] = [];

beforeEach(() => {
  asked = [];
  vi.spyOn(
    fakeBrowser.permissions as { request(p: { origins?: string[] }): Promise<boolean> },
    'request',
  ).mockImplementation(({ origins = [] }) => {
    asked.push(origins);
    return Promise.resolve(true);
  });
});

afterEach(() => {
  document.body.replaceChildren();
});

/** The editor as the options page shows it, saving through the page's real save; the account by id, or a new one. */
async function openEditor(id?: string): Promise<HTMLFormElement> {
  const [settings, secrets] = await Promise.all([loadSettings(), loadSecrets()]);
  const root = document.createElement('div');
  document.body.append(root);
  render(
    h(AccountEditor, {
      account: settings.accounts.find((s) => s.id === id),
      settings,
      secrets,
      onSave: saveSettingsAndKeys,
      onCancel: () => undefined,
      readOnly: false,
    }),
    root,
  );
  return root.querySelector('form')!;
}

async function openList(): Promise<HTMLElement> {
  const [settings, secrets, dropped] = await Promise.all([loadSettings(), loadSecrets(), loadDroppedKeys()]);
  const root = document.createElement('div');
  document.body.append(root);
  const state = {
    settings,
    secrets,
    managed: parseManaged(undefined),
    missingAccess: new Set<string>(),
    notificationsGranted: false,
    newer: false,
    keysOnDisk: true,
    dropped,
    recentChecks: [],
  };
  render(h(AccountList, { state, onEdit: () => undefined, onSave: saveSettingsAndKeys }), root);
  return root;
}

/** The control labelled `label` (exactly) inside `root`. */
function control(root: HTMLElement, label: string): HTMLInputElement & HTMLSelectElement {
  const labels = [...root.querySelectorAll('label')].filter((l) => l.textContent === label);
  expect(
    labels.map((l) => l.textContent),
    `one field labelled "${label}"`,
  ).toEqual([label]);
  return root.querySelector(`#${labels[0]!.htmlFor}`)!;
}

function fieldLabels(form: HTMLElement): string[] {
  return [...form.querySelectorAll('.field label')].map((l) => l.textContent ?? '');
}

/** Preact renders a state change in a microtask: one turn of the event loop sees it on the page. */
const rendered = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Types into a field as a user does: the page renders before the next thing the user does. */
async function type(form: HTMLElement, label: string, value: string): Promise<void> {
  const input = control(form, label);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await rendered();
}

async function choose(form: HTMLElement, value: string): Promise<void> {
  const select = form.querySelector('select')!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await rendered();
}

async function press(root: HTMLElement, name: string): Promise<void> {
  const button = [...root.querySelectorAll('button')].find((b) => b.textContent === name);
  expect(button, `a button "${name}"`).toBeDefined();
  button!.click();
  await settle();
}

/** What a screen reader hears for a field: whether it is invalid, and the texts it is described by. */
function said(form: HTMLElement, label: string): { invalid: boolean; says: string } {
  const input = control(form, label);
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return {
    invalid: input.getAttribute('aria-invalid') === 'true',
    says: ids.map((id) => form.querySelector(`#${id}`)?.textContent ?? '').join(' '),
  };
}

async function storedText(): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage.sync.get(null));
}

describe('adding an account: the pipeline first, then its fields', () => {
  it('offers MBI, Fivetran, Airbyte and Stitch, MBI chosen, with MBI’s fields as before', async () => {
    const form = await openEditor();
    const select = control(form, 'Data pipeline');
    expect([...select.options].map((o) => o.textContent)).toEqual(['MBI', 'Fivetran', 'Airbyte', 'Stitch']);
    expect(select.value).toBe('mbi');
    expect(select.disabled).toBe(false);
    // The "Add account" button is gone: focus moves to the first choice rather than falling to the page.
    expect(document.activeElement).toBe(select);
    expect(form.getAttribute('aria-label')).toBe('Add an account');
    expect(fieldLabels(form)).toEqual([
      'Data pipeline',
      'Name',
      'MBI client id',
      'MBI app host',
      'MBI API host',
      'Export API key (optional)',
    ]);
  });

  it.each([
    {
      pipeline: 'fivetran',
      title: 'New Fivetran account',
      base: 'https://api.fivetran.com/v1',
      app: 'https://fivetran.com',
      credentials: ['API key', 'API secret'],
    },
    {
      pipeline: 'airbyte',
      title: 'New Airbyte account',
      base: 'https://api.airbyte.com/v1',
      app: 'https://cloud.airbyte.com',
      credentials: ['Client id', 'Client secret', 'Access token'],
    },
    {
      pipeline: 'stitch',
      title: 'New Stitch account',
      base: 'https://api.stitchdata.com',
      app: 'https://app.stitchdata.com',
      credentials: ['Access token'],
    },
  ])('$pipeline: its API base and app prefilled, $credentials as hidden fields', async (row) => {
    const form = await openEditor();
    await type(form, 'Name', 'Acme');
    await choose(form, row.pipeline);
    expect(form.getAttribute('aria-label')).toBe(row.title);
    expect(fieldLabels(form)).toEqual([
      'Data pipeline',
      'Name',
      'API base URL',
      'App address (advanced)',
      ...row.credentials,
    ]);
    expect(control(form, 'Name').value).toBe('Acme');
    expect(control(form, 'API base URL').value).toBe(row.base);
    expect(control(form, 'App address (advanced)').value).toBe(row.app);
    for (const label of row.credentials) {
      const input = control(form, label);
      expect([input.type, input.autocomplete, input.value]).toEqual(['password', 'off', '']);
    }
    expect(form.querySelector('fieldset legend')?.textContent).toBe('Credentials');
  });

  it('says for Airbyte which credentials it takes', async () => {
    const form = await openEditor();
    await choose(form, 'airbyte');
    expect(form.querySelector('fieldset')?.textContent).toContain(
      "Either the application's client id and client secret (a short-lived token is then requested when needed, reused until it expires and kept in memory only), or an access token alone.",
    );
  });

  it('shows the fields in German', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('de');
    const form = await openEditor();
    await choose(form, 'fivetran');
    expect(fieldLabels(form)).toEqual([
      'Datenpipeline',
      'Name',
      'API-Basis-URL',
      'App-Adresse (erweitert)',
      'API-Schlüssel',
      'API-Secret',
    ]);
  });
});

describe('refuses invalid fields next to the field and saves nothing', () => {
  it.each<{ what: string; pipeline: string; fields: Record<string, string>; field: string; message: string }>([
    {
      what: 'an API base with a query',
      pipeline: 'fivetran',
      fields: { 'API base URL': 'https://api.fivetran.com/v1?all=1', 'API key': 'k', 'API secret': 's' },
      field: 'API base URL',
      message: 'The path may hold only letters, digits, hyphens, dots and slashes, e.g. /v1.',
    },
    {
      what: 'an API base over http',
      pipeline: 'stitch',
      fields: { 'API base URL': 'http://api.stitchdata.com', 'Access token': 't' },
      field: 'API base URL',
      message: 'https',
    },
    {
      what: 'an app address with a path',
      pipeline: 'fivetran',
      fields: { 'App address (advanced)': 'https://fivetran.com/dashboard', 'API key': 'k', 'API secret': 's' },
      field: 'App address (advanced)',
      message: 'path',
    },
    {
      what: 'a space inside a Fivetran key',
      pipeline: 'fivetran',
      fields: { 'API key': 'ab cd', 'API secret': 's' },
      field: 'API key',
      message: 'Use visible ASCII characters only, without spaces.',
    },
    {
      what: 'a Stitch token with a letter beyond ASCII',
      pipeline: 'stitch',
      fields: { 'Access token': 'tökén' },
      field: 'Access token',
      message: 'Use visible ASCII characters only, without spaces.',
    },
    {
      what: 'a Fivetran key without its secret',
      pipeline: 'fivetran',
      fields: { 'API key': 'k' },
      field: 'API secret',
      message: 'Enter the API secret too.',
    },
    {
      what: 'a new Fivetran account without credentials',
      pipeline: 'fivetran',
      fields: {},
      field: 'API key',
      message: 'Required for a new account.',
    },
    {
      what: 'an Airbyte client id without its secret',
      pipeline: 'airbyte',
      fields: { 'Client id': 'app-1' },
      field: 'Client secret',
      message: 'With a client id, enter its client secret too.',
    },
    {
      what: 'an Airbyte client secret without its client id',
      pipeline: 'airbyte',
      fields: { 'Client secret': 's' },
      field: 'Client id',
      message: 'Enter the client id this secret belongs to.',
    },
    {
      what: 'an Airbyte account with no credential at all',
      pipeline: 'airbyte',
      fields: {},
      field: 'Access token',
      message: 'Enter an access token, or a client id and client secret.',
    },
    {
      what: 'an Airbyte client pair and a token',
      pipeline: 'airbyte',
      fields: { 'Client id': 'app-1', 'Client secret': 's', 'Access token': 't' },
      field: 'Access token',
      message: 'Enter either a client id and secret or an access token, not both.',
    },
    {
      what: 'a new Stitch account without a token',
      pipeline: 'stitch',
      fields: {},
      field: 'Access token',
      message: 'Required for a new account.',
    },
  ])('$what', async ({ pipeline, fields, field, message }) => {
    await store([]);
    const form = await openEditor();
    await choose(form, pipeline);
    await type(form, 'Name', 'Acme');
    for (const [label, value] of Object.entries(fields)) await type(form, label, value);
    await press(form, 'Save account');
    expect(said(form, field)).toEqual({ invalid: true, says: expect.stringContaining(message) as string });
    expect((await loadSettings()).accounts).toEqual([]);
    expect(await loadSecrets()).toEqual({});
    expect(asked).toEqual([]);
  });

  it('refuses a name another account has, whatever its pipeline', async () => {
    await store([{ ...FIVETRAN, label: 'Acme' }]);
    const form = await openEditor();
    await choose(form, 'stitch');
    await type(form, 'Name', 'acme');
    await type(form, 'Access token', 't');
    await press(form, 'Save account');
    expect(said(form, 'Name')).toEqual({ invalid: true, says: 'Another account has this name.' });
    expect((await loadSettings()).accounts).toHaveLength(1);
  });
});

describe('saving', () => {
  it('stores a Fivetran account with its API base and its key and secret on this computer, bound to the API host', async () => {
    await store([]);
    const form = await openEditor();
    await choose(form, 'fivetran');
    await type(form, 'Name', 'Acme Fivetran');
    await type(form, 'API key', ' ft-key ');
    await type(form, 'API secret', 'ft-secret');
    await press(form, 'Save account');

    const [account] = (await loadSettings()).accounts;
    expect(account).toEqual({ ...FIVETRAN, id: expect.stringMatching(/^fivetran-[0-9a-z]+$/) as string });
    expect(await loadSecrets()).toEqual({ [account!.id]: FIVETRAN_KEY });
    expect(await storedText()).not.toMatch(/ft-key|ft-secret/);
    // Only the API is contacted: the app is opened in a tab, which needs no host access.
    expect(asked).toEqual([['https://api.fivetran.com/*']]);
  });

  it.each<{ what: string; fields: Record<string, string>; key: Partial<Secrets[string]> }>([
    {
      what: 'an Airbyte client id and secret as a pair',
      fields: { 'Client id': 'app-1', 'Client secret': 'shh' },
      key: { exportApiKey: 'app-1', secret: 'shh' },
    },
    { what: 'an Airbyte access token alone', fields: { 'Access token': 'tok-1' }, key: { exportApiKey: 'tok-1' } },
  ])('stores $what', async ({ fields, key }) => {
    await store([]);
    const form = await openEditor();
    await choose(form, 'airbyte');
    await type(form, 'Name', 'Acme Airbyte');
    await type(form, 'API base URL', 'airbyte.example.com/api/public/v1/');
    for (const [label, value] of Object.entries(fields)) await type(form, label, value);
    await press(form, 'Save account');

    const [account] = (await loadSettings()).accounts;
    expect(account).toMatchObject({
      pipeline: 'airbyte',
      clientId: '',
      apiBase: 'https://airbyte.example.com/api/public/v1',
      apiOrigin: 'https://airbyte.example.com',
      appOrigin: 'https://cloud.airbyte.com',
    });
    expect(await loadSecrets()).toEqual({
      [account!.id]: { ...key, apiOrigin: 'https://airbyte.example.com', clientId: '' },
    });
  });

  it('still saves an MBI account as before', async () => {
    await store([]);
    const form = await openEditor();
    await type(form, 'Name', 'Main store');
    await type(form, 'MBI client id', '194');
    await type(form, 'Export API key (optional)', 'export-key');
    await press(form, 'Save account');

    const [account] = (await loadSettings()).accounts;
    expect(account).toEqual({
      id: expect.stringMatching(/^mbi-194-/) as string,
      label: 'Main store',
      clientId: '194',
      appOrigin: 'https://dashboard.rjmetrics.com',
      apiOrigin: 'https://api.rjmetrics.com',
      enabled: true,
    });
    expect(await loadSecrets()).toEqual({
      [account!.id]: { exportApiKey: 'export-key', apiOrigin: 'https://api.rjmetrics.com', clientId: '194' },
    });
  });
});

describe('editing an MBI account', () => {
  it('keeps its status-page and deadline settings, which other sections of the page set', async () => {
    const main: AccountSettings = { ...MBI, salesforceInstance: 'na123', awsRegion: 'eu-west-1', salesforceDays: 60 };
    await store([main]);
    const form = await openEditor(main.id);
    await type(form, 'Name', 'Main store (EU)');
    await press(form, 'Save account');
    expect((await loadSettings()).accounts).toEqual([{ ...main, label: 'Main store (EU)' }]);
  });
});

describe('the status-page and deadline sections', () => {
  it('ask an instance, a region and a Salesforce policy of MBI accounts only: a pipeline reads its vendor page', async () => {
    const main = MBI;
    await store([main, FIVETRAN]);
    grantHostAccess();
    // The section follows granted host access; the fake browser has no such events.
    for (const event of [fakeBrowser.permissions.onAdded, fakeBrowser.permissions.onRemoved]) {
      vi.spyOn(event, 'addListener').mockImplementation(() => undefined);
      vi.spyOn(event, 'removeListener').mockImplementation(() => undefined);
    }
    const settings = await loadSettings();
    const root = document.createElement('div');
    document.body.append(root);
    const props = { settings, onSave: () => Promise.resolve(), readOnly: false };
    render(h('div', null, h(StatusSettings, props), h(DeadlineSettings, props)), root);
    await settle();
    const labels = [...root.querySelectorAll('label')].map((l) => l.textContent ?? '');
    expect(labels.filter((l) => l.includes('Main store'))).toHaveLength(3);
    expect(labels.filter((l) => l.includes(FIVETRAN.label))).toEqual([]);
  });
});

describe('editing a pipeline account', () => {
  beforeEach(async () => {
    await store([FIVETRAN], { [FIVETRAN.id]: FIVETRAN_KEY });
  });

  it('shows its pipeline fixed and its stored credential', async () => {
    const form = await openEditor(FIVETRAN.id);
    const select = control(form, 'Data pipeline');
    expect([select.value, select.disabled]).toEqual(['fivetran', true]);
    expect(document.activeElement).not.toBe(select);
    expect(said(form, 'Data pipeline').says).toBe(
      'An account keeps its data pipeline; for another one, add a new account.',
    );
    expect([control(form, 'API key').value, control(form, 'API secret').value]).toEqual(['ft-key', 'ft-secret']);
  });

  it('keeps the stored key and secret when only the name changes', async () => {
    const form = await openEditor(FIVETRAN.id);
    await type(form, 'Name', 'Acme (EU)');
    await press(form, 'Save account');
    expect((await loadSettings()).accounts).toEqual([{ ...FIVETRAN, label: 'Acme (EU)' }]);
    expect(await loadSecrets()).toEqual({ [FIVETRAN.id]: FIVETRAN_KEY });
  });

  it('keeps them when the API base keeps its host', async () => {
    const form = await openEditor(FIVETRAN.id);
    await type(form, 'API base URL', 'https://api.fivetran.com/v2');
    await press(form, 'Save account');
    expect((await loadSettings()).accounts[0]?.apiBase).toBe('https://api.fivetran.com/v2');
    expect(await loadSecrets()).toEqual({ [FIVETRAN.id]: FIVETRAN_KEY });
  });

  it('drops them when the API host changes, and says so in the list', async () => {
    const form = await openEditor(FIVETRAN.id);
    await type(form, 'API base URL', 'https://fivetran-proxy.example.com/v1');
    await press(form, 'Save account');
    expect((await loadSettings()).accounts[0]?.apiOrigin).toBe('https://fivetran-proxy.example.com');
    expect(await loadSecrets()).toEqual({});
    expect(await storedText()).not.toMatch(/ft-key|ft-secret/);

    const row = (await openList()).querySelector('li.account')!;
    expect(row.querySelector('[role=alert]')?.textContent).toContain('https://fivetran-proxy.example.com');
  });

  it('binds credentials typed with a new API host to that host', async () => {
    const form = await openEditor(FIVETRAN.id);
    await type(form, 'API base URL', 'https://fivetran-proxy.example.com/v1');
    await type(form, 'API secret', 'new-secret');
    await press(form, 'Save account');
    expect(await loadSecrets()).toEqual({
      [FIVETRAN.id]: { ...FIVETRAN_KEY, secret: 'new-secret', apiOrigin: 'https://fivetran-proxy.example.com' },
    });
  });

  it('lets the admin remove the credentials, as for MBI’s key', async () => {
    const form = await openEditor(FIVETRAN.id);
    await type(form, 'API key', '');
    await type(form, 'API secret', '');
    await press(form, 'Save account');
    expect((await loadSettings()).accounts).toEqual([FIVETRAN]);
    expect(await loadSecrets()).toEqual({});
  });
});

describe('Test connection', () => {
  const CONNECTIONS = 'https://api.fivetran.com/v1/connections?limit=1000';
  const basic = (key: string, secret: string) => `Basic ${btoa(`${key}:${secret}`)}`;

  /** The fixture's one connection (broken), as the only page. */
  const page = (): string => {
    const body = JSON.parse(fixtureText('pipelines/fivetran-connections.json')) as { data: Record<string, unknown> };
    delete body.data.next_cursor;
    return JSON.stringify(body);
  };

  /** A Fivetran that lists its connections only to key "ft-key" with secret "ft-secret". */
  function serveFivetran(): void {
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      if (urlOf(input) !== CONNECTIONS) return Promise.reject(new TypeError(`fetch failed: ${urlOf(input)}`));
      const auth = new Headers(init?.headers).get('authorization');
      return Promise.resolve(
        auth === basic('ft-key', 'ft-secret')
          ? new Response(page(), {
              headers: { 'content-type': 'application/json' },
            })
          : new Response('{"code":"AuthFailed"}', { status: 401, headers: { 'content-type': 'application/json' } }),
      );
    });
  }

  beforeEach(() => {
    grantHostAccess('https://api.fivetran.com/*');
    serveFivetran();
    // The worker, answering through sendResponse as it does in the extension.
    fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse: (answer: unknown) => void) => {
      void onCommand(message as never).then(sendResponse);
      return true;
    });
  });

  const result = (root: HTMLElement) => root.querySelector('[data-testid=test-result]')?.textContent ?? '';

  it('sends the typed key and secret and answers in the popup’s words for Fivetran', async () => {
    await store([]);
    const form = await openEditor();
    await choose(form, 'fivetran');
    await type(form, 'Name', 'Acme');
    await type(form, 'API key', 'ft-key');
    await type(form, 'API secret', 'ft-secret');
    await press(form, 'Test connection');
    expect(result(form)).toMatch(/^Fivetran: 1 connection, 1 need attention\.$/);

    await type(form, 'API secret', 'not-the-secret');
    await press(form, 'Test connection');
    expect(result(form)).toMatch(/^Fivetran: Key rejected\. /);
  });

  it('tests a listed account with its stored key and secret', async () => {
    await store([FIVETRAN], { [FIVETRAN.id]: FIVETRAN_KEY });
    const list = await openList();
    await press(list, 'Test connection');
    expect(result(list)).toBe('Fivetran: 1 connection, 1 need attention.');
  });

  it('tests an edited account with the stored credential while the API host stays, and none once it changes', async () => {
    await store([FIVETRAN], { [FIVETRAN.id]: FIVETRAN_KEY });
    const form = await openEditor(FIVETRAN.id);
    await press(form, 'Test connection');
    expect(result(form)).toBe('Fivetran: 1 connection, 1 need attention.');

    grantHostAccess('https://api.fivetran.com/*', 'https://fivetran-proxy.example.com/*');
    await type(form, 'API base URL', 'https://fivetran-proxy.example.com/v1');
    await press(form, 'Test connection');
    expect(result(form)).toContain('Enter the credentials to test them.');
    expect(vi.mocked(fetch).mock.calls.map(([input]) => urlOf(input))).not.toContain(
      'https://fivetran-proxy.example.com/v1/connections?limit=1000',
    );
  });
});

describe('the account list', () => {
  const mbi = (id: string, label: string): AccountSettings => ({
    id,
    label,
    clientId: id.replace(/\D/g, ''),
    appOrigin: 'https://dashboard.rjmetrics.com',
    apiOrigin: 'https://api.rjmetrics.com',
    enabled: true,
  });

  it('groups accounts by pipeline, MBI first, then Fivetran, Airbyte and Stitch, by name within each', async () => {
    await store([
      {
        ...FIVETRAN,
        id: 'stitch-1',
        label: 'Stitch main',
        pipeline: 'stitch',
        apiOrigin: 'https://api.stitchdata.com',
        apiBase: 'https://api.stitchdata.com',
        appOrigin: 'https://app.stitchdata.com',
      },
      { ...FIVETRAN, id: 'fivetran-2', label: 'Zeta' },
      mbi('mbi-7', 'Vandelay'),
      { ...FIVETRAN, id: 'fivetran-1', label: 'Alpha' },
      mbi('mbi-194', 'Kramerica'),
    ]);
    const list = await openList();
    const groups = [...list.querySelectorAll('section')].map((section) => ({
      heading: section.querySelector('h3')?.textContent,
      names: [...section.querySelectorAll('li.account strong')].map((s) => s.textContent),
    }));
    expect(groups).toEqual([
      { heading: 'MBI', names: ['Kramerica', 'Vandelay'] },
      { heading: 'Fivetran', names: ['Alpha', 'Zeta'] },
      { heading: 'Stitch', names: ['Stitch main'] },
    ]);
  });

  it('shows a pipeline account’s pipeline and API host where an MBI account shows its client and hosts', async () => {
    await store([FIVETRAN, mbi('mbi-194', 'Main store')], { [FIVETRAN.id]: FIVETRAN_KEY });
    const rows = [...(await openList()).querySelectorAll('li.account > div:first-child')].map((r) => r.textContent);
    expect(rows).toEqual([
      'Main store client 194 · app host https://dashboard.rjmetrics.com · API host https://api.rjmetrics.com',
      'Acme Fivetran Fivetran · api.fivetran.com · credentials set',
    ]);
  });
});
