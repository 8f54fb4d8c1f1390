import { ChatletError } from './errors.ts';
import { LIMITS } from './protocol.ts';

/** Languages with a full set of UI strings. */
export const LANGUAGES = ['en', 'de'] as const;
/** A language Chatlet speaks. */
export type Language = (typeof LANGUAGES)[number];

/**
 * The widget's public options. Each is also a `data-*` attribute of the script tag, the same name in
 * kebab-case (`kbTopic` ↔ `data-kb-topic`).
 */
export interface ChatletOptions {
  /** URL of the chat route of your Chatlet proxy, e.g. `https://chat.example.com/chat`. Required. */
  endpoint: string;
  /**
   * Knowledge-base topic sent as `client_metadata.kb_topic` with every message, so the assistant
   * answers from the articles tagged with it.
   * @default undefined (no topic)
   */
  kbTopic?: string;
  /**
   * Heading of the chat panel.
   * @default "Chat" / "Chat"
   */
  title?: string;
  /**
   * Language of the widget's own strings: `en` or `de`.
   * @default the page's `<html lang>`, else `en`
   */
  lang?: string;
  /**
   * Extra context sent with every message as `message_context` (at most 1,000 characters).
   * @default undefined
   */
  messageContext?: string;
  /**
   * How many messages the widget keeps in its stored history.
   * @default 100
   */
  historyLimit?: number;
  /**
   * How long to wait for the proxy's answer, in milliseconds.
   * @default 30000
   */
  timeoutMs?: number;
}

/** Options after {@link resolveOptions}: every field filled in and checked. */
export interface ResolvedOptions {
  endpoint: string;
  kbTopic: string | undefined;
  title: string | undefined;
  lang: Language;
  messageContext: string | undefined;
  historyLimit: number;
  timeoutMs: number;
}

/** Defaults of the optional settings. */
export const DEFAULTS = {
  historyLimit: 100,
  timeoutMs: 30_000,
} as const;

/** Picks the first supported language among the candidates (`de-AT` → `de`), else English. */
export function pickLanguage(...candidates: Array<string | undefined | null>): Language {
  for (const candidate of candidates) {
    const base = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    const match = LANGUAGES.find((language) => language === base);
    if (match) return match;
  }
  return 'en';
}

const config = (message: string): ChatletError => new ChatletError('config', message);

/**
 * Validates the options once and fills in the defaults. Throws a `config` {@link ChatletError} whose
 * message names the attribute and says how to fix it.
 */
export function resolveOptions(options: ChatletOptions, pageLang?: string): ResolvedOptions {
  const endpoint = options.endpoint?.trim();
  if (!endpoint) {
    throw config(
      'Missing endpoint: set data-endpoint on the script tag (or the `endpoint` option) to the URL of your Chatlet proxy, e.g. https://chat.example.com/chat.',
    );
  }
  if (!/^(https?:\/\/|\/)/i.test(endpoint)) {
    throw config(
      `Invalid endpoint "${endpoint}": data-endpoint must be an http(s) URL or a path starting with "/".`,
    );
  }
  const messageContext = options.messageContext;
  if (messageContext !== undefined && messageContext.length > LIMITS.messageContextChars) {
    throw config(
      `data-message-context is ${messageContext.length} characters long; shorten it to at most ${LIMITS.messageContextChars}.`,
    );
  }
  const historyLimit = options.historyLimit ?? DEFAULTS.historyLimit;
  if (!Number.isInteger(historyLimit) || historyLimit < 1) {
    throw config(`Invalid data-history-limit "${historyLimit}": use a whole number of at least 1.`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw config(`Invalid data-timeout-ms "${timeoutMs}": use a positive number of milliseconds.`);
  }
  return {
    endpoint,
    kbTopic: options.kbTopic?.trim() || undefined,
    title: options.title?.trim() || undefined,
    lang: pickLanguage(options.lang, pageLang),
    messageContext: messageContext || undefined,
    historyLimit,
    timeoutMs,
  };
}
