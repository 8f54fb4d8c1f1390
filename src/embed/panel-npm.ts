/**
 * The npm entry's second stage, which npm-widget.ts imports with a dynamic `import()` on first
 * use: the site's bundler splits it (with Preact, signals, the conversation and the panel) into a
 * chunk of its own, so `import { createChatlet } from 'chatlet'` costs the page only the launcher.
 * It plays the part `dist/chatlet-panel.js` plays for the script tag (src/shell/staged.ts).
 */
import type { ResolvedOptions } from '../core/options.ts';
import type { PanelStage } from '../shell/staged.ts';
import type { WidgetDeps } from './conversation.ts';
import { loadLocaleChunk } from './locale-chunk.ts';
import { attachPanel, readyToDraw } from './panel-stage.ts';
import { createSendContext } from './send-context.ts';

/**
 * The panel stage of one createChatlet() widget, whose options were checked when it was created
 * (so it never refuses one); what the page set through the handle before is replayed on it. It first fetches the strings of the widget's language (their own
 * chunk): a language that does not arrive rejects, which the loader reports once and retries on
 * the next use, as it does for a chunk that does not arrive.
 */
export async function npmPanelStage(
  options: ResolvedOptions,
  deps: WidgetDeps,
): Promise<PanelStage> {
  const locale = await (deps.loadLocale ?? loadLocaleChunk)(options.lang);
  return {
    startPanel: async (shell) =>
      shell.life.ended
        ? undefined
        : readyToDraw(
            attachPanel(shell, options, locale, createSendContext(options), deps),
            options,
            shell.life,
          ),
  };
}
