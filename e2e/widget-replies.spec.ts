import { ask, expect, openWidgetPage, test } from './support/scripted.ts';

const IMAGE_URL = 'https://images.example.test/diagram.png';

const FORMATTED_REPLY = [
  'First line<br>second line with **bold words** and *slanted words*.',
  '',
  '- apples',
  '- pears',
  '',
  `Read [the guide](https://docs.example.test/guide) and see ![the diagram](${IMAGE_URL}).`,
].join('\n');

test.describe('replies: formatted safely (built bundle)', () => {
  test('HTML and markdown in a reply render as formatted nodes; the image is only a link', async ({
    page,
    chat,
  }) => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    // Were the image fetched, this answers it, so the fetch cannot hang or fail unseen.
    await page.route('https://images.example.test/**', (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', body: '' }),
    );
    chat.upstream.script({ reply: FORMATTED_REPLY });
    await openWidgetPage(page, chat, { title: 'Help' });
    await page.getByRole('button', { name: 'Open chat' }).click();
    await ask(page, 'Show me everything');

    const log = page.getByRole('log');
    const reply = log.locator('[part~="assistant"]').last();
    await expect(reply).toContainText('second line');
    // <br> is a line break: the two lines are not run together.
    await expect(reply.locator('br')).toHaveCount(1);
    expect(await reply.innerText()).toMatch(/First line\s*\n\s*second line/);
    await expect(reply.locator('strong')).toHaveText('bold words');
    await expect(reply.locator('em')).toHaveText('slanted words');
    await expect(reply.getByRole('list')).toHaveCount(1);
    await expect(reply.getByRole('listitem')).toHaveText(['apples', 'pears']);

    const guide = reply.getByRole('link', { name: 'the guide' });
    await expect(guide).toHaveAttribute('href', 'https://docs.example.test/guide');
    await expect(guide).toHaveAttribute('target', '_blank');
    await expect(guide).toHaveAttribute('rel', 'noopener noreferrer');

    // The image is a link to it, never an <img>, and nothing asked for it.
    const image = reply.getByRole('link', { name: 'the diagram' });
    await expect(image).toHaveAttribute('href', IMAGE_URL);
    await expect(image).toHaveAttribute('target', '_blank');
    await expect(image).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(page.locator('chatlet-widget img')).toHaveCount(0);
    await expect(reply.getByRole('img')).toHaveCount(0);
    expect(requested.filter((url) => url.startsWith('https://images.example.test/'))).toEqual([]);
    // No markdown markers or tags are left as text.
    await expect(reply).not.toContainText('**');
    await expect(reply).not.toContainText('<br>');
    await expect(reply).not.toContainText('](');
  });

  test('a reply with unsafe HTML shows its words and runs nothing', async ({ page, chat }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    chat.upstream.script({
      reply:
        'Safe <b>words</b><img src=x onerror="window.chatletPwned=1"><script>window.chatletPwned=2</script> ' +
        '[click](javascript:window.chatletPwned=3)',
    });
    await openWidgetPage(page, chat);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await ask(page, 'Hi');
    const reply = page.getByRole('log').locator('[part~="assistant"]').last();
    await expect(reply.locator('b, strong')).toHaveText('words');
    await expect(reply).toContainText('click');
    await expect(reply.getByRole('link')).toHaveCount(0);
    await expect(page.locator('chatlet-widget img, chatlet-widget script')).toHaveCount(0);
    expect(
      await page.evaluate(() => (window as { chatletPwned?: number }).chatletPwned),
    ).toBeUndefined();
    expect(errors).toEqual([]);
  });
});

test.describe('replies: handoff to a human (built bundle, Famulor contract)', () => {
  test('handoff with no text shows "A team member will reply"', async ({ page, famulorChat }) => {
    famulorChat.upstream.script({ reply: '', handoff: true });
    await openWidgetPage(page, famulorChat);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await ask(page, 'I want to talk to a person');
    const reply = page.getByRole('log').locator('[part~="assistant"]').last();
    await expect(reply).toContainText('A team member will reply');
    expect(famulorChat.upstream.calls).toHaveLength(1);
  });

  test('German: "Ein Teammitglied antwortet Ihnen"', async ({ page, famulorChat }) => {
    famulorChat.upstream.script({ reply: '', handoff: true });
    await openWidgetPage(page, famulorChat, { lang: 'de' });
    await page.getByRole('button', { name: 'Chat öffnen' }).click();
    await ask(page, 'Ich möchte einen Menschen sprechen');
    const reply = page.getByRole('log').locator('[part~="assistant"]').last();
    await expect(reply).toContainText('Ein Teammitglied antwortet Ihnen');
  });

  test('handoff with a text keeps the text and adds the note', async ({ page, famulorChat }) => {
    famulorChat.upstream.script({ reply: 'Let me fetch a colleague.', handoff: true });
    await openWidgetPage(page, famulorChat);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await ask(page, 'Help');
    const reply = page.getByRole('log').locator('[part~="assistant"]').last();
    await expect(reply).toContainText('Let me fetch a colleague.');
    await expect(reply).toContainText('A team member will reply');
  });
});
