import { describe, expect, it } from 'vitest';
import { answer } from '../../src/demo/answer.ts';
import { detectLanguage } from '../../src/demo/language.ts';
import { ARTICLES, TOPIC_NAMES, type Article } from '../../src/demo/knowledge-base.ts';

describe('the demo knowledge base', () => {
  it('has a dozen or more articles with distinct ids', () => {
    expect(ARTICLES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(ARTICLES.map((article) => article.id)).size).toBe(ARTICLES.length);
  });

  it.each(ARTICLES.map((article) => [article.id, article] as const))(
    'article %s is tagged with known topics and written in English and German',
    (_id, article) => {
      expect(article.topics.length).toBeGreaterThan(0);
      for (const topic of article.topics) expect(Object.keys(TOPIC_NAMES)).toContain(topic);
      for (const language of ['en', 'de'] as const) {
        expect(article.keywords[language].length).toBeGreaterThan(0);
        expect(article.body[language].length).toBeGreaterThan(0);
        expect(article.title[language]).not.toBe('');
      }
    },
  );

  it('covers billing and shipping with several articles each', () => {
    const tagged = (topic: string) => ARTICLES.filter((article) => article.topics.includes(topic));
    expect(tagged('billing').length).toBeGreaterThanOrEqual(3);
    expect(tagged('shipping').length).toBeGreaterThanOrEqual(3);
  });
});

describe('answer', () => {
  it('answers from the best-matching article, with <br> between lines', () => {
    const result = answer({ text: 'How much does shipping cost?' });
    expect(result.articleId).toBe('shipping-costs');
    expect(result.language).toBe('en');
    expect(result.reply).toContain('<br>');
    expect(result.reply).toContain('€4.90');
  });

  it('answers in German when the visitor writes German', () => {
    const result = answer({ text: 'Wie lange dauert die Lieferung?' });
    expect(result).toMatchObject({ articleId: 'delivery-times', language: 'de' });
    expect(result.reply).toContain('Werktag');
  });

  it('matches German compounds and umlauts typed out', () => {
    expect(answer({ text: 'Meine Jahresrechnung fehlt' }).articleId).toBe('invoices');
    expect(answer({ text: 'Wann kommt die Rueckerstattung?' }).articleId).toBe('refunds');
    expect(answer({ text: 'Rücksendung' })).toMatchObject({
      articleId: 'return-policy',
      language: 'de',
    });
  });

  it('does not let a short keyword match inside an unrelated word', () => {
    // "abo" (German for subscription) must not match "about".
    expect(answer({ text: 'Tell me about it' }).articleId).toBeUndefined();
  });

  it('considers only the articles tagged with kb_topic', () => {
    const question = 'How do I reset my password?';
    expect(answer({ text: question }).articleId).toBe('password');
    const underBilling = answer({ text: question, kbTopic: 'billing' });
    expect(underBilling.articleId).toBeUndefined();
    expect(underBilling.reply).toContain('“billing”');
    // The fallback lists what this topic does cover.
    expect(underBilling.reply).toContain('Invoices');
    expect(underBilling.reply).toContain('Payment methods');
    expect(underBilling.reply).not.toContain('Password');
  });

  it('picks a different article for the same words under another topic', () => {
    // "Return label" is tagged shipping and returns; "refund" only billing and returns.
    const text = 'I want my money back and a return label';
    expect(answer({ text, kbTopic: 'shipping' }).articleId).toBe('return-label');
    expect(answer({ text, kbTopic: 'billing' }).articleId).toBe('refunds');
  });

  it('falls back in German under a topic, naming the topic in German', () => {
    const result = answer({ text: 'Wie ändere ich mein Passwort?', kbTopic: 'shipping' });
    expect(result.articleId).toBeUndefined();
    expect(result.language).toBe('de');
    expect(result.reply).toContain('„Versand“');
    expect(result.reply).toContain('Versandkosten');
  });

  it('says which topics it knows when kb_topic tags no article', () => {
    const result = answer({ text: 'Invoice?', kbTopic: '<weather>' });
    expect(result.articleId).toBeUndefined();
    expect(result.reply).toContain('&lt;weather&gt;');
    expect(result.reply).not.toContain('<weather>');
    expect(result.reply).toMatch(/billing, shipping/);
  });

  it('greets back and lists the topics when greeted', () => {
    expect(answer({ text: 'Hallo' }).reply).toMatch(/^Hallo! .*<br>Fragen Sie mich zu /);
    expect(answer({ text: 'Hi!', kbTopic: 'billing' }).reply).toMatch(
      /^Hi! .*<br>Here I can help you with: Invoices, /,
    );
  });

  it('keeps the conversation language for a message without a hint', () => {
    expect(answer({ text: 'PayPal?', previousLanguage: 'de' }).language).toBe('de');
    expect(answer({ text: 'PayPal?' }).language).toBe('en');
    // Without a conversation language, the keywords it matched decide.
    expect(answer({ text: 'Versandkosten?' }).language).toBe('de');
  });

  it('shows light markdown in some articles so rich rendering is visible', () => {
    expect(answer({ text: 'Can I pay with PayPal?' }).reply).toContain('**Visa, Mastercard');
    expect(answer({ text: 'What about my personal data and GDPR?' }).reply).toMatch(
      /\[privacy notice\]\(https:\/\/example\.com\/privacy\)/,
    );
  });

  it('acknowledges message_context, escaped and shortened', () => {
    const result = answer({
      text: 'Where is my parcel?',
      messageContext: `<b>VIP</b> ${'x'.repeat(300)}`,
    });
    expect(result.reply).toContain('(Context I was given: “&lt;b&gt;VIP&lt;/b&gt; xxx');
    expect(result.reply).toContain('…”)');
    expect(result.reply.length).toBeLessThan(500);
  });

  it('counts a keyword listed in both languages once', () => {
    const article = (id: string, en: string[], de: string[]): Article => ({
      id,
      topics: ['billing'],
      title: { en: id, de: id },
      keywords: { en, de },
      body: { en: [id], de: [id] },
    });
    const loanword = article('loanword', ['upgrade'], ['upgrade']);
    const twoHits = article('two-hits', ['upgrade'], ['pgrad']);
    expect(answer({ text: 'upgrade' }, [loanword, twoHits]).articleId).toBe('two-hits');
  });

  it('gives the same answer to the same input', () => {
    const input = { text: 'Versandkosten in die Schweiz?', kbTopic: 'shipping' };
    expect(answer(input)).toEqual(answer(input));
  });
});

describe('detectLanguage', () => {
  it('tells German from English by umlauts and common words', () => {
    expect(detectLanguage('Wo ist mein Paket?')).toBe('de');
    expect(detectLanguage('Größe')).toBe('de');
    expect(detectLanguage('Where is my parcel?')).toBe('en');
    expect(detectLanguage('PayPal')).toBeUndefined();
  });
});
