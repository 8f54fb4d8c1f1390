import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import {
  startFaultUpstream,
  UPSTREAM_MARKER,
  type Fault,
  type FaultUpstream,
} from './support/fault-upstream.ts';
import { openTestPage, scriptTag } from './support/pages.ts';
import { SCENARIO_ID, SECRET_KEY, startBuiltServer } from './support/servers.ts';

/**
 * The fault matrix: the built widget, the built proxy (`startDemoServer` configured for
 * Quickchat's legacy API) and a loopback upstream that answers each call with a scripted fault.
 */

const SIGNING_SECRET = 'faults-signing-secret-0123456789abcdef';
/** Short, so "never answers" ends in 1.5 s instead of 30. */
const UPSTREAM_TIMEOUT_MS = 1500;

/** One proxy + fault upstream, and everything the browser and the proxy's log saw. */
interface Rig {
  upstream: FaultUpstream;
  url: string;
  /** The proxy's JSON log lines. */
  logs: string[];
  /** URLs, headers and bodies of every request and response of every browser context. */
  traffic: string[];
  /** The JSON bodies the browsers posted to `/chat`, in order. */
  posts: Array<Record<string, unknown>>;
  /** Records a context's traffic into `traffic` and `posts`. */
  watch(context: BrowserContext): void;
}

const test = base.extend<{ rig: Rig }>({
  rig: async ({}, use) => {
    const upstream = await startFaultUpstream({ apiKey: SECRET_KEY, scenarioId: SCENARIO_ID });
    const logs: string[] = [];
    const server = await startBuiltServer(
      {
        QUICKCHAT_API_KEY: SECRET_KEY,
        QUICKCHAT_SCENARIO_ID: SCENARIO_ID,
        QUICKCHAT_API_URL: upstream.url,
        CHATLET_SECRET: SIGNING_SECRET,
        CHATLET_UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
        // Every page comes from 127.0.0.1: the abuse limits are not what this spec is about.
        CHATLET_IP_REQUESTS_PER_MINUTE: '0',
        CHATLET_CONVERSATION_REQUESTS_PER_MINUTE: '0',
      },
      (line) => logs.push(line),
    );
    const traffic: string[] = [];
    const posts: Array<Record<string, unknown>> = [];
    const watch = (context: BrowserContext): void => {
      context.on('request', (request) => {
        const body = request.postData() ?? '';
        traffic.push(request.url(), JSON.stringify(request.headers()), body);
        if (request.method() === 'POST' && request.url().endsWith('/chat')) {
          posts.push(JSON.parse(body) as Record<string, unknown>);
        }
      });
      context.on('response', async (response) => {
        traffic.push(JSON.stringify(await response.allHeaders().catch(() => ({}))));
        traffic.push(await response.text().catch(() => ''));
      });
    };
    await use({ upstream, url: server.url, logs, traffic, posts, watch });
    await server.close();
    await upstream.close();
  },
});

const STRINGS = {
  en: {
    open: 'Open chat',
    message: 'Message',
    retry: 'Retry',
    unavailable: 'The assistant is unavailable right now.',
    busyFor: (seconds: number) => `The assistant is busy. Please try again in ${seconds} s.`,
    tooLong: 'The assistant took too long to answer.',
    unreachable: 'The assistant could not be reached.',
  },
  de: {
    open: 'Chat öffnen',
    message: 'Nachricht',
    retry: 'Erneut senden',
    unavailable: 'Der Assistent ist gerade nicht verfügbar.',
    busyFor: (seconds: number) =>
      `Der Assistent ist ausgelastet. Bitte versuchen Sie es in ${seconds} s noch einmal.`,
    tooLong: 'Der Assistent hat zu lange für eine Antwort gebraucht.',
    unreachable: 'Der Assistent ist nicht erreichbar.',
  },
};
type Lang = keyof typeof STRINGS;

async function openWidget(
  page: Page,
  rig: Rig,
  options: { lang?: Lang; attributes?: Record<string, string> } = {},
): Promise<void> {
  const lang = options.lang ?? 'en';
  rig.watch(page.context());
  await openTestPage(page, rig.url, {
    lang,
    script: scriptTag({ endpoint: '/chat', 'kb-topic': 'billing', ...options.attributes }),
  });
  await page.getByRole('button', { name: STRINGS[lang].open }).click();
}

async function ask(page: Page, text: string, lang: Lang = 'en'): Promise<void> {
  const box = page.getByRole('textbox', { name: STRINGS[lang].message });
  await box.fill(text);
  await box.press('Enter');
}

/** The reply the upstream produced for `text`; fails unless there is exactly one. */
function onlyReplyTo(upstream: FaultUpstream, text: string): string {
  const turns = upstream.replies().filter((call) => call.body['text'] === text);
  expect(turns, `bot turns for "${text}"`).toHaveLength(1);
  return turns[0]?.reply ?? '';
}

/** A second visitor, in a fresh browser context, chats successfully right now. */
async function anotherVisitorChats(browser: Browser, rig: Rig): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await openWidget(page, rig);
    const text = `Another visitor, message ${rig.upstream.calls.length}`;
    await ask(page, text);
    await expect(page.getByRole('log')).toContainText(`you asked "${text}"`);
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    await context.close();
  }
}

/** Neither the browser (traffic, shadow DOM, storage) nor the proxy log holds a secret or body. */
async function expectNothingLeaked(page: Page, rig: Rig, visitorTexts: string[]): Promise<void> {
  const shadow = await page.evaluate(() =>
    [...document.querySelectorAll('*')]
      .map((element) => element.shadowRoot?.innerHTML ?? '')
      .join(''),
  );
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  const browserSide = [...rig.traffic, shadow, storage].join('\n');
  // The check is meaningful: the browser traffic did carry the chat.
  expect(browserSide).toContain(visitorTexts[0]);
  for (const secret of [SECRET_KEY, SIGNING_SECRET, UPSTREAM_MARKER]) {
    expect(browserSide).not.toContain(secret);
  }
  const logs = rig.logs.join('\n');
  expect(logs).toContain('"path":"/chat"');
  for (const secret of [SECRET_KEY, SIGNING_SECRET, UPSTREAM_MARKER, ...visitorTexts]) {
    expect(logs).not.toContain(secret);
  }
}

test.describe('upstream faults the proxy absorbs: the reply simply arrives', () => {
  test('two 503s in a row never reach the visitor', async ({ page, rig }) => {
    rig.upstream.script({ kind: '503' }, { kind: '503' });
    await openWidget(page, rig);
    await ask(page, 'Do you ship abroad?');
    const log = page.getByRole('log');
    await expect(log).toContainText('you asked "Do you ship abroad?"');
    expect(rig.upstream.calls.map((call) => call.fault)).toEqual(['503', '503', 'ok']);
    expect(onlyReplyTo(rig.upstream, 'Do you ship abroad?')).toContain('Answer 3');
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(rig.posts).toHaveLength(1);
    await expectNothingLeaked(page, rig, ['Do you ship abroad?']);
  });

  test('a 429 with a short Retry-After is waited out by the proxy', async ({ page, rig }) => {
    rig.upstream.script({ kind: '429', retryAfter: 1 });
    await openWidget(page, rig);
    await ask(page, 'Is there a student discount?');
    await expect(page.getByRole('log')).toContainText('you asked "Is there a student discount?"');
    expect(rig.upstream.calls.map((call) => call.fault)).toEqual(['429', 'ok']);
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(rig.posts).toHaveLength(1);
    await expectNothingLeaked(page, rig, ['Is there a student discount?']);
  });
});

/** A fault the visitor is told about, with the sentence they see (English). */
interface VisibleFault {
  name: string;
  /** What the upstream answers before it recovers. */
  faults: Fault[];
  sees: RegExp | string;
}

const VISIBLE: VisibleFault[] = [
  {
    name: '429 with a long Retry-After',
    faults: [{ kind: '429', retryAfter: 120 }],
    sees: STRINGS.en.busyFor(120),
  },
  {
    name: '429 without Retry-After',
    faults: [{ kind: '429' }],
    sees: /^The assistant is busy\. Please try again in \d+\u00a0s\.$/,
  },
  { name: '500', faults: [{ kind: '500' }], sees: STRINGS.en.unavailable },
  { name: '502 with an HTML body', faults: [{ kind: '502-html' }], sees: STRINGS.en.unavailable },
  {
    name: '503 that outlasts the proxy retries',
    faults: [{ kind: '503' }, { kind: '503' }, { kind: '503' }, { kind: '503' }],
    sees: STRINGS.en.unavailable,
  },
  { name: 'never answers', faults: [{ kind: 'hang' }], sees: STRINGS.en.tooLong },
  { name: 'a reset connection', faults: [{ kind: 'reset' }], sees: STRINGS.en.unavailable },
  { name: 'truncated JSON', faults: [{ kind: 'truncated' }], sees: STRINGS.en.unavailable },
  { name: 'a 302 redirect', faults: [{ kind: '302' }], sees: STRINGS.en.unavailable },
];

test.describe('upstream faults the visitor is told about, and retries', () => {
  for (const fault of VISIBLE) {
    test(`${fault.name}: a clear message, the message kept, Retry delivers it once`, async ({
      page,
      browser,
      rig,
    }) => {
      const text = `Question during ${fault.name}`;
      rig.upstream.script(...fault.faults);
      await openWidget(page, rig);
      await ask(page, text);

      const log = page.getByRole('log');
      const alert = page.getByRole('alert');
      await expect(alert.locator('span')).toHaveText(fault.sees);
      await expect(log).toContainText(text);
      await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('');
      expect(rig.upstream.pending()).toBe(0);
      expect(rig.upstream.replies()).toHaveLength(0);

      await anotherVisitorChats(browser, rig);

      await alert.getByRole('button', { name: 'Retry' }).click();
      // After a hang the Retry may join the first attempt, which the proxy keeps alive up to twice
      // its upstream deadline so that its answer could be kept; when it gives up, the Retry is sent.
      await expect
        .poll(() => rig.upstream.replies().filter((call) => call.body['text'] === text).length, {
          timeout: 20_000,
        })
        .toBe(1);
      const reply = onlyReplyTo(rig.upstream, text);
      await expect(log.getByText(reply)).toHaveCount(1);
      await expect(alert).toHaveCount(0);
      // Once as the visitor's message, once quoted in the one reply: never duplicated.
      expect((await log.innerText()).split(text)).toHaveLength(3);

      // The Retry resent the same message under the same id; the proxy sent it upstream again
      // only because the first attempt produced no answer it could keep.
      const mine = rig.posts.filter((post) => post['text'] === text);
      expect(mine).toHaveLength(2);
      expect(mine[1]?.['client_message_id']).toBe(mine[0]?.['client_message_id']);
      await expectNothingLeaked(page, rig, [text]);
    });
  }
});

test.describe('translated fault messages (German)', () => {
  for (const fault of [
    { faults: [{ kind: '429', retryAfter: 120 }] as Fault[], sees: STRINGS.de.busyFor(120) },
    { faults: [{ kind: '502-html' }] as Fault[], sees: STRINGS.de.unavailable },
  ]) {
    test(`${fault.faults[0]?.kind}: "${fault.sees}"`, async ({ page, rig }) => {
      const text = 'Wie kann ich bezahlen?';
      rig.upstream.script(...fault.faults);
      await openWidget(page, rig, { lang: 'de' });
      await ask(page, text, 'de');
      const alert = page.getByRole('alert');
      await expect(alert.locator('span')).toHaveText(fault.sees);
      await alert.getByRole('button', { name: STRINGS.de.retry }).click();
      await expect(page.getByRole('log')).toContainText(`you asked "${text}"`);
      await expect(alert).toHaveCount(0);
      onlyReplyTo(rig.upstream, text);
      await expectNothingLeaked(page, rig, [text]);
    });
  }
});

test.describe('a lost answer is fetched again, never asked twice', () => {
  test('the widget gives up before a slow upstream answers; Retry gets the stored answer', async ({
    page,
    rig,
  }) => {
    const text = 'What are your opening hours?';
    rig.upstream.script({ kind: 'ok', delayMs: 1200 });
    await openWidget(page, rig, { attributes: { 'timeout-ms': '500' } });
    await ask(page, text);
    const alert = page.getByRole('alert');
    await expect(alert.locator('span')).toHaveText(STRINGS.en.tooLong);

    // The proxy still gets the answer and keeps it under the message's id.
    await expect
      .poll(() => rig.logs.filter((line) => line.includes('"status":200')).length)
      .toBe(1);
    await alert.getByRole('button', { name: 'Retry' }).click();
    const reply = onlyReplyTo(rig.upstream, text);
    await expect(page.getByRole('log').getByText(reply)).toHaveCount(1);
    expect(rig.upstream.calls).toHaveLength(1);
    expect(rig.posts).toHaveLength(2);
    expect(rig.posts[1]?.['client_message_id']).toBe(rig.posts[0]?.['client_message_id']);
    expect(rig.logs.filter((line) => line.includes('"replayed":true'))).toHaveLength(1);
    await expectNothingLeaked(page, rig, [text]);
  });

  test('the connection drops after the proxy answered; Retry gets the stored answer', async ({
    page,
    rig,
  }) => {
    const text = 'Can I change my address?';
    await openWidget(page, rig);
    let dropped = false;
    await page.route('**/chat', async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      // The proxy answers, but the answer never reaches the page.
      await route.fetch();
      await route.abort('connectionreset');
    });
    await ask(page, text);
    const alert = page.getByRole('alert');
    await expect(alert.locator('span')).toHaveText(STRINGS.en.unreachable);
    expect(rig.upstream.replies()).toHaveLength(1);

    await alert.getByRole('button', { name: 'Retry' }).click();
    const reply = onlyReplyTo(rig.upstream, text);
    await expect(page.getByRole('log').getByText(reply)).toHaveCount(1);
    expect(rig.upstream.calls).toHaveLength(1);
    expect(rig.logs.filter((line) => line.includes('"replayed":true'))).toHaveLength(1);
    await expectNothingLeaked(page, rig, [text]);
  });
});

test('a failed message survives a reload, and its Retry continues the same conversation', async ({
  page,
  rig,
}) => {
  await openWidget(page, rig);
  await ask(page, 'First question');
  await expect(page.getByRole('log')).toContainText('you asked "First question"');
  const convId = 'conv-1';

  rig.upstream.script({ kind: '500' });
  await ask(page, 'Second question');
  await expect(page.getByRole('alert').locator('span')).toHaveText(STRINGS.en.unavailable);

  await page.reload();
  await page.getByRole('button', { name: 'Open chat' }).click();
  const log = page.getByRole('log');
  await expect(log).toContainText('Second question');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Not sent');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(log).toContainText('you asked "Second question"');
  expect(rig.upstream.calls.map((call) => call.body['conv_id'])).toEqual([
    undefined,
    convId,
    convId,
  ]);
  onlyReplyTo(rig.upstream, 'Second question');
  await expectNothingLeaked(page, rig, ['First question', 'Second question']);
});
