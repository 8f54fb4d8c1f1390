import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { directionOf } from '../../core/languages.ts';
import type { ChatModel } from '../chat-model.ts';
import { beforeNextFrame } from '../next-frame.ts';
import type { UiStrings } from '../i18n.ts';
import type { ViewModel } from '../view-model.ts';
import { Composer } from './Composer.tsx';
import { MessageList } from './MessageList.tsx';
import { PanelHeader } from './PanelHeader.tsx';
import { StatusLine } from './StatusLine.tsx';

/** Texts of the panel that the site owner configures. */
export interface PanelConfig {
  title: string;
  subtitle?: string | undefined;
  greeting?: string | undefined;
  placeholder: string;
  /** The widget's language (timestamps, the transcript's dates). @default "en" */
  lang?: string;
  /** Suggested first questions. */
  starters?: string[];
  /** "Helpful" / "Not helpful" under replies. */
  feedback?: boolean;
  /** Each message shows its time. */
  timestamps?: boolean;
  /** Inline mode: always open in the page, so no close button, no Escape, no focus on mount. */
  inline?: boolean;
}

/** Props of {@link Panel}. */
export interface PanelProps {
  chat: ChatModel;
  view: ViewModel;
  strings: UiStrings;
  config: PanelConfig;
}

/**
 * The chat panel: a non-modal dialog named by its title (`aria-label`, not `aria-labelledby`: id
 * references inside a shadow root are not resolved by every tool). Closed, it renders nothing: no DOM cost for a visitor who never
 * opens it; the draft lives in the view model, so it survives closing and reopening. Inline, it is
 * a named region of the page instead (`<section>`): part of the page, not something over it.
 */
export function Panel({ chat, view, strings, config }: PanelProps) {
  if (!view.open.value) return null;
  return <OpenPanel chat={chat} view={view} strings={strings} config={config} />;
}

function OpenPanel({ chat, view, strings, config }: PanelProps) {
  const textbox = useRef<HTMLTextAreaElement>(null);
  // One polite status for short notices ("Copied"), there from the start so it is heard.
  const [notice, announce] = useState('');

  const { inline } = config;
  // An empty conversation's first drawing is the dialog and its composer only, so the field the
  // visitor types into is there and focused after the style and layout of a few elements, not of
  // the whole panel; the header and the greeting follow at the start of the next frame, before it
  // is painted, so no frame shows the panel without them. A conversation with messages is drawn
  // whole at once: its newest messages are what the visitor opened it to see, and a frame's wait
  // for them cost more than the smaller first layout saved (docs/ARCHITECTURE.md, "Opening the
  // panel").
  // (Drawn whole already, the frame's `drawWhole(true)` is no change, and Preact skips it.)
  const [whole, drawWhole] = useState(() => chat.messages.peek().length > 0);
  // Opening moves focus to the message field (keyboard use: Enter on the launcher opens the panel and focuses the field).
  // Inline, the panel is there on page load: taking focus then would scroll the page away.
  // A layout effect: in the task that draws the panel, not a frame and a timer later.
  useLayoutEffect(() => {
    if (!inline) textbox.current?.focus();
    return beforeNextFrame(() => drawWhole(true));
  }, [inline]);

  const Root = inline ? 'section' : 'dialog';
  return (
    <Root
      {...(inline ? {} : { open: true })}
      class="panel"
      part="panel"
      id="chatlet-panel"
      // The panel root carries the language (screen readers pick their voice by it) and the
      // direction every logical property in panel.css follows.
      lang={strings.lang}
      dir={directionOf(strings.lang)}
      aria-label={config.title}
      // Escape anywhere in the panel closes it; a non-modal <dialog> does not do that by itself.
      // Inline, there is nothing to close.
      onKeyDown={(event: KeyboardEvent) => {
        if (inline || event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        view.hide();
      }}
    >
      {whole && <PanelHeader chat={chat} view={view} strings={strings} config={config} />}
      {/* Until then an empty list holds the messages' place: the composer does not move. */}
      {!whole && <div class="scroller" part="messages" />}
      {whole && (
        <MessageList
          chat={chat}
          strings={strings}
          greeting={config.greeting}
          starters={config.starters}
          onStarter={(text) => {
            chat.send(text);
            // The chosen button goes away with the starters: focus stays in the panel.
            textbox.current?.focus();
          }}
          extras={{
            timeLang: config.timestamps ? (config.lang ?? 'en') : undefined,
            feedback: config.feedback,
            announce,
          }}
        />
      )}
      <output class="sr-only">{notice}</output>
      <StatusLine chat={chat} strings={strings} />
      <Composer
        chat={chat}
        draft={view.draft.value}
        onDraft={view.setDraft}
        strings={strings}
        placeholder={config.placeholder}
        textbox={textbox}
      />
    </Root>
  );
}
