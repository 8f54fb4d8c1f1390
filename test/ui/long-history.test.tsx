import { cleanup, render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConversationStore } from '../../src/client/conversation-store.ts';
import type { ChatMessage } from '../../src/core/messages.ts';
import { Panel } from '../../src/ui/components/Panel.tsx';
import { LOCALES } from '../../src/ui/all-locales.ts';
import { resolveStrings } from '../../src/ui/i18n.ts';
import { createModels } from '../../src/ui/models.ts';
import { FakeClient, memoryStorage, sequentialIds } from './fakes.ts';
import { wholeDrawing } from './whole-drawing.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A stored conversation of `count` messages, questions and replies in turn, oldest first. */
function storedHistory(count: number) {
  const storage = memoryStorage();
  const messages: ChatMessage[] = Array.from({ length: count }, (_, index) =>
    index % 2 === 0
      ? { id: `m${index}`, role: 'user', state: 'sent', text: `Question ${index}`, at: 1 + index }
      : { id: `m${index}`, role: 'assistant', text: `Answer **${index}**`, at: 1 + index },
  );
  storage.set('chatlet:v1:https://proxy.test/chat', JSON.stringify({ token: 't', messages }));
  return storage;
}

/** The panel over `count` stored messages; `sentFirst` messages are sent before it is drawn. */
async function renderPanel(count: number, sentFirst = 0) {
  const client = new FakeClient();
  const store = createConversationStore(storedHistory(count), 'https://proxy.test/chat', {
    historyLimit: 5000,
  });
  const { chat, view } = createModels({ client, store, newId: sequentialIds() });
  for (let index = 0; index < sentFirst; index += 1) chat.send(`Early ${index}`);
  const { strings } = resolveStrings('en', LOCALES.en);
  view.show();
  render(
    <Panel
      chat={chat}
      view={view}
      strings={strings}
      config={{ title: 'Help', placeholder: strings.placeholder, greeting: 'Hi there' }}
    />,
  );
  await wholeDrawing();
  return { client, chat, user: userEvent.setup(), log: screen.getByRole('log') };
}

const shown = (log: HTMLElement) =>
  [...log.querySelectorAll('.message')].map((item) => item.textContent ?? '');
/** The live region setting that governs `element`: its nearest `aria-live`. */
const liveness = (element: Element) => element.closest('[aria-live]')?.getAttribute('aria-live');

// jsdom is slow with a thousand stored messages on a busy machine: a generous limit, not a timing.
describe('a long stored history', { timeout: 30_000 }, () => {
  it('opens on its newest messages, behind a named "Show earlier messages" button', async () => {
    const { log } = await renderPanel(1000);
    const items = shown(log);
    expect(items.length).toBeLessThan(100);
    expect(items.at(-1)).toContain('Answer 999');
    expect(items.join()).not.toContain('Question 0');
    const button = screen.getByRole('button', { name: 'Show earlier messages' });
    // Outside the log: it is a control, not a message, and never announced as one.
    expect(log.contains(button)).toBe(false);
    expect(screen.queryByText('Hi there')).toBeNull();
  });

  it('adds older messages above with each press, from the keyboard too, to the first', async () => {
    const { log, user } = await renderPanel(100);
    const before = shown(log);
    const button = screen.getByRole('button', { name: 'Show earlier messages' });
    button.focus();
    await user.keyboard('{Enter}');
    const after = shown(log);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.slice(-before.length)).toEqual(before);
    expect(document.activeElement).toBe(button);

    while (screen.queryByRole('button', { name: 'Show earlier messages' })) {
      await user.click(screen.getByRole('button', { name: 'Show earlier messages' }));
    }
    const all = shown(log);
    expect(all).toHaveLength(101);
    expect(all[0]).toContain('Hi there');
    expect(all[1]).toContain('Question 0');
    // The button went away under the focus: it lands on the log, not on the page.
    expect(document.activeElement).toBe(log);
  });

  it('keeps history quiet, also when shown later, and announces a new reply once', async () => {
    const { log, user, client } = await renderPanel(1000);
    await user.click(screen.getByRole('button', { name: 'Show earlier messages' }));
    for (const item of log.querySelectorAll('.message')) expect(liveness(item)).toBe('off');

    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'One more{Enter}');
    await client.reply({ reply: 'The newest answer' });
    const reply = (await within(log).findByText('The newest answer')).closest('.message')!;
    expect(liveness(reply)).toBe('polite');
    expect(log.getAttribute('aria-relevant')).toBe('additions');
    expect(within(log).getAllByText('The newest answer')).toHaveLength(1);
  });

  it('downloads a transcript of every message, not only the rendered ones', async () => {
    const { user } = await renderPanel(1000);
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((value) => {
      blob = value as Blob;
      return 'blob:transcript';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await user.click(screen.getByRole('button', { name: 'More options' }));
    await user.click(screen.getByRole('button', { name: 'Download transcript' }));
    // jsdom's Blob has no text(); its FileReader reads it.
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.addEventListener('load', () => resolve(String(reader.result)));
      reader.readAsText(blob!);
    });
    expect(text).toContain('Question 0\n');
    expect(text).toContain('Answer 999\n');
    expect(text.match(/^(You|Assistant) · /gm)).toHaveLength(1000);
  });

  it('renders a short history whole, greeting first, with no button', async () => {
    const { log } = await renderPanel(10);
    expect(shown(log)).toHaveLength(11);
    expect(screen.queryByRole('button', { name: 'Show earlier messages' })).toBeNull();
  });

  it('shows every message sent before the panel was drawn (API calls queued by the loader)', async () => {
    const { log } = await renderPanel(0, 30);
    const items = shown(log);
    expect(items.filter((text) => text.includes('Early'))).toHaveLength(30);
    expect(items.some((text) => text.includes('Early 0'))).toBe(true);
    expect(screen.queryByRole('button', { name: 'Show earlier messages' })).toBeNull();
  });
});
