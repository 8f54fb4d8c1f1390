import { signal, type ReadonlySignal } from '@preact/signals';

/** The panel's own state: open or closed, unread replies, the draft. */
export interface ViewModel {
  readonly open: ReadonlySignal<boolean>;
  /** Replies that arrived while the panel was closed. */
  readonly unread: ReadonlySignal<number>;
  /** The message being typed; kept here so it survives closing and reopening the panel. */
  readonly draft: ReadonlySignal<string>;
  setDraft(text: string): void;
  show(): void;
  hide(): void;
  toggle(): void;
  /** Records a completed reply: counted as unread while the panel is closed. */
  noteReply(): void;
}

/**
 * Creates the panel's view state, closed; `pinned` (inline mode) open for good: hide() and toggle()
 * then do nothing, as there would be no launcher to bring the panel back.
 */
export function createViewModel(pinned = false): ViewModel {
  const open = signal(pinned);
  const unread = signal(0);
  const draft = signal('');

  const show = (): void => {
    open.value = true;
    unread.value = 0;
  };
  const hide = (): void => {
    open.value = pinned;
  };

  return {
    open,
    unread,
    draft,
    setDraft: (text) => (draft.value = text),
    show,
    hide,
    toggle: () => (open.value ? hide() : show()),
    noteReply() {
      if (!open.value) unread.value += 1;
    },
  };
}
