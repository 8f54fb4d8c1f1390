import { ChatletError } from './errors.ts';
import { resolveLanguage, type Language } from './languages.ts';
import { checkEndpoint, checkPrimaryColor } from './launcher-checks.ts';
import { LIMITS, type ClientMetadata } from './protocol.ts';
import type { StringOverrides } from './string-keys.ts';

export { checkEndpoint, checkPrimaryColor } from './launcher-checks.ts';

/** Page facts the widget can attach as `client_metadata` when `pageFields` asks for them. */
export const PAGE_FIELDS = ['path', 'title', 'lang', 'referrer'] as const;
/** One page fact the widget can attach. */
export type PageField = (typeof PAGE_FIELDS)[number];

/** Colour schemes of the widget; `auto` follows `prefers-color-scheme`. */
export const THEMES = ['light', 'dark', 'auto'] as const;
/** A colour scheme of the widget. */
export type Theme = (typeof THEMES)[number];

/** Corners the launcher can sit in. */
export const POSITIONS = ['right', 'left'] as const;
/** The corner the launcher sits in. */
export type Position = (typeof POSITIONS)[number];

/** Where the widget keeps the conversation: see README, "Privacy and consent". */
export const STORAGE_MODES = ['local', 'session', 'memory'] as const;
/** Where the widget keeps the conversation. */
export type StorageMode = (typeof STORAGE_MODES)[number];

/** How the widget shows: a launcher with a floating panel, or the open panel inside a page element. */
export const MODES = ['bubble', 'inline'] as const;
/** How the widget shows. */
export type Mode = (typeof MODES)[number];

/** The widget's own launcher: its bubble, or none (the page opens the chat: see README). */
export const LAUNCHERS = ['bubble', 'none'] as const;
/** The widget's own launcher, or none. */
export type Launcher = (typeof LAUNCHERS)[number];

export { LANGUAGES, type Language } from './languages.ts';
export type { StringKey, StringOverrides } from './string-keys.ts';

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
   * Language of the widget's own strings: one of `en de fr es it nl pl pt tr ar he` (`ar` and
   * `he` right to left). Any other value is a config error.
   * @default the page's `<html lang>` if Chatlet speaks it, else `en`
   */
  lang?: Language;
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
  /**
   * Where the conversation is kept: `local` (survives reloads, shared by the site's tabs),
   * `session` (this tab only, until it closes) or `memory` (this page view only). Nothing is
   * written before the visitor sends a message.
   * @default "local"
   */
  storage?: StorageMode;
  /**
   * First message shown by the assistant in an empty conversation; may hold the same markup as a
   * reply. Shown only, never sent.
   * @default undefined (no greeting)
   */
  greeting?: string;
  /**
   * Line under the panel's title.
   * @default undefined
   */
  subtitle?: string;
  /**
   * Placeholder of the message field.
   * @default "Type your message" / "Nachricht eingeben"
   */
  placeholder?: string;
  /**
   * Corner of the launcher: `right` or `left`.
   * @default "right"
   */
  position?: Position;
  /**
   * Main colour (launcher, the visitor's messages, buttons) as a CSS colour; sets `--chatlet-primary`.
   * @default "#1f5fbf"
   */
  primaryColor?: string;
  /**
   * Colour scheme: `light`, `dark` or `auto` (follows the visitor's system setting).
   * @default "light"
   */
  theme?: Theme;
  /**
   * Page facts sent as `client_metadata` besides `kb_topic`: any of `path`, `title`, `lang`,
   * `referrer` (comma-separated as an attribute).
   * @default [] (none)
   */
  pageFields?: PageField[];
  /**
   * Extra `client_metadata` sent with every message; together with `kb_topic` and the page fields
   * at most 5 keys are sent.
   * @default {}
   */
  metadata?: ClientMetadata;
  /**
   * Replacements for the widget's own strings by key, e.g. `{"send": "Go"}` (JSON as an attribute).
   * @default {} (the built-in strings of the widget's language)
   */
  strings?: StringOverrides;
  /**
   * Suggested first questions, shown as buttons while the conversation has no message of the
   * visitor's; a click sends one. At most four are shown (a JSON array as an attribute).
   * @default [] (none)
   */
  starters?: string[];
  /**
   * "Helpful" / "Not helpful" buttons under each assistant reply; a choice is kept with the message,
   * emitted as the `feedback` event and posted to the proxy's `…/feedback` route.
   * @default false
   */
  feedback?: boolean;
  /**
   * Each message shows its time (the date too when it is not today), in the widget's language.
   * @default true
   */
  timestamps?: boolean;
  /**
   * While the tab is hidden, replies that arrive put an unread count in front of the page's title
   * until the visitor is back; `false` leaves the title alone.
   * @default true
   */
  notifications?: boolean;
  /**
   * A short message (plain text) in a bubble beside the closed launcher, shown `teaserDelayMs`
   * after load; a click opens the chat, its close button dismisses it. Once the visitor has closed
   * it or chatted it is not shown to them again (remembered in the chosen `storage`).
   * @default undefined (no teaser)
   */
  teaser?: string;
  /**
   * How long after load the teaser appears, in milliseconds.
   * @default 3000
   */
  teaserDelayMs?: number;
  /**
   * `bubble`: a launcher in the corner opens a floating panel. `inline`: the panel is always open
   * inside the page element `target` names, sized by it, with no launcher and no close button.
   * @default "bubble"
   */
  mode?: Mode;
  /**
   * CSS selector of the element the inline panel fills, e.g. `#help-chat`; required with
   * `mode: 'inline'` (on `<chatlet-widget>` the element itself is the container).
   * @default undefined
   */
  target?: string;
  /**
   * `none` hides the widget's bubble: the page opens the chat with `open()` or any element carrying
   * `data-chatlet-open`, and focus returns to that element when the chat closes.
   * @default "bubble"
   */
  launcher?: Launcher;
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
  storage: StorageMode;
  greeting: string | undefined;
  subtitle: string | undefined;
  placeholder: string | undefined;
  position: Position;
  primaryColor: string | undefined;
  theme: Theme;
  pageFields: PageField[];
  metadata: ClientMetadata;
  strings: Record<string, string>;
  starters: string[];
  feedback: boolean;
  timestamps: boolean;
  notifications: boolean;
  teaser: string | undefined;
  teaserDelayMs: number;
  mode: Mode;
  target: string | undefined;
  /** `none` in inline mode too: the inline panel has no launcher. */
  launcher: Launcher;
}

/** Defaults of the optional settings. */
export const DEFAULTS = {
  historyLimit: 100,
  timeoutMs: 30_000,
  storage: 'local',
  mode: 'bubble',
  launcher: 'bubble',
  position: 'right',
  theme: 'light',
  teaserDelayMs: 3000,
} as const;

/** Most starter questions shown: more would push the conversation out of a phone's view. */
const MOST_STARTERS = 4;

const config = (message: string): ChatletError => new ChatletError('config', message);

/**
 * Validates the options once and fills in the defaults. Throws a `config` {@link ChatletError} whose
 * message names the attribute and says how to fix it.
 */
export function resolveOptions(options: ChatletOptions, pageLang?: string): ResolvedOptions {
  const endpoint = checkEndpoint(options.endpoint);
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
  const storage = options.storage ?? DEFAULTS.storage;
  if (!STORAGE_MODES.includes(storage)) {
    throw config(`Invalid data-storage "${String(storage)}": use "local", "session" or "memory".`);
  }
  const position = options.position ?? DEFAULTS.position;
  if (!POSITIONS.includes(position)) {
    throw config(`Invalid data-position "${String(position)}": use "right" or "left".`);
  }
  const theme = options.theme ?? DEFAULTS.theme;
  if (!THEMES.includes(theme)) {
    throw config(`Invalid data-theme "${String(theme)}": use "light", "dark" or "auto".`);
  }
  const mode = options.mode ?? DEFAULTS.mode;
  if (!MODES.includes(mode)) {
    throw config(`Invalid data-mode "${String(mode)}": use "bubble" or "inline".`);
  }
  const launcher = options.launcher ?? DEFAULTS.launcher;
  if (!LAUNCHERS.includes(launcher)) {
    throw config(`Invalid data-launcher "${String(launcher)}": use "bubble" or "none".`);
  }
  const primaryColor = checkPrimaryColor(options.primaryColor);
  const teaserDelayMs = options.teaserDelayMs ?? DEFAULTS.teaserDelayMs;
  if (!Number.isInteger(teaserDelayMs) || teaserDelayMs < 0) {
    throw config(
      `Invalid data-teaser-delay-ms "${teaserDelayMs}": use a whole number of milliseconds (0 or more).`,
    );
  }
  const pageFields = options.pageFields ?? [];
  const unknownField = pageFields.find((field) => !PAGE_FIELDS.includes(field));
  if (unknownField !== undefined) {
    throw config(
      `Unknown page field "${String(unknownField)}" in data-page-fields: use any of ${PAGE_FIELDS.join(', ')}.`,
    );
  }
  return {
    endpoint,
    kbTopic: options.kbTopic?.trim() || undefined,
    title: options.title?.trim() || undefined,
    lang: resolveLanguage(options.lang, pageLang),
    messageContext: messageContext || undefined,
    historyLimit,
    timeoutMs,
    storage,
    greeting: options.greeting?.trim() || undefined,
    subtitle: options.subtitle?.trim() || undefined,
    placeholder: options.placeholder?.trim() || undefined,
    position,
    primaryColor,
    theme,
    pageFields: [...new Set(pageFields)],
    metadata: { ...options.metadata },
    strings: { ...options.strings },
    starters: (options.starters ?? [])
      .map((starter) => starter.trim())
      .filter(Boolean)
      .slice(0, MOST_STARTERS),
    feedback: options.feedback === true,
    timestamps: options.timestamps !== false,
    notifications: options.notifications !== false,
    teaser: options.teaser?.trim() || undefined,
    teaserDelayMs,
    mode,
    // Where the inline panel goes is found (and refused) by the embed layer, src/embed/inline.ts:
    // only it knows the page, and on <chatlet-widget> the element itself is the container.
    target: options.target?.trim() || undefined,
    launcher: mode === 'inline' ? 'none' : launcher,
  };
}
