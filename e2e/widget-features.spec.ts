import { test as base, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openTestPage, scriptTag } from './support/pages.ts';
import { startScriptedUpstream, type ScriptedUpstream } from './support/scripted-upstream.ts';
import { startBuiltServer, type DemoServer } from './support/servers.ts';
import { ask, expect } from './support/scripted.ts';

/** A loopback receiver for CHATLET_FEEDBACK_WEBHOOK, recording the JSON it is sent. */
interface Receiver {
  url: string;
  received: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received: Array<Record<string, unknown>> = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/feedback-hook`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The built server relaying to a scripted Quickchat stand-in, with a feedback webhook. */
const test = base.extend<{
  site: { server: DemoServer; upstream: ScriptedUpstream; hook: Receiver; logs: string[] };
}>({
  site: async ({}, use) => {
    const upstream = await startScriptedUpstream('quickchat');
    const hook = await startReceiver();
    const logs: string[] = [];
    const server = await startBuiltServer(
      {
        QUICKCHAT_API_KEY: 'qc-features-key',
        QUICKCHAT_SCENARIO_ID: 'scenario-features',
        QUICKCHAT_API_URL: upstream.url,
        CHATLET_SECRET: 'e2e-signing-secret-0123456789abcdef0123',
        CHATLET_FEEDBACK_WEBHOOK: hook.url,
      },
      (line) => void logs.push(line),
    );
    await use({ server, upstream, hook, logs });
    await server.close();
    await upstream.close();
    await hook.close();
  },
});

async function openWidget(page: Page, url: string, attributes: Record<string, string> = {}) {
  await openTestPage(page, url, { script: scriptTag({ endpoint: '/chat', ...attributes }) });
  await page.getByRole('button', { name: /^(Open chat|Chat öffnen)$/ }).click();
}

test.describe('starters, feedback, timestamps, copy, transcript, title count (built bundle)', () => {
  test('a starter question is sent with one click (or Enter) and the starters then go', async ({
    page,
    site,
  }) => {
    site.upstream.script({ reply: 'We ship in two days.' });
    await openWidget(page, site.server.url, {
      starters: JSON.stringify(['When do you ship?', 'Can I return it?']),
    });
    const starters = page.getByRole('group', { name: 'Suggested questions' });
    await expect(starters.getByRole('button')).toHaveCount(2);
    // By keyboard: Tab from the menu button reaches the starters before the message field.
    await starters.getByRole('button', { name: 'When do you ship?' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('log')).toContainText('We ship in two days.');
    await expect(starters).toHaveCount(0);
    expect(site.upstream.calls.map((call) => call.body['text'])).toEqual(['When do you ship?']);
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
  });

  test('feedback reaches the proxy, its log and the webhook, and stays chosen after a reload', async ({
    page,
    site,
  }) => {
    site.upstream.script({ reply: 'Try turning it off and on.' });
    await openWidget(page, site.server.url, { feedback: 'true' });
    const events = page.evaluate(
      () => new Promise((resolve) => window.Chatlet?.on('feedback', (payload) => resolve(payload))),
    );
    await ask(page, 'It does not work');
    const helpful = page.getByRole('button', { name: 'Not helpful' });
    await expect(helpful).toHaveAttribute('aria-pressed', 'false');
    const posted = page.waitForResponse((response) => response.url().endsWith('/chat/feedback'));
    await helpful.press('Space');
    expect((await posted).status()).toBe(204);
    await expect(helpful).toHaveAttribute('aria-pressed', 'true');
    expect(await events).toEqual({ messageId: expect.any(String), rating: 'down' });
    await expect.poll(() => site.hook.received.length).toBe(1);
    expect(site.hook.received[0]).toMatchObject({ event: 'feedback', rating: 'down' });
    expect(JSON.stringify(site.hook.received)).not.toContain('conversation');
    expect(site.logs.some((line) => line.includes('"event":"feedback"'))).toBe(true);

    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect(page.getByRole('button', { name: 'Not helpful' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  test('each message has its time; data-timestamps="false" leaves them out', async ({
    page,
    site,
  }) => {
    await openWidget(page, site.server.url, { lang: 'de' });
    await ask(page, 'Hallo');
    const log = page.getByRole('log');
    await expect(log.locator('time')).toHaveCount(2);
    const stamp = log.locator('time').first();
    expect(Date.parse((await stamp.getAttribute('datetime')) ?? '')).toBeGreaterThan(0);
    // German: 24-hour time, "14:05".
    await expect(stamp).toHaveText(/^\d\d:\d\d$/);

    await openWidget(page, site.server.url, { timestamps: 'false' });
    await ask(page, 'Hi');
    await expect(page.getByRole('log')).toContainText('Reply 2');
    await expect(page.getByRole('log').locator('time')).toHaveCount(0);
  });

  test('Copy puts a reply or a code block on the clipboard as plain text and says "Copied"', async ({
    page,
    context,
    site,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: site.server.url,
    });
    site.upstream.script({ reply: 'Run **this**:\n\n```\nnpm start\n```' });
    await openWidget(page, site.server.url);
    await ask(page, 'How?');
    await page.getByRole('button', { name: 'Copy reply' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'Run this:\n\nnpm start',
    );
    await page.getByRole('button', { name: 'Copy code' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('npm start');
  });

  test('"Download transcript" saves the conversation as a plain-text file, no server involved', async ({
    page,
    site,
  }) => {
    site.upstream.script({ reply: 'Hello **there**.' });
    await openWidget(page, site.server.url, { title: 'Support' });
    await ask(page, 'Hi');
    await expect(page.getByRole('log')).toContainText('Hello there.');
    const requests: string[] = [];
    page.on('request', (request) => void requests.push(request.url()));
    await page.getByRole('button', { name: 'More options' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download transcript' }).press('Enter');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^chat-\d{4}-\d\d-\d\d\.txt$/);
    const text = await readFile((await file.path()) ?? '', 'utf8');
    expect(text).toMatch(/^Support\n\nYou · .+\nHi\n\nAssistant · .+\nHello there\.\n$/);
    expect(requests.filter((url) => url.startsWith('http'))).toEqual([]);
  });

  test('a reply that arrives in a hidden tab counts in the title until the visitor is back', async ({
    page,
    site,
  }) => {
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    site.upstream.script({ reply: 'Done.', after: held });
    await openWidget(page, site.server.url);
    await ask(page, 'Slow one');
    // Playwright cannot hide a headless tab: the page is told it is hidden, as a tab switch would.
    const setVisibility = (state: string) =>
      page.evaluate((value) => {
        Object.defineProperty(document, 'visibilityState', {
          configurable: true,
          get: () => value,
        });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await setVisibility('hidden');
    release();
    await expect(page).toHaveTitle('(1) E2E host page');
    await setVisibility('visible');
    await expect(page).toHaveTitle('E2E host page');
  });
});
