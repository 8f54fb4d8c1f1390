import { cleanup, render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConversationStore } from '../../src/client/conversation-store.ts';
import { ChatletError } from '../../src/core/errors.ts';
import type { Language } from '../../src/core/options.ts';
import { Panel } from '../../src/ui/components/Panel.tsx';
import { resolveStrings } from '../../src/ui/i18n.ts';
import { LOCALES } from '../../src/ui/all-locales.ts';
import { createModels } from '../../src/ui/models.ts';
import { FakeClient, memoryStorage, sequentialIds } from './fakes.ts';
import { wholeDrawing } from './whole-drawing.ts';

afterEach(cleanup);

async function renderPanel({
  storage = memoryStorage(),
  lang = 'en' as Language,
  greeting = undefined as string | undefined,
  whole = true,
} = {}) {
  const client = new FakeClient();
  const store = createConversationStore(storage, 'https://proxy.test/chat', { historyLimit: 100 });
  const { chat, view } = createModels({ client, store, newId: sequentialIds() });
  const { strings } = resolveStrings(lang, LOCALES[lang]);
  view.show();
  const result = render(
    <Panel
      chat={chat}
      view={view}
      strings={strings}
      config={{
        title: 'Help',
        placeholder: strings.placeholder,
        greeting,
        subtitle: 'We reply fast',
      }}
    />,
  );
  if (whole) await wholeDrawing();
  return { client, chat, view, storage, user: userEvent.setup(), ...result };
}

describe('the chat panel', () => {
  it('is a dialog named by its title, with the message field focused', async () => {
    await renderPanel();
    expect(screen.getByRole('dialog', { name: 'Help' })).toBeTruthy();
    expect(screen.getByText('We reply fast')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });

  it('draws the focused composer first, the header and the messages at the next frame', async () => {
    await renderPanel({ greeting: 'Hi there', whole: false });
    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(screen.getByRole('dialog', { name: 'Help' })).toBeTruthy();
    expect(document.activeElement).toBe(box);
    expect(screen.queryByRole('log')).toBeNull();
    expect(screen.queryByText('We reply fast')).toBeNull();

    await wholeDrawing();
    expect(within(screen.getByRole('log')).getByText('Hi there')).toBeTruthy();
    expect(screen.getByText('We reply fast')).toBeTruthy();
    // The same field, still focused, and still last: the header and the list went in before it.
    expect(screen.getByRole('textbox', { name: 'Message' })).toBe(box);
    expect(document.activeElement).toBe(box);
    const dialog = screen.getByRole('dialog');
    expect(dialog.firstElementChild?.tagName).toBe('HEADER');
    expect(dialog.lastElementChild?.contains(box)).toBe(true);
  });

  it('sends with Enter, shows the typing indicator, then the reply', async () => {
    const { client, user } = await renderPanel();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'How do I pay?{Enter}');

    const log = screen.getByRole('log');
    expect(within(log).getByText('How do I pay?')).toBeTruthy();
    expect(screen.getByText('Assistant is typing…')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe(
      '',
    );

    await client.reply({ reply: 'By card or invoice.' });
    expect(await within(log).findByText('By card or invoice.')).toBeTruthy();
    expect(screen.queryByText('Assistant is typing…')).toBeNull();
  });

  it('starts a new line with Shift+Enter instead of sending', async () => {
    const { client, user } = await renderPanel();
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    await user.type(box, 'Line one{Shift>}{Enter}{/Shift}Line two');
    expect(box.value).toBe('Line one\nLine two');
    expect(client.requests).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(client.requests.map((r) => r.text)).toEqual(['Line one\nLine two']);
  });

  it('does not send an empty or blank message', async () => {
    const { client, user } = await renderPanel();
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await user.type(screen.getByRole('textbox', { name: 'Message' }), '   {Enter}');
    expect(client.requests).toEqual([]);
    expect(within(screen.getByRole('log')).queryAllByText(/\S/)).toEqual([]);
  });

  it('does not send the Enter that ends an IME composition', async () => {
    const { client } = await renderPanel();
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    box.value = '日本';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    box.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true }),
    );
    expect(client.requests).toEqual([]);
    expect(box.value).toBe('日本');
  });

  it('shows an error line with Retry that resends the same message id', async () => {
    const { client, user } = await renderPanel();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
    const first = await client.fail(new ChatletError('upstream', 'Bad gateway', { status: 502 }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The assistant is unavailable right now.');
    expect(within(screen.getByRole('log')).getByText('Hello')).toBeTruthy();

    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    const second = await client.reply({ reply: 'Hi!' });
    expect(second.client_message_id).toBe(first.client_message_id);
    expect(await screen.findByText('Hi!')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says how long to wait when the assistant is busy', async () => {
    const { client, user } = await renderPanel();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
    await client.fail(new ChatletError('rate_limited', 'Busy', { status: 429, retryAfterS: 12 }));
    expect((await screen.findByRole('alert')).textContent).toContain('try again in 12\u00a0s');
  });

  it('shows the earlier messages again after a remount', async () => {
    const storage = memoryStorage();
    const first = await renderPanel({ storage });
    await first.user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
    await first.client.reply({ reply: 'Welcome back later' });
    await screen.findByText('Welcome back later');
    first.unmount();

    await renderPanel({ storage });
    const log = screen.getByRole('log');
    expect(within(log).getByText('Hello')).toBeTruthy();
    expect(within(log).getByText('Welcome back later')).toBeTruthy();
  });

  it("announces replies politely, but not the visitor's own messages or the typing", async () => {
    const { client, user } = await renderPanel();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
    const log = screen.getByRole('log');
    expect(log.getAttribute('aria-live')).toBe('polite');
    expect(log.getAttribute('aria-relevant')).toBe('additions');
    expect(within(log).getByText('Hello').closest('[aria-live]')?.getAttribute('aria-live')).toBe(
      'off',
    );
    expect(log.contains(screen.getByText('Assistant is typing…'))).toBe(false);
    await client.reply({ reply: 'Hi!' });
    const reply = await within(log).findByText('Hi!');
    expect(reply.closest('[aria-live]')).toBe(log);
  });

  it('renders the markup of a reply as elements, never as raw HTML', async () => {
    const { client, user } = await renderPanel();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi{Enter}');
    await client.reply({
      reply:
        'Line one<br>See <a href="https://example.com">the docs</a><img src=x onerror=alert(1)>',
    });
    const link = await within(screen.getByRole('log')).findByRole('link', { name: 'the docs' });
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByRole('log').querySelector('img, [onerror]')).toBeNull();
    expect(screen.getByRole('log').textContent).not.toContain('<br>');
  });

  it("shows the visitor's own text literally, markup included", async () => {
    const { user } = await renderPanel();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'a <b>bold</b> claim{Enter}');
    expect(within(screen.getByRole('log')).getByText('a <b>bold</b> claim')).toBeTruthy();
  });

  it('shows the greeting first', async () => {
    await renderPanel({ greeting: 'Hello! How can I help?' });
    expect(within(screen.getByRole('log')).getByText('Hello! How can I help?')).toBeTruthy();
  });

  it('says that a team member will reply on handoff', async () => {
    const { client, user } = await renderPanel();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Human please{Enter}');
    await client.reply({ reply: '', handoff: true });
    expect(await screen.findByText('A team member will reply')).toBeTruthy();
  });

  it('closes with Escape and with the close button', async () => {
    const { view, user } = await renderPanel();
    await user.keyboard('{Escape}');
    expect(view.open.value).toBe(false);
    view.show();
    await user.click(await screen.findByRole('button', { name: 'Close chat' }));
    expect(view.open.value).toBe(false);
  });

  it('starts a new conversation from the menu', async () => {
    const { client, user, storage } = await renderPanel();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
    await client.reply({ conversation: 'token-A' });
    await screen.findByText('Answer to Hello');

    await user.click(screen.getByRole('button', { name: 'More options' }));
    await user.click(screen.getByRole('button', { name: 'New conversation' }));
    expect(within(screen.getByRole('log')).queryByText('Hello')).toBeNull();
    expect([...storage.items.values()].join()).not.toContain('token-A');
  });

  it('folds the menu with Escape, keeping the panel open', async () => {
    const { view, user } = await renderPanel();
    const menuButton = screen.getByRole('button', { name: 'More options' });
    await user.click(menuButton);
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'New conversation' })),
    );
    await user.keyboard('{Escape}');
    expect(menuButton.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(menuButton);
    expect(view.open.value).toBe(true);
  });

  it('speaks German when asked to', async () => {
    await renderPanel({ lang: 'de' });
    expect(screen.getByRole('textbox', { name: 'Nachricht' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Senden' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Chat schließen' })).toBeTruthy();
  });
});
