import { signal, type ReadonlySignal } from '@preact/signals';

/** Why the panel closed, so the embedder knows whether to move focus back to the launcher. */
export type CloseReason = 'user' | 'api';

/** The panel's own state: open or closed, unread replies, the draft. */
export interface ViewModel {
  readonly open: ReadonlySignal<boolean>;
  /** Replies that arrived while the panel was closed. */
  readonly unread: ReadonlySignal<number>;
  /** How the panel last closed; the launcher takes focus back only after a visitor's close. */
  readonly closedBy: ReadonlySignal<CloseReason | undefined>;
  /** The message being typed; kept here so it survives closing and reopening the panel. */
  readonly draft: ReadonlySignal<string>;
  setDraft(text: string): void;
  show(): void;
  hide(reason?: CloseReason): void;
  toggle(): void;
  /** Records a completed reply: counted as unread while the panel is closed. */
  noteReply(): void;
}

/** Creates the panel's view state, closed. */
export function createViewModel(): ViewModel {
  const open = signal(false);
  const unread = signal(0);
  const closedBy = signal<CloseReason | undefined>(undefined);
  const draft = signal('');

  const show = (): void => {
    open.value = true;
    unread.value = 0;
  };
  const hide = (reason: CloseReason = 'api'): void => {
    if (!open.value) return;
    closedBy.value = reason;
    open.value = false;
  };

  return {
    open,
    unread,
    closedBy,
    draft,
    setDraft: (text) => (draft.value = text),
    show,
    hide,
    toggle: () => (open.value ? hide('user') : show()),
    noteReply() {
      if (!open.value) unread.value += 1;
    },
  };
}
