import { formatCount, type UiStrings } from '../ui/i18n.ts';

/** The panel's state as the launcher shows it. */
export interface LauncherState {
  expanded: boolean;
  unread: number;
}

/**
 * Reflects the panel on the shell's launcher: `aria-expanded`, and replies that arrived while it
 * was closed as a badge (decoration) with a sentence for screen readers (`aria-describedby`).
 * Part of the panel stage: before it, nothing can be unread. Returns the update and the undo.
 */
export function reflectOnLauncher(
  button: HTMLButtonElement,
  strings: UiStrings,
): { update(state: LauncherState): void; remove(): void } {
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.setAttribute('part', 'badge');
  badge.setAttribute('aria-hidden', 'true');
  const description = document.createElement('span');
  description.id = 'chatlet-unread';
  description.hidden = true;
  button.append(badge, description);

  const update = ({ expanded, unread }: LauncherState): void => {
    button.setAttribute('aria-expanded', String(expanded));
    const show = unread > 0 && !expanded;
    badge.hidden = !show;
    // Digits as the language writes them (Arabic-Indic for ar), the sentence in its plural form.
    badge.textContent = show
      ? new Intl.NumberFormat(strings.lang).format(Math.min(unread, 99))
      : '';
    description.textContent = show ? formatCount(strings.unread, unread, strings.lang) : '';
    if (show) button.setAttribute('aria-describedby', description.id);
    else button.removeAttribute('aria-describedby');
  };
  update({ expanded: false, unread: 0 });
  return {
    update,
    remove() {
      update({ expanded: false, unread: 0 });
      badge.remove();
      description.remove();
    },
  };
}
