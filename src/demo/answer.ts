import { ARTICLES, TOPIC_NAMES, type Article, type DemoLanguage } from './knowledge-base.ts';
import { detectLanguage } from './language.ts';
import { keywordWeight, normalize } from './text-match.ts';

/** What the demo assistant answers from. */
export interface AnswerInput {
  /** The visitor's message. */
  text: string;
  /** `client_metadata.kb_topic`: when set, only articles tagged with it are considered. */
  kbTopic?: string | undefined;
  /** Quickchat's `message_context`; acknowledged at the end of the reply so it is visible. */
  messageContext?: string | undefined;
  /** The language of the conversation so far, for messages that give no hint of their own. */
  previousLanguage?: DemoLanguage | undefined;
}

/** The demo assistant's answer to one message. */
export interface Answer {
  /** The reply, with `<br>` line breaks and occasional light markdown, as Quickchat replies have. */
  reply: string;
  /** The language the reply is in. */
  language: DemoLanguage;
  /** The article answered from; `undefined` for a greeting or the fallback. */
  articleId: string | undefined;
}

const GREETING =
  /^(hi|hello|hey|hallo|moin|servus|good (morning|afternoon|evening)|guten (morgen|tag|abend))( there)?$/;
const CONTEXT_CHARS = 120;

/**
 * Answers `input.text` from the article whose keywords match it best, among the articles tagged
 * with `input.kbTopic` (all articles when no topic is given), in the visitor's language. Pure and
 * deterministic: ties go to the article listed first.
 */
export function answer(input: AnswerInput, articles: readonly Article[] = ARTICLES): Answer {
  const text = normalize(input.text);
  const topic = input.kbTopic?.trim().toLowerCase() || undefined;
  const scope =
    topic === undefined ? articles : articles.filter((article) => article.topics.includes(topic));
  const language =
    detectLanguage(input.text) ?? input.previousLanguage ?? keywordLanguage(text, articles) ?? 'en';

  let best: Article | undefined;
  let bestScore = 0;
  for (const article of scope) {
    const score = keywordsOf(article).reduce(
      (sum, keyword) => sum + keywordWeight(text, keyword),
      0,
    );
    if (score > bestScore) [best, bestScore] = [article, score];
  }

  let reply: string;
  if (best !== undefined) reply = best.body[language].join('<br>');
  else if (GREETING.test(text)) reply = greeting(language, topic, scope, articles);
  else reply = fallback(language, topic, scope, articles);
  if (input.messageContext?.trim()) {
    reply += `<br><br>${contextNote(language, input.messageContext)}`;
  }
  return { reply, language, articleId: best?.id };
}

const keywordCache = new WeakMap<Article, readonly string[]>();

/**
 * An article's keywords of both languages, each once: loanwords such as "upgrade" are listed in
 * both, and must not count twice.
 */
function keywordsOf(article: Article): readonly string[] {
  let keywords = keywordCache.get(article);
  if (keywords === undefined) {
    keywords = [...new Set([...article.keywords.en, ...article.keywords.de].map(normalize))];
    keywordCache.set(article, keywords);
  }
  return keywords;
}

/** The language whose keywords the text matches more of, e.g. "Versandkosten?" → German. */
function keywordLanguage(text: string, articles: readonly Article[]): DemoLanguage | undefined {
  const hits = (language: DemoLanguage): number =>
    articles.reduce(
      (sum, article) =>
        sum + article.keywords[language].filter((keyword) => keywordWeight(text, keyword)).length,
      0,
    );
  const [en, de] = [hits('en'), hits('de')];
  return en === de ? undefined : en > de ? 'en' : 'de';
}

function greeting(
  language: DemoLanguage,
  topic: string | undefined,
  scope: readonly Article[],
  all: readonly Article[],
): string {
  const offer = whatICanDo(language, topic, scope, all);
  return language === 'de'
    ? `Hallo! Ich bin der Demo-Assistent von Chatlet.<br>${offer}`
    : `Hi! I'm the Chatlet demo assistant.<br>${offer}`;
}

function fallback(
  language: DemoLanguage,
  topic: string | undefined,
  scope: readonly Article[],
  all: readonly Article[],
): string {
  const offer = whatICanDo(language, topic, scope, all);
  if (topic !== undefined && scope.length === 0) {
    const name = escapeHtml(topic);
    return language === 'de'
      ? `Zum Thema „${name}“ habe ich keine Artikel.<br>${offer}`
      : `I have no articles on the topic “${name}”.<br>${offer}`;
  }
  if (topic !== undefined) {
    const name = topicName(topic, language);
    return language === 'de'
      ? `Dazu finde ich leider nichts im Bereich „${name}“.<br>${offer}`
      : `Sorry, I found nothing about that under “${name}”.<br>${offer}`;
  }
  return language === 'de'
    ? `Dazu weiß ich leider noch nichts.<br>${offer}`
    : `Sorry, I don't know about that yet.<br>${offer}`;
}

/** Under a topic: the titles of its articles. Otherwise: the topics the knowledge base covers. */
function whatICanDo(
  language: DemoLanguage,
  topic: string | undefined,
  scope: readonly Article[],
  all: readonly Article[],
): string {
  if (topic !== undefined && scope.length > 0) {
    const titles = listOf(
      scope.map((article) => article.title[language]),
      language,
    );
    return language === 'de'
      ? `Hier kann ich Ihnen helfen mit: ${titles}.`
      : `Here I can help you with: ${titles}.`;
  }
  const covered = new Set(all.flatMap((article) => article.topics));
  const topics = listOf(
    Object.keys(TOPIC_NAMES)
      .filter((name) => covered.has(name))
      .map((name) => topicName(name, language)),
    language,
  );
  return language === 'de' ? `Fragen Sie mich zu ${topics}.` : `Ask me about ${topics}.`;
}

function contextNote(language: DemoLanguage, context: string): string {
  const trimmed = context.trim();
  const short = trimmed.length > CONTEXT_CHARS ? `${trimmed.slice(0, CONTEXT_CHARS)}…` : trimmed;
  return language === 'de'
    ? `(Mitgegebener Kontext: „${escapeHtml(short)}“)`
    : `(Context I was given: “${escapeHtml(short)}”)`;
}

function topicName(topic: string, language: DemoLanguage): string {
  return TOPIC_NAMES[topic]?.[language] ?? escapeHtml(topic);
}

function listOf(items: readonly string[], language: DemoLanguage): string {
  if (items.length <= 1) return items.join('');
  const and = language === 'de' ? ' und ' : ' and ';
  return `${items.slice(0, -1).join(', ')}${and}${items.at(-1)}`;
}

// The reply is HTML-ish (Quickchat sends `<br>`), so visitor-supplied text echoed into it is escaped.
function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
