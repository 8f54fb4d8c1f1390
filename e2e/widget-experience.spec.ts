import type { Locator, Page } from '@playwright/test';
import { ask, expect, openWidgetPage, test, type ScriptedChat } from './support/scripted.ts';

const launcherOf = (page: Page, name = 'Open chat') => page.getByRole('button', { name });

/** Waits until the script tag's API is on the page. */
async function widgetReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.Chatlet !== undefined);
}

/**
 * An element's computed colour `property` as 0–255 sRGB channels, whatever syntax the browser
 * computed it in (a colour derived with relative colour syntax computes to `color(xyz-d65 …)`):
 * painted on a canvas and read back.
 */
async function srgbOf(locator: Locator, property: 'color' | 'background-color'): Promise<number[]> {
  return locator.evaluate((element, name) => {
    const context = new OffscreenCanvas(1, 1).getContext('2d');
    if (!context) return [];
    context.fillStyle = getComputedStyle(element).getPropertyValue(name);
    context.fillRect(0, 0, 1, 1);
    return Array.from(context.getImageData(0, 0, 1, 1).data.slice(0, 3));
  }, property);
}

/** WCAG 2's relative luminance (0 black … 1 white) of 0–255 sRGB channels. */
function luminance([r = 0, g = 0, b = 0]: number[]): number {
  const [lr = 0, lg = 0, lb = 0] = [r, g, b].map((value) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
}

/** The relative luminance of an element's computed background colour. */
async function backgroundLuminance(locator: Locator): Promise<number> {
  return luminance(await srgbOf(locator, 'background-color'));
}

/** WCAG 2's contrast ratio of two 0–255 sRGB colours. */
function contrast(first: number[], second: number[]): number {
  const [light = 0, dark = 0] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}

/** Every non-zero transition or animation duration in the widget's shadow root (and its host). */
async function motionIn(page: Page): Promise<string[]> {
  return page.locator('chatlet-widget').evaluate((host) => {
    const found: string[] = [];
    const elements = [host, ...(host.shadowRoot?.querySelectorAll('*') ?? [])];
    for (const element of elements) {
      for (const pseudo of [null, '::before', '::after']) {
        const style = getComputedStyle(element, pseudo);
        for (const [kind, value] of [
          ['transition', style.transitionDuration],
          ['animation', style.animationDuration],
        ] as const) {
          if (value.split(',').some((duration) => parseFloat(duration) > 0)) {
            found.push(
              `${element.tagName.toLowerCase()}.${element.className}${pseudo ?? ''} ${kind} ${value}`,
            );
          }
        }
      }
    }
    return found;
  });
}

/**
 * Turns the mouse wheel over (x, y), waits until the page's scroll position has held still for a
 * few frames (a scroll the wheel causes has then happened), and returns the page's scrollY.
 */
async function wheelAndSettle(page: Page, x: number, y: number): Promise<number> {
  await page.mouse.move(x, y);
  await page.mouse.wheel(0, 300);
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let last = -1;
        let still = 0;
        let frames = 0;
        const tick = (): void => {
          frames += 1;
          still = window.scrollY === last ? still + 1 : 0;
          last = window.scrollY;
          // At least 10 frames, so a scroll that starts late is still seen.
          if (frames >= 10 && still >= 5) resolve(window.scrollY);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/** Holds the proxy's answers until the returned release is called (the typing indicator shows). */
async function holdReplies(page: Page): Promise<() => void> {
  let release = (): void => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/chat', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

async function openPanel(page: Page, chat: ScriptedChat, attributes: Record<string, string>) {
  await openWidgetPage(page, chat, attributes);
  await launcherOf(page).click();
}

test.describe('visitor experience (built bundle)', () => {
  test('greeting, title, subtitle and placeholder; the greeting is shown, never sent', async ({
    page,
    chat,
  }) => {
    await openPanel(page, chat, {
      title: 'Support',
      subtitle: 'We answer within seconds',
      greeting: 'Hi! Ask me anything about your order.',
      placeholder: 'Ask about your order…',
    });
    const dialog = page.getByRole('dialog', { name: 'Support' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading', { name: 'Support' })).toBeVisible();
    await expect(dialog.getByText('We answer within seconds')).toBeVisible();
    await expect(page.getByRole('log')).toContainText('Hi! Ask me anything about your order.');
    await expect(page.getByRole('textbox', { name: 'Message' })).toHaveAttribute(
      'placeholder',
      'Ask about your order…',
    );
    expect(chat.upstream.calls).toHaveLength(0);

    await ask(page, 'Where is my parcel?');
    await expect(page.getByRole('log')).toContainText('Reply 1');
    expect(chat.upstream.calls.map((call) => call.body['text'])).toEqual(['Where is my parcel?']);
    expect(JSON.stringify(chat.upstream.calls)).not.toContain('Ask me anything');
  });

  test('a reply that arrives while the panel is closed shows an unread badge', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(page, chat);
    await widgetReady(page);
    const launcher = launcherOf(page);
    const badge = page.locator('chatlet-widget [part="badge"]');
    await expect(badge).toBeHidden();

    await page.evaluate(() => window.Chatlet?.send('Anything new?'));
    await expect(badge).toBeVisible();
    await expect(badge).toHaveText('1');
    await expect(launcher).toHaveAccessibleDescription('1 unread message');
    await expect(launcher).toHaveAttribute('aria-expanded', 'false');

    await page.evaluate(() => window.Chatlet?.send('And now?'));
    await expect(badge).toHaveText('2');
    await expect(launcher).toHaveAccessibleDescription('2 unread messages');

    await launcher.click();
    await expect(page.getByRole('log')).toContainText('Reply 2');
    await expect(badge).toBeHidden();
    await expect(launcher).toHaveAccessibleDescription('');
    // Read once: closing again does not bring the count back.
    await page.getByRole('button', { name: 'Close chat' }).click();
    await expect(badge).toBeHidden();
  });

  test('a reply that lands after the visitor closed the panel counts as unread', async ({
    page,
    chat,
  }) => {
    await openPanel(page, chat, {});
    const release = await holdReplies(page);
    await ask(page, 'Take your time');
    await expect(page.getByText('Assistant is typing…')).toBeAttached();
    await page.getByRole('button', { name: 'Close chat' }).click();
    release();
    await expect(page.locator('chatlet-widget [part="badge"]')).toHaveText('1');
    await expect(launcherOf(page)).toHaveAccessibleDescription('1 unread message');
  });

  test('data-position="left" puts the launcher and the panel on the left', async ({
    page,
    chat,
  }) => {
    await page.setViewportSize({ width: 1200, height: 800 });
    await openPanel(page, chat, { position: 'left' });
    const launcherBox = await launcherOf(page).boundingBox();
    const panelBox = await page.getByRole('dialog').boundingBox();
    expect(launcherBox!.x + launcherBox!.width).toBeLessThan(200);
    expect(panelBox!.x).toBeLessThan(100);
    expect(panelBox!.x + panelBox!.width).toBeLessThan(600);
  });

  test('by default the launcher and the panel sit on the right', async ({ page, chat }) => {
    await page.setViewportSize({ width: 1200, height: 800 });
    await openPanel(page, chat, {});
    const launcherBox = await launcherOf(page).boundingBox();
    const panelBox = await page.getByRole('dialog').boundingBox();
    expect(launcherBox!.x).toBeGreaterThan(1000);
    expect(panelBox!.x).toBeGreaterThan(600);
  });

  test('on a 375×667 phone the open panel fills the screen and the page behind does not scroll', async ({
    page,
    chat,
  }) => {
    await page.setViewportSize({ width: 375, height: 667 });
    await openWidgetPage(page, chat, {}, { body: '<div style="height: 3000px">Long page</div>' });
    // The page scrolls under the wheel while the panel is closed: the same measure, used below
    // with the panel open, does see a scroll.
    expect(await wheelAndSettle(page, 100, 200)).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);

    await launcherOf(page).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Send' })).toBeInViewport();
    const box = await dialog.boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 375, height: 667 });

    // …and not while it is open: a wheel over the panel's header, then over the message list.
    expect(await wheelAndSettle(page, 100, 30)).toBe(0);
    expect(await wheelAndSettle(page, 100, 300)).toBe(0);

    // A shorter visual viewport (as an on-screen keyboard leaves): the composer stays in view.
    await page.setViewportSize({ width: 375, height: 380 });
    await expect.poll(async () => (await dialog.boundingBox())?.height).toBe(380);
    await expect(page.getByRole('button', { name: 'Send' })).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeInViewport({ ratio: 1 });
    await page.getByRole('textbox', { name: 'Message' }).focus();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // The launcher, hidden behind the full-screen panel, is back and takes the focus.
    await expect(launcherOf(page)).toBeFocused();
    // The page scrolls again once the panel is closed.
    await page.mouse.wheel(0, 300);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  });

  test('keyboard only: Tab reaches the launcher, Enter opens, Enter sends, Escape closes', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(page, chat);
    const launcher = launcherOf(page);
    await expect(launcher).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(launcher).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toBeVisible();
    const box = page.getByRole('textbox', { name: 'Message' });
    await expect(box).toBeFocused();
    // Every control of the panel is reached by Tab (the panel is not modal: Tab also leaves it)
    // and shows where the focus is.
    const rings: Record<string, string> = {};
    for (let step = 0; step < 8; step++) {
      await page.keyboard.press('Tab');
      const [label, ring] = await page.evaluate(() => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        if (!active || active === document.body) return ['', ''];
        const style = getComputedStyle(active);
        const visible = style.outlineStyle !== 'none' || style.boxShadow !== 'none';
        return [active.getAttribute('aria-label') ?? active.tagName, visible ? 'ring' : 'none'];
      });
      if (label) rings[label] = ring ?? '';
    }
    expect(rings).toEqual({
      'Open chat': 'ring',
      'More options': 'ring',
      'Close chat': 'ring',
      Message: 'ring',
      Send: 'ring',
    });
    await box.focus();
    await page.keyboard.type('Typed without');
    // Shift+Enter starts a new line; Enter sends.
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('a mouse');
    await expect(box).toHaveValue('Typed without\na mouse');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('log')).toContainText('a mouse');
    await expect(page.getByRole('log')).toContainText('Reply 1');
    await expect(box).toHaveValue('');

    expect(chat.upstream.calls.map((call) => call.body['text'])).toEqual([
      'Typed without\na mouse',
    ]);

    // The menu by keyboard: Escape folds it and keeps the panel open; the next Escape closes.
    const menu = page.getByRole('button', { name: 'More options' });
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'New conversation' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'New conversation' })).toBeHidden();
    await expect(menu).toBeFocused();
    await expect(page.getByRole('dialog')).toBeVisible();

    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(launcher).toBeFocused();
    await expect(launcher).toHaveAttribute('aria-expanded', 'false');
  });

  test('reduced motion: nothing in the widget transitions or animates', async ({ page, chat }) => {
    // Without the preference the typing dots and the launcher do move: the check below has teeth.
    await openPanel(page, chat, {});
    const release = await holdReplies(page);
    await ask(page, 'Moving?');
    await expect(page.getByText('Assistant is typing…')).toBeAttached();
    expect(await motionIn(page)).not.toEqual([]);
    release();
    await expect(page.getByRole('log')).toContainText('Reply 1');

    await page.emulateMedia({ reducedMotion: 'reduce' });
    const releaseAgain = await holdReplies(page);
    await ask(page, 'Still?');
    await expect(page.getByText('Assistant is typing…')).toBeAttached();
    expect(await motionIn(page)).toEqual([]);
    releaseAgain();
    await expect(page.getByRole('log')).toContainText('Reply 2');
  });
});

test.describe('languages and strings (built bundle)', () => {
  async function expectGerman(page: Page): Promise<void> {
    const launcher = launcherOf(page, 'Chat öffnen');
    await launcher.click();
    await expect(page.getByRole('dialog', { name: 'Chat' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Chat schließen' })).toBeVisible();
    const box = page.getByRole('textbox', { name: 'Nachricht' });
    await expect(box).toHaveAttribute('placeholder', 'Nachricht eingeben');
    await expect(page.getByRole('button', { name: 'Senden' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Weitere Optionen' })).toBeVisible();
  }

  test('German by data-lang', async ({ page, chat }) => {
    await openWidgetPage(page, chat, { lang: 'de' });
    await expectGerman(page);
  });

  test('German by <html lang="de-AT">', async ({ page, chat }) => {
    await openWidgetPage(page, chat, {}, { lang: 'de-AT' });
    await expectGerman(page);
  });

  test('data-lang wins over <html lang>', async ({ page, chat }) => {
    await openWidgetPage(page, chat, { lang: 'en' }, { lang: 'de' });
    await expect(launcherOf(page, 'Open chat')).toBeVisible();
  });

  test('data-strings overrides single strings', async ({ page, chat }) => {
    await openWidgetPage(page, chat, {
      strings: JSON.stringify({ openChat: 'Talk to us', send: 'Go', placeholder: 'Your question' }),
    });
    await launcherOf(page, 'Talk to us').click();
    await expect(page.getByRole('button', { name: 'Go' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Message' })).toHaveAttribute(
      'placeholder',
      'Your question',
    );
    // Strings that were not overridden keep their defaults.
    await expect(page.getByRole('button', { name: 'Close chat' })).toBeVisible();
  });
});

test.describe('theming (built bundle)', () => {
  test('data-theme="dark" darkens the panel; light keeps it light', async ({ page, chat }) => {
    await openPanel(page, chat, { theme: 'light' });
    expect(await backgroundLuminance(page.getByRole('dialog'))).toBeGreaterThan(0.8);
    await openPanel(page, chat, { theme: 'dark' });
    expect(await backgroundLuminance(page.getByRole('dialog'))).toBeLessThan(0.1);
  });

  test('data-theme="auto" follows prefers-color-scheme', async ({ page, chat }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openPanel(page, chat, { theme: 'auto' });
    const dialog = page.getByRole('dialog');
    expect(await backgroundLuminance(dialog)).toBeLessThan(0.1);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => backgroundLuminance(dialog)).toBeGreaterThan(0.8);
  });

  test('data-primary-color colours the launcher with a readable icon colour', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(page, chat, { 'primary-color': '#8a2be2' });
    const launcher = launcherOf(page);
    await expect(launcher).toHaveCSS('background-color', 'rgb(138, 43, 226)');
    await expect.poll(() => srgbOf(launcher, 'color')).toEqual([255, 255, 255]);
    await openWidgetPage(page, chat, { 'primary-color': '#ffd700' });
    await expect(launcher).toHaveCSS('background-color', 'rgb(255, 215, 0)');
    await expect.poll(() => srgbOf(launcher, 'color')).toEqual([0, 0, 0]);
    // Any colour syntax the browser knows, which a script could not read back as sRGB.
    await openWidgetPage(page, chat, { 'primary-color': 'oklch(0.3 0.1 270)' });
    await expect.poll(() => srgbOf(launcher, 'color')).toEqual([255, 255, 255]);
  });

  test('the text on any primary colour reaches 4.5:1, around the luminance where the choice flips', async ({
    page,
    chat,
  }) => {
    // Greys and saturated colours of relative luminance 0.17-0.20, where white and a dark text
    // colour contrast about equally (white and black both give 4.58:1 at 0.1791; with a dark grey
    // instead of black, this band got 4.3:1 whichever was chosen).
    for (const primary of [
      '#747474',
      '#767676',
      '#787878',
      '#797979',
      '#7a7a7a',
      '#7c7c7c',
      '#009000',
      '#5a6cff',
      '#c05a00',
      '#008a8a',
      '#a05cd0',
      '#e0008f',
    ]) {
      await openWidgetPage(page, chat, { 'primary-color': primary });
      const launcher = launcherOf(page);
      const text = await srgbOf(launcher, 'color');
      const background = await srgbOf(launcher, 'background-color');
      expect(
        contrast(text, background),
        `${primary}: text ${text.join(',')}`,
      ).toBeGreaterThanOrEqual(4.5);
    }
  });

  test("the launcher and the panel stack at the README's z-index, 2147483000", async ({
    page,
    chat,
  }) => {
    // The CSS minifier rounds long numbers in custom properties (2147480000); the build puts the
    // exact one back (vite.config.ts, exactCssNumbers).
    await openWidgetPage(page, chat, {});
    const launcher = launcherOf(page);
    await expect(launcher).toHaveCSS('z-index', '2147483000');
    await launcher.click();
    await expect(page.getByRole('dialog')).toHaveCSS('z-index', '2147483000');
  });

  test('--chatlet-* custom properties and ::part() hooks style the widget from the page', async ({
    page,
    chat,
  }) => {
    await page.setViewportSize({ width: 1200, height: 800 });
    await openWidgetPage(
      page,
      chat,
      {},
      {
        head: `<style>
          chatlet-widget {
            --chatlet-primary: rgb(0, 90, 60);
            --chatlet-launcher-size: 64px;
            --chatlet-offset: 32px;
            --chatlet-z-index: 77;
            --chatlet-font: Georgia, serif;
            --chatlet-panel-width: 420px;
          }
          chatlet-widget::part(header) { background-color: rgb(10, 20, 30); }
          chatlet-widget::part(input) { background-color: rgb(250, 240, 230); }
          chatlet-widget::part(message user) { outline: 2px solid rgb(200, 0, 0); }
        </style>`,
      },
    );
    const launcher = launcherOf(page);
    await expect(launcher).toHaveCSS('background-color', 'rgb(0, 90, 60)');
    await expect(launcher).toHaveCSS('width', '64px');
    await expect(launcher).toHaveCSS('right', '32px');
    await expect(launcher).toHaveCSS('z-index', '77');
    await launcher.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toHaveCSS('width', '420px');
    await expect(dialog).toHaveCSS('font-family', 'Georgia, serif');
    await expect(page.locator('chatlet-widget [part="header"]')).toHaveCSS(
      'background-color',
      'rgb(10, 20, 30)',
    );
    await expect(page.getByRole('textbox', { name: 'Message' })).toHaveCSS(
      'background-color',
      'rgb(250, 240, 230)',
    );
    await ask(page, 'Styled by the page');
    await expect(page.getByRole('log').locator('[part~="user"]')).toHaveCSS(
      'outline-color',
      'rgb(200, 0, 0)',
    );
    // Every documented part is there to be styled.
    for (const part of ['launcher', 'panel', 'header', 'messages', 'composer', 'input', 'send']) {
      await expect(page.locator(`chatlet-widget [part~="${part}"]`), part).toHaveCount(1);
    }
    await expect(page.locator('chatlet-widget [part~="message"][part~="assistant"]')).toHaveCount(
      1,
    );
  });
});
