import { readFileSync } from 'node:fs';
import { XSS_PAYLOADS } from '../test/ui/rich-text/xss-payloads.ts';
import { scriptTag } from './support/pages.ts';
import { openHostPage } from './support/host-page.ts';
import { setPageTraps } from './support/page-traps.ts';
import { expect, test } from './support/reply-upstream.ts';

/**
 * Hostile input: every reply of the corpus — the XSS payloads the unit tests use plus
 * the Big List of Naughty Strings (e2e/fixtures/blns.json, MIT, see blns.SOURCE.md) — goes from a
 * stand-in upstream through the real proxy to the built widget in Chromium, and must run nothing,
 * load nothing, leave no handler or unsafe URL in the DOM, and stay readable.
 */

interface Case {
  /** Where it comes from, for failure messages. */
  name: string;
  reply: string;
  /** Text that must be readable in the rendered reply. */
  keeps?: string;
}

const BLNS = JSON.parse(
  readFileSync(new URL('fixtures/blns.json', import.meta.url), 'utf8'),
) as string[];

/**
 * A naughty string that RichText must show as it is: no markup, markdown, entity or URL syntax
 * (those are the XSS payloads' business) and no control characters.
 */
const isPlainText = (text: string): boolean =>
  text.trim() !== '' &&
  !/[<>&*_`[\]\\~#|!()@]|https?:|www\./.test(text) &&
  !/^\s*(?:[-+*]|\d+[.)])\s/m.test(text) &&
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is excluded
  !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text);

const CORPUS: Case[] = [
  ...XSS_PAYLOADS.map((payload, index) => ({ name: `XSS_PAYLOADS[${index}]`, ...payload })),
  ...BLNS.map((text, index) =>
    isPlainText(text)
      ? // RichText drops private-use characters, its slot markers (rich-text/parse-reply.ts).
        { name: `blns[${index}]`, reply: text, keeps: text.replace(/[\ue000-\uf8ff]/g, '') }
      : { name: `blns[${index}]`, reply: text },
  ),
];

const widgetTag = scriptTag({ endpoint: '/chat', title: 'Help' });

/** Replies per page load: the log keeps its 100 newest messages, a reply and a question each. */
const BATCH = 44;
const batches: Case[][] = [];
for (let start = 0; start < CORPUS.length; start += BATCH) {
  batches.push(CORPUS.slice(start, start + BATCH));
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** One rendered reply: its question's number and the reply's text as a visitor reads it. */
interface Rendered {
  id: number;
  text: string;
}

/**
 * Runs in the page. Lists everything unsafe: event-handler attributes anywhere (document and shadow
 * roots), elements that run or load things in the widget, anything but allowlisted rich text in
 * replies, unsafe `href`s, URL-bearing attributes, and elements added to the host page.
 */
function auditPage(): { problems: string[]; replies: Rendered[] } {
  const problems: string[] = [];
  const everything = (scope: Document | ShadowRoot): Element[] =>
    [...scope.querySelectorAll('*')].flatMap((element) =>
      element.shadowRoot ? [element, ...everything(element.shadowRoot)] : [element],
    );
  const describe = (element: Element): string => element.outerHTML.slice(0, 160);

  for (const element of everything(document)) {
    for (const { name } of element.attributes) {
      if (/^on/i.test(name)) problems.push(`handler attribute ${name}: ${describe(element)}`);
    }
  }
  // The host page as served, plus the widget's one host element (on <html> or <body>).
  const tagsOf = (element: Element): string =>
    [...element.children]
      .map((child) => child.tagName)
      .filter((tag) => tag !== 'CHATLET-WIDGET')
      .join(' ');
  const layout = [document.documentElement, document.head, document.body].map(tagsOf).join(' | ');
  if (layout !== 'HEAD BODY | META TITLE | MAIN SCRIPT') problems.push(`page changed: ${layout}`);
  if (document.querySelectorAll('chatlet-widget').length !== 1) problems.push('not one widget');

  const root = document.querySelector('chatlet-widget')?.shadowRoot;
  const log = root?.querySelector('[role="log"]');
  if (!root || !log) return { problems: [...problems, 'no widget log'], replies: [] };

  const LOADS =
    /^(script|iframe|frame|frameset|object|embed|applet|img|image|picture|video|audio|source|track|style|link|meta|base|math|template|noscript|input|select|keygen|isindex|marquee|details|foreignobject|animate|set|use|canvas|portal|fencedframe)$/i;
  for (const element of everything(root)) {
    if (LOADS.test(element.tagName)) problems.push(`<${element.tagName}> in the widget`);
    for (const { name, value } of element.attributes) {
      if (/^(href|xlink:href)$/i.test(name) && !/^(https?|mailto|tel):/i.test(value)) {
        problems.push(`unsafe ${name}: ${describe(element)}`);
      }
      if (/^(src|srcset|srcdoc|action|formaction|data|poster|background|ping)$/i.test(name)) {
        problems.push(`URL attribute ${name}: ${describe(element)}`);
      }
    }
    // The widget's own icons: decorative SVG outside the log, nothing else.
    if (element.tagName.toLowerCase() === 'svg') {
      if (log.contains(element) || element.getAttribute('aria-hidden') !== 'true') {
        problems.push(`foreign <svg>: ${describe(element)}`);
      }
    }
  }

  // Inside each reply only RichText's allowlist, with a safe link's three attributes.
  const ALLOWED = /^(P|BR|STRONG|EM|A|UL|OL|LI|CODE|PRE)$/;
  const replies: Rendered[] = [];
  const items = [...log.children];
  items.forEach((item, index) => {
    if (!item.matches('.message.assistant')) return;
    const wrapper = item.querySelector('.bubble > div');
    if (!wrapper) {
      problems.push(`reply without its rich-text wrapper: ${describe(item)}`);
      return;
    }
    // RichText's own wrapper carries dir="auto" (a reply laid out in its own direction), no more.
    const ownDir = wrapper.attributes.length === 1 && wrapper.getAttribute('dir') === 'auto';
    if (!ownDir) problems.push(`wrapper attributes: ${describe(wrapper)}`);
    for (const element of wrapper.querySelectorAll('*')) {
      // The widget's own Copy beside a code block: a div.code around the <pre>, its last child a
      // button with exactly these attributes. The parser never emits a div, a class or a button.
      const names = element.getAttributeNames().sort().join();
      if (element.tagName === 'DIV' && names === 'class' && element.className === 'code') continue;
      if (
        element.matches('.code > pre + button.chip:last-child') &&
        names === 'aria-label,class,type'
      ) {
        continue;
      }
      // A code block reads left to right in every language and is a tab stop, so the keyboard can
      // scroll it (WCAG 2.1.1): the renderer's own two attributes, with these values only.
      if (
        element.tagName === 'PRE' &&
        element.getAttributeNames().join() === 'dir,tabindex' &&
        element.getAttribute('dir') === 'ltr' &&
        element.getAttribute('tabindex') === '0'
      ) {
        continue;
      }
      if (!ALLOWED.test(element.tagName)) problems.push(`<${element.tagName}> in a reply`);
      const present = element.getAttributeNames();
      const expected = element.tagName === 'A' ? ['href', 'rel', 'target'] : [];
      if (present.length !== expected.length || !expected.every((name) => present.includes(name))) {
        problems.push(`attributes in a reply: ${describe(element)}`);
      }
      if (
        element.tagName === 'A' &&
        (element.getAttribute('target') !== '_blank' ||
          element.getAttribute('rel') !== 'noopener noreferrer')
      ) {
        problems.push(`link without target=_blank rel="noopener noreferrer": ${describe(element)}`);
      }
    }
    const question = items[index - 1]?.querySelector('.bubble')?.textContent ?? '';
    const id = /case (\d+)$/.exec(question)?.[1];
    if (id === undefined) problems.push(`reply without its question: ${describe(item)}`);
    else replies.push({ id: Number(id), text: wrapper.textContent ?? '' });
  });
  return { problems, replies };
}

test.describe('the XSS corpus through the real proxy into the built widget', () => {
  test('the corpus: every payload plus the Big List of Naughty Strings', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
    expect(BLNS.length).toBeGreaterThan(400);
    expect(CORPUS.filter((item) => item.keeps !== undefined).length).toBeGreaterThan(200);
  });

  test('the checks catch what they look for: a handler that runs, an unsafe link, a request', async ({
    page,
    replying,
  }) => {
    const traps = await setPageTraps(page);
    replying.upstream.answer = () => 'A harmless reply';
    await openHostPage(page, replying.url, { script: widgetTag });
    await page.waitForFunction(() => window.Chatlet !== undefined);
    await page.evaluate(() => {
      window.Chatlet?.open();
      window.Chatlet?.send('case 0');
    });
    await expect.poll(async () => (await page.evaluate(auditPage)).replies.length).toBe(1);
    expect((await page.evaluate(auditPage)).problems).toEqual([]);

    // What a broken renderer would produce, built here with DOM calls.
    await page.evaluate(() => {
      const root = document.querySelector('chatlet-widget')?.shadowRoot;
      const reply = root?.querySelector('[role="log"] .assistant .bubble > div');
      const image = document.createElement('img');
      image.setAttribute('src', '/planted.png');
      image.setAttribute('onerror', 'alert("planted")');
      const link = document.createElement('a');
      link.setAttribute('href', 'javascript:void 0');
      reply?.append(image, link);
    });
    await expect.poll(async () => (await traps.report()).pwned).toEqual(['alert(planted)']);
    const { problems } = await page.evaluate(auditPage);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('handler attribute onerror'),
        '<IMG> in the widget',
        expect.stringContaining('unsafe href'),
        expect.stringContaining('URL attribute src'),
        '<IMG> in a reply',
      ]),
    );
    expect((await traps.report()).requests).toContain(new URL('/planted.png', replying.url).href);
  });

  batches.forEach((batch, number) => {
    const first = number * BATCH;
    test(`replies ${first}–${first + batch.length - 1} (${batch[0]?.name} to ${batch.at(-1)?.name}) run nothing, load nothing and stay readable`, async ({
      page,
      replying,
    }) => {
      const traps = await setPageTraps(page);
      replying.upstream.answer = (text) => {
        const item = CORPUS[Number(/^case (\d+)$/.exec(text)?.[1])];
        return item?.reply ?? 'unexpected question';
      };
      await openHostPage(page, replying.url, { script: widgetTag });
      const pageUrl = page.url();
      await page.waitForFunction(() => window.Chatlet !== undefined);
      await page.evaluate(
        ([from, count]) => {
          window.Chatlet?.open();
          for (let id = from; id < from + count; id += 1) window.Chatlet?.send(`case ${id}`);
        },
        [first, batch.length] as const,
      );
      await expect
        .poll(() => replying.upstream.texts.length, { timeout: 20_000 })
        .toBe(batch.length);
      await expect
        .poll(async () => (await page.evaluate(auditPage)).replies.length, { timeout: 20_000 })
        .toBe(batch.length);

      const { problems, replies } = await page.evaluate(auditPage);
      expect(problems).toEqual([]);
      expect(replies.map((reply) => reply.id)).toEqual(batch.map((_, index) => first + index));
      const unreadable = replies.flatMap(({ id, text }) => {
        const keeps = CORPUS[id]?.keeps;
        return keeps === undefined || collapse(text).includes(collapse(keeps))
          ? []
          : [`${CORPUS[id]?.name}: ${JSON.stringify(keeps)} rendered as ${JSON.stringify(text)}`];
      });
      expect(unreadable).toEqual([]);

      const report = await traps.report();
      expect(report.pwned).toEqual([]);
      expect(report.dialogs).toEqual([]);
      expect(report.violations).toEqual([]);
      expect(report.pageErrors).toEqual([]);
      expect(page.url()).toBe(pageUrl);
      // Only the page, the two stages of the widget (the panel with its language) and the chat route:
      // nothing a payload names.
      const origin = new URL(replying.url).origin;
      const foreign = report.requests.filter(
        (url) =>
          url !== pageUrl &&
          url !== `${origin}/chatlet.js` &&
          !url.startsWith(`${origin}/chatlet-panel-en.js?v=`) &&
          url !== `${origin}/chat`,
      );
      expect(foreign).toEqual([]);
    });
  });
});
