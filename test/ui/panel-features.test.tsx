import { cleanup, render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConversationStore } from '../../src/client/conversation-store.ts';
import type { ChatMessage } from '../../src/core/messages.ts';
import { Panel, type PanelConfig } from '../../src/ui/components/Panel.tsx';
import type { ChatEvent } from '../../src/ui/chat-model.ts';
import { formatTime } from '../../src/ui/format-time.ts';
import { LOCALES } from '../../src/ui/all-locales.ts';
import { resolveStrings } from '../../src/ui/i18n.ts';
import { createModels } from '../../src/ui/models.ts';
import { replyAsPlainText } from '../../src/ui/rich-text/plain-text.ts';
import { downloadText, transcriptText } from '../../src/ui/transcript.ts';
import { FakeClient, memoryStorage, sequentialIds } from './fakes.ts';
import { wholeDrawing } from './whole-drawing.ts';

afterEach(cleanup);

async function renderPanel(config: Partial<PanelConfig> = {}, storage = memoryStorage()) {
  const client = new FakeClient();
  const store = createConversationStore(storage, 'https://proxy.test/chat', { historyLimit: 100 });
  const events: ChatEvent[] = [];
  const { chat, view } = createModels({
    client,
    store,
    newId: sequentialIds(),
    onEvent: (event) => void events.push(event),
  });
  const lang = config.lang === 'de' ? 'de' : 'en';
  const { strings } = resolveStrings(lang, LOCALES[lang]);
  view.show();
  render(
    <Panel
      chat={chat}
      view={view}
      strings={strings}
      config={{ title: 'Help', placeholder: strings.placeholder, ...config }}
    />,
  );
  await wholeDrawing();
  return { client, chat, events, storage, user: userEvent.setup() };
}

describe('starter questions', () => {
  it('are buttons in an empty conversation; a click sends one and they go away', async () => {
    const { client, user } = await renderPanel({
      starters: ['Where is my order?', 'Opening hours'],
    });
    const group = screen.getByRole('group', { name: 'Suggested questions' });
    await user.click(within(group).getByRole('button', { name: 'Opening hours' }));
    expect(client.requests.map((request) => request.text)).toEqual(['Opening hours']);
    expect(screen.queryByRole('group', { name: 'Suggested questions' })).toBeNull();
    // Focus stays in the panel, on the message field, not on the page's body.
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });

  it('are not shown once the visitor has written, also after a reload', async () => {
    const storage = memoryStorage();
    const first = await renderPanel({ starters: ['Hi'] }, storage);
    await first.user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
    await first.client.reply();
    cleanup();
    await renderPanel({ starters: ['Hi'] }, storage);
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('are named in German', async () => {
    await renderPanel({ starters: ['Hallo'], lang: 'de' });
    expect(screen.getByRole('group', { name: 'Vorgeschlagene Fragen' })).toBeTruthy();
  });
});

describe('feedback', () => {
  it('rates a reply: shown as pressed, emitted, posted with the question id and kept over a reload', async () => {
    const storage = memoryStorage();
    const { client, events, user } = await renderPanel({ feedback: true }, storage);
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Question{Enter}');
    const request = await client.reply({ conversation: 'token-7' });
    const helpful = await screen.findByRole('button', { name: 'Helpful' });
    expect(helpful.getAttribute('aria-pressed')).toBe('false');
    await user.click(helpful);
    expect(helpful.getAttribute('aria-pressed')).toBe('true');
    const reply = events.find(
      (event): event is Extract<ChatEvent, { type: 'message' }> =>
        event.type === 'message' && event.message.role === 'assistant',
    )?.message as ChatMessage;
    expect(events.at(-1)).toEqual({ type: 'feedback', messageId: reply.id, rating: 'up' });
    expect(client.feedbacks).toEqual([
      { conversation: 'token-7', client_message_id: request.client_message_id, rating: 'up' },
    ]);
    // The same choice again does nothing; the other one replaces it.
    await user.click(helpful);
    await user.click(screen.getByRole('button', { name: 'Not helpful' }));
    expect(client.feedbacks.map((item) => item.rating)).toEqual(['up', 'down']);

    cleanup();
    await renderPanel({ feedback: true }, storage);
    expect(screen.getByRole('button', { name: 'Not helpful' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('is not offered unless switched on, nor on the greeting', async () => {
    const { client, user } = await renderPanel({ greeting: 'Hello!' });
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Question{Enter}');
    await client.reply();
    await screen.findByText('Answer to Question');
    expect(screen.queryByRole('button', { name: 'Helpful' })).toBeNull();
    cleanup();
    await renderPanel({ greeting: 'Hello!', feedback: true });
    expect(screen.queryByRole('button', { name: 'Helpful' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy reply' })).toBeNull();
  });
});

describe('timestamps and copy', () => {
  it('shows each message’s time in a <time datetime> and a Copy on replies and code blocks', async () => {
    const { client, user } = await renderPanel({ timestamps: true, lang: 'en' });
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Code?{Enter}');
    await client.reply({ reply: 'Run this:\n\n```\nnpm start\n```' });
    await screen.findByText('npm start');
    const times = screen.getByRole('log').querySelectorAll('time');
    expect(times).toHaveLength(2);
    expect(Date.parse(times[0]?.getAttribute('datetime') ?? '')).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Copy reply' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy();
  });

  it('formats today as a time only and other days with the date', () => {
    const now = Date.UTC(2026, 11, 1, 12);
    expect(formatTime(now - 60_000, 'en', now)).not.toMatch(/2026/);
    expect(formatTime(now - 3 * 86_400_000, 'de', now)).toMatch(/2026/);
  });
});

describe('plain text of replies (Copy, transcript)', () => {
  it('keeps what the visitor reads and drops the markup', () => {
    expect(
      replyAsPlainText(
        'Hello<br>**World** — see [docs](https://example.test/docs)\n\n- one\n- two\n\n```\na  b\n```',
      ),
    ).toBe('Hello\nWorld — see docs (https://example.test/docs)\n\n- one\n- two\n\na  b');
  });

  it('writes who, when and what for each message', () => {
    const { strings } = resolveStrings('en', LOCALES.en);
    const text = transcriptText(
      [
        {
          id: 'a',
          role: 'user',
          text: 'Hi <b>there</b>',
          at: Date.UTC(2026, 0, 2, 9),
          state: 'sent',
        },
        { id: 'b', role: 'assistant', text: 'Hello **you**', at: Date.UTC(2026, 0, 2, 9, 1) },
      ],
      strings,
      'en',
      'Help',
    );
    expect(text).toMatch(
      /^Help\n\nYou · .*2026.*\nHi <b>there<\/b>\n\nAssistant · .*\nHello you\n$/,
    );
  });

  it('keeps the file’s blob URL alive long after the click, so a busy browser still saves it', () => {
    vi.useFakeTimers();
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:transcript');
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    try {
      downloadText('Help\n', 'chat.txt');
      expect(click).toHaveBeenCalledOnce();
      vi.advanceTimersByTime(1000);
      expect(revoke).not.toHaveBeenCalled();
      vi.advanceTimersByTime(60_000);
      expect(revoke).toHaveBeenCalledWith('blob:transcript');
    } finally {
      vi.restoreAllMocks();
      vi.useRealTimers();
    }
  });
});
