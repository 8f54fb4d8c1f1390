import { ChatletError } from './errors.ts';

/*
 * The two option checks of the launcher's attributes, apart from options.ts so createChatlet's
 * first bundle carries no more than these. The script-tag loader applies the same rules without
 * the messages and leaves the wording to the panel stage (src/shell/loader-options.ts).
 * Re-exported by options.ts.
 */

const config = (message: string): ChatletError => new ChatletError('config', message);

/**
 * The proxy's URL, trimmed: an http(s) URL or a path. Exported apart from resolveOptions() because
 * the script-tag loader must refuse a bad one before it renders the launcher.
 */
export function checkEndpoint(value: string | null | undefined): string {
  const endpoint = value?.trim();
  if (!endpoint) {
    throw config(
      'Missing endpoint: set data-endpoint on the script tag (or the `endpoint` option) to the chat URL of your Chatlet proxy.',
    );
  }
  if (!/^(https?:\/\/|\/)/i.test(endpoint)) {
    throw config(
      `Invalid endpoint "${endpoint}": data-endpoint must be an http(s) URL or a path starting with "/".`,
    );
  }
  return endpoint;
}

/**
 * The site's primary colour, trimmed, or `undefined`. Only characters a CSS colour can hold, so
 * the value cannot close the declaration it lands in; in the browser, `isColor` (the browser's
 * `CSS.supports('color', …)`) also refuses what it cannot paint, which would leave an invisible
 * launcher. The loader checks it before styling the host.
 */
export function checkPrimaryColor(
  value: string | null | undefined,
  isColor: (color: string) => boolean = () => true,
): string | undefined {
  const color = value?.trim() || undefined;
  if (color !== undefined && !(/^[#(),.%/\w\s-]+$/.test(color) && isColor(color))) {
    throw config(
      `Invalid data-primary-color "${color}": use a CSS colour such as #1f5fbf or rgb(31 95 191).`,
    );
  }
  return color;
}
