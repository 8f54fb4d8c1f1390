import type { Page } from '@playwright/test';
import { expect, SECRET_KEY, test } from './support/servers.ts';
import { openTestPage, scriptTag } from './support/pages.ts';
import { readableWords } from './support/text.ts';
import { createDemoAssistant } from '../src/demo/assistant.ts';
import { DEMO_API_KEY, DEMO_SCENARIO_ID } from '../src/demo/credentials.ts';
import { consoleErrors } from './support/console-errors.ts';

const billingTag = scriptTag({ endpoint: '/chat', 'kb-topic': 'billing', title: 'Help' });

async function ask(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

test.describe('the script-tag widget against the real proxy (built bundle)', () => {
  test('opens, sends, shows the typing indicator and then the reply', async ({ page, relay }) => {
    await openTestPage(page, relay.server.url, { script: billingTag });
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect(page.getByRole('dialog', { name: 'Help' })).toBeVisible();

    // Hold the proxy's answer back until the typing indicator has been seen.
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/chat', async (route) => {
      await held;
      await route.continue();
    });
    await ask(page, 'How can I pay my invoice?');
    await expect(page.getByText(/typing/i)).toBeVisible();
    release();

    const log = page.getByRole('log');
    await expect(log).toContainText('How can I pay my invoice?');
    await expect.poll(() => relay.upstream.answers.length).toBe(1);
    const reply = String(relay.upstream.answers[0]?.['reply']);
    await expect(log).toContainText(readableWords(reply));
    await expect(page.getByText(/typing/i)).toHaveCount(0);
  });

  test('a reload keeps the history and continues the same upstream conversation', async ({
    page,
    relay,
  }) => {
    await openTestPage(page, relay.server.url, { script: billingTag });
    await page.getByRole('button', { name: 'Open chat' }).click();
    await ask(page, 'Where is my invoice?');
    await expect.poll(() => relay.upstream.answers.length).toBe(1);
    const firstReply = readableWords(String(relay.upstream.answers[0]?.['reply']));
    await expect(page.getByRole('log')).toContainText(firstReply);

    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    const log = page.getByRole('log');
    await expect(log).toContainText('Where is my invoice?');
    await expect(log).toContainText(firstReply);

    await ask(page, 'Can I get a refund?');
    await expect.poll(() => relay.upstream.calls.length).toBe(2);
    const convId = relay.upstream.answers[0]?.['conv_id'];
    expect(convId).toEqual(expect.any(String));
    expect(relay.upstream.calls[0]?.body['conv_id']).toBeUndefined();
    expect(relay.upstream.calls[1]?.body['conv_id']).toBe(convId);
  });

  test('kb_topic reaches the upstream on every call, the first included', async ({
    page,
    relay,
  }) => {
    await openTestPage(page, relay.server.url, { script: billingTag });
    await page.getByRole('button', { name: 'Open chat' }).click();
    for (const [index, text] of ['Hello', 'How do I pay?', 'Thanks'].entries()) {
      await ask(page, text);
      await expect.poll(() => relay.upstream.answers.length).toBe(index + 1);
    }
    expect(relay.upstream.calls.map((call) => call.body['client_metadata'])).toEqual([
      { kb_topic: 'billing' },
      { kb_topic: 'billing' },
      { kb_topic: 'billing' },
    ]);
  });

  test('the API key never appears in any browser request or response', async ({ page, relay }) => {
    const seen: string[] = [];
    page.on('request', (request) => {
      seen.push(request.url(), JSON.stringify(request.headers()), request.postData() ?? '');
    });
    page.on('response', async (response) => {
      seen.push(JSON.stringify(await response.allHeaders()));
      seen.push(await response.text().catch(() => ''));
    });
    await openTestPage(page, relay.server.url, { script: billingTag });
    await page.getByRole('button', { name: 'Open chat' }).click();
    await ask(page, 'How can I pay?');
    await expect.poll(() => relay.upstream.answers.length).toBe(1);
    await ask(page, 'And by card?');
    await expect.poll(() => relay.upstream.answers.length).toBe(2);
    await expect(page.getByRole('log')).toContainText('And by card?');

    // The upstream did receive the key: the check below is about the browser only.
    expect(relay.upstream.calls[0]?.body['api_key']).toBe(SECRET_KEY);
    const traffic = seen.join('\n');
    expect(traffic).toContain('How can I pay?');
    expect(traffic).not.toContain(SECRET_KEY);
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(storage).not.toContain(SECRET_KEY);
  });

  test('a missing data-endpoint logs one clear error and renders nothing', async ({
    page,
    relay,
  }) => {
    const errors = consoleErrors(page);
    page.on('pageerror', (error) => errors.push(error.message));
    await openTestPage(page, relay.server.url, { script: scriptTag({ 'kb-topic': 'billing' }) });
    await page.waitForLoadState('load');
    await expect.poll(() => errors.length).toBe(1);
    expect(errors[0]).toContain('data-endpoint');
    await expect(page.getByRole('button', { name: 'Open chat' })).toHaveCount(0);
  });

  test('host page styles do not leak in, and the widget styles do not leak out', async ({
    page,
    relay,
  }) => {
    await openTestPage(page, relay.server.url, {
      head: `<style>* { color: rgb(255, 0, 0); font-family: monospace; }
        button { background: rgb(0, 128, 0); border-radius: 0; }</style>`,
      body: '<button type="button" id="host-button">Host button</button>',
      script: billingTag,
    });
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await expect(launcher).toBeVisible();
    const launcherStyle = await launcher.evaluate((element) => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, radius: style.borderTopLeftRadius };
    });
    expect(launcherStyle.background).not.toBe('rgb(0, 128, 0)');
    expect(launcherStyle.radius).not.toBe('0px');
    await launcher.click();
    const title = page.getByRole('dialog', { name: 'Help' }).getByText('Help', { exact: true });
    expect(await title.evaluate((element) => getComputedStyle(element).color)).not.toBe(
      'rgb(255, 0, 0)',
    );
    const hostButton = await page.locator('#host-button').evaluate((element) => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, color: style.color };
    });
    expect(hostButton).toEqual({ background: 'rgb(0, 128, 0)', color: 'rgb(255, 0, 0)' });
  });
});

test.describe('npm start: the embedded demo assistant, no account', () => {
  test('the demo page chats with the embedded assistant', async ({ page, demo }) => {
    const question = 'How much does shipping cost?';
    // What the embedded assistant answers this question on the home page (no kb_topic there).
    const expected = await createDemoAssistant()(
      new Request('http://assistant.test/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          api_key: DEMO_API_KEY,
          scenario_id: DEMO_SCENARIO_ID,
          text: question,
        }),
      }),
    ).then((response) => response.json() as Promise<{ reply: string }>);

    await page.goto(demo.url);
    await page.getByRole('button', { name: /Open chat|Chat öffnen/ }).click();
    await ask(page, question);
    const log = page.getByRole('log');
    await expect(log).toContainText(question);
    await expect(log).toContainText(readableWords(expected.reply));
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});
