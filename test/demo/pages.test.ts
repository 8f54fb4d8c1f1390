import { readFile, readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/demo/answer.ts';

const publicDir = new URL('../../public/', import.meta.url);
const read = (name: string) => readFile(new URL(name, publicDir), 'utf8');

/** The data attributes of the page's Chatlet script tag. */
function scriptTag(html: string): Record<string, string> {
  const tag = /<script\s[^>]*src="\/chatlet\.js"[^>]*>/s.exec(html)?.[0] ?? '';
  return Object.fromEntries(
    [...tag.matchAll(/data-([a-z-]+)="([^"]*)"/g)].map((match) => [match[1], match[2]]),
  );
}

/** The questions a page suggests, from its list with class "questions". */
function suggestedQuestions(html: string): string[] {
  const list = /<ul class="questions">(.*?)<\/ul>/s.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li>(.*?)<\/li>/gs)].map((match) =>
    (match[1] ?? '')
      .replace(/<[^>]*>.*?<\/[^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

const PAGES = [
  // `questions`: the language of the suggested questions; the home page mixes English and German.
  { file: 'index.html', lang: 'en', dataLang: undefined, topic: undefined, questions: undefined },
  { file: 'billing.html', lang: 'en', dataLang: undefined, topic: 'billing', questions: 'en' },
  { file: 'versand.html', lang: 'de', dataLang: 'de', topic: 'shipping', questions: 'de' },
] as const;

describe('the demo pages', () => {
  it.each(PAGES)('$file loads the widget from this origin with its topic', async (page) => {
    const html = await read(page.file);
    expect(html).toContain(`<html lang="${page.lang}">`);
    const data = scriptTag(html);
    expect(data['endpoint']).toBe('/chat');
    expect(data['title']).toBeTruthy();
    expect(data['kb-topic']).toBe(page.topic);
    expect(data['lang']).toBe(page.dataLang);
  });

  it.each(PAGES)('$file is a landmarked page that links to the others', async (page) => {
    const html = await read(page.file);
    for (const landmark of ['<header', '<nav aria-label=', '<main id="main"', '<footer']) {
      expect(html).toContain(landmark);
    }
    expect(html.match(/<h1>/g)).toHaveLength(1);
    for (const other of PAGES) {
      const href = other.file === 'index.html' ? '/' : `/${other.file}`;
      expect(html).toContain(`href="${href}"`);
    }
  });

  it.each(PAGES)('every question $file suggests is answered from an article', async (page) => {
    const questions = suggestedQuestions(await read(page.file));
    expect(questions.length).toBeGreaterThanOrEqual(3);
    const answers = questions.map((text) => {
      const result = answer({ text, kbTopic: page.topic });
      return { text, answered: result.articleId !== undefined, language: result.language };
    });
    expect(answers.filter((result) => !result.answered)).toEqual([]);
    const inOtherLanguage = answers.filter(
      (result) => page.questions !== undefined && result.language !== page.questions,
    );
    expect(inOtherLanguage).toEqual([]);
  });

  it('the off-topic question of each topic page falls back there but is answered at home', async () => {
    const offTopic = [
      { text: 'How do I reset my password?', topic: 'billing' },
      { text: 'Wie kann ich mit PayPal bezahlen?', topic: 'shipping' },
    ];
    for (const { text, topic } of offTopic) {
      expect(answer({ text, kbTopic: topic }).articleId).toBeUndefined();
      expect(answer({ text }).articleId).toBeDefined();
    }
    expect(await read('billing.html')).toContain('How do I reset my password?');
    expect(await read('versand.html')).toContain('Wie kann ich mit PayPal bezahlen?');
  });

  it('load nothing from other origins', async () => {
    for (const file of await readdir(publicDir)) {
      const text = await read(file);
      expect({ file, external: /(src|href)="(https?:)?\/\//.test(text) }).toEqual({
        file,
        external: false,
      });
      expect({ file, imports: /@import|url\(\s*['"]?(https?:)?\/\//.test(text) }).toEqual({
        file,
        imports: false,
      });
    }
  });

  it('each name the favicon the folder holds, so a browser asks for no missing /favicon.ico', async () => {
    const files = await readdir(publicDir);
    expect(files).toContain('favicon.svg');
    for (const file of files.filter((name) => name.endsWith('.html'))) {
      expect({
        file,
        icon: (await read(file)).includes('<link rel="icon" href="/favicon.svg"'),
      }).toEqual({
        file,
        icon: true,
      });
    }
  });
});
