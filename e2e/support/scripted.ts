import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { LANGUAGES } from '../../src/core/languages.ts';
import { openTestPage, scriptTag } from './pages.ts';
import { startBuiltServer } from './servers.ts';
import {
  startScriptedUpstream,
  type ScriptedDialect,
  type ScriptedUpstream,
} from './scripted-upstream.ts';

/** The built server relaying to a scripted upstream: `url` is the origin of the page and `/chat`. */
export interface ScriptedChat {
  url: string;
  upstream: ScriptedUpstream;
}

const SIGNING_SECRET = 'e2e-signing-secret-0123456789abcdef0123';

const PROVIDER_ENV: Record<ScriptedDialect, (url: string) => Record<string, string>> = {
  quickchat: (url) => ({
    QUICKCHAT_API_KEY: 'qc-scripted-key',
    QUICKCHAT_SCENARIO_ID: 'scenario-scripted',
    QUICKCHAT_API_URL: url,
  }),
  famulor: (url) => ({
    FAMULOR_API_TOKEN: 'famulor-scripted-token',
    FAMULOR_ASSISTANT_ID: '7',
    FAMULOR_API_URL: url,
    FAMULOR_REQUESTS_PER_MINUTE: '10000',
  }),
};

async function startScriptedChat(dialect: ScriptedDialect): Promise<{
  chat: ScriptedChat;
  close: () => Promise<void>;
}> {
  const upstream = await startScriptedUpstream(dialect);
  const server = await startBuiltServer(
    {
      ...PROVIDER_ENV[dialect](upstream.url),
      CHATLET_SECRET: SIGNING_SECRET,
      CHATLET_IP_REQUESTS_PER_MINUTE: '0',
      CHATLET_CONVERSATION_REQUESTS_PER_MINUTE: '0',
    },
    // Quiet: the proxy's request log lines would drown the test report.
    () => {},
  );
  return {
    chat: { url: server.url, upstream },
    close: async () => {
      await server.close();
      await upstream.close();
    },
  };
}

/**
 * Fixtures: `chat` is the built server relaying to a scripted Quickchat-legacy stand-in;
 * `famulorChat` the same with a scripted Famulor stand-in (the contract that can hand over to a
 * human).
 */
export const test = base.extend<{ chat: ScriptedChat; famulorChat: ScriptedChat }>({
  chat: async ({}, use) => {
    const { chat, close } = await startScriptedChat('quickchat');
    await use(chat);
    await close();
  },
  famulorChat: async ({}, use) => {
    const { chat, close } = await startScriptedChat('famulor');
    await use(chat);
    await close();
  },
});

export { expect } from '@playwright/test';

/** Opens a host page with the widget's script tag (`endpoint` is `/chat` unless given). */
export async function openWidgetPage(
  page: Page,
  chat: ScriptedChat,
  attributes: Record<string, string> = {},
  extra: { head?: string; body?: string; lang?: string; path?: string } = {},
): Promise<void> {
  await openTestPage(page, chat.url, {
    ...extra,
    script: scriptTag({ endpoint: '/chat', ...attributes }),
  });
}

/** Types `text` into the open panel's message field and presses Enter. */
export async function ask(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: /^(Message|Nachricht)$/ });
  await box.fill(text);
  await box.press('Enter');
}

/** The JSON bodies of every `POST /chat` the pages of `context` sent, as the browser sent them. */
export function recordChatRequests(context: BrowserContext): Array<Record<string, unknown>> {
  const bodies: Array<Record<string, unknown>> = [];
  context.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/chat') {
      bodies.push(request.postDataJSON() as Record<string, unknown>);
    }
  });
  return bodies;
}

/**
 * Serves the built `chatlet.js`, `chatlet-panel.js`, `chatlet-teaser.js`, the language files
 * (`chatlet-<lang>.js`) and the panels with their language (`chatlet-panel-<lang>.js`)
 * from disk through Playwright's route, so a page can be (re)loaded while
 * `context.setOffline(true)` cuts the network.
 */
export async function serveBundleFromDisk(page: Page): Promise<void> {
  const languageFiles = LANGUAGES.flatMap((lang) => [
    `chatlet-${lang}.js`,
    `chatlet-panel-${lang}.js`,
  ]);
  for (const name of ['chatlet.js', 'chatlet-panel.js', 'chatlet-teaser.js', ...languageFiles]) {
    const path = fileURLToPath(new URL(`../../dist/${name}`, import.meta.url));
    await page.route(
      (url) => url.pathname === `/${name}`,
      (route) => route.fulfill({ path, contentType: 'text/javascript; charset=utf-8' }),
    );
  }
}
