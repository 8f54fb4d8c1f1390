import type { ChatletOptions } from '../core/options.ts';
import type { ChatletHandle } from '../embed/index.ts';

/**
 * The framework components' shared rule for a prop change: these three options are applied to the
 * running widget (a single-page app may set them on every route); any other option remounts it.
 */
export const LIVE_OPTIONS = ['kbTopic', 'messageContext', 'metadata'] as const;

/** Applies the live options to a running widget. */
export function applyLiveOptions(
  handle: ChatletHandle,
  options: Pick<Partial<ChatletOptions>, (typeof LIVE_OPTIONS)[number]>,
): void {
  handle.setKbTopic(options.kbTopic);
  handle.setMessageContext(options.messageContext);
  handle.setMetadata(options.metadata ?? {});
}

/**
 * A stable key of the options that need a remount when they change (everything but the live ones),
 * so a component re-rendered with equal but new objects (`strings={{…}}`) does not remount.
 */
export function remountKey(
  options: Partial<Omit<ChatletOptions, 'target'>> & { target?: unknown },
): string {
  const rest: Record<string, unknown> = { ...options };
  for (const name of LIVE_OPTIONS) delete rest[name];
  // The target element is compared by identity by the caller, not serialised.
  delete rest['target'];
  // A replacer array also fixes the key order, so `{a, b}` and `{b, a}` give one key.
  // oxlint-disable-next-line unicorn/no-array-sort -- sorts a fresh array of keys.
  return JSON.stringify(rest, Object.keys(rest).sort());
}
