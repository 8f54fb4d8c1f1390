import { ProxyConfigError } from '../config-error.ts';
import type { ProviderConfig } from '../options.ts';
import { FAMULOR_DEFAULT_URL, type FamulorConfig } from './famulor.ts';
import { QUICKCHAT_CURRENT_URL, QUICKCHAT_LEGACY_URL, type QuickchatConfig } from './quickchat.ts';

/** A provider configuration after its check: the endpoint always set. */
export type ResolvedProviderConfig =
  (QuickchatConfig & { url: string }) | (FamulorConfig & { url: string });

/**
 * Checks the provider configuration and fills its defaults, once for the environment and for
 * programmatic options alike. Each message names the option and its environment variable.
 */
export function resolveProviderConfig(config: ProviderConfig): ResolvedProviderConfig {
  switch (config.kind) {
    case 'quickchat': {
      const legacy = 'apiKey' in config;
      if (legacy) filled(config.apiKey, 'provider.apiKey (QUICKCHAT_API_KEY)');
      else filled(config.token, 'provider.token (QUICKCHAT_TOKEN)');
      filled(config.scenarioId, 'provider.scenarioId (QUICKCHAT_SCENARIO_ID)');
      const fallback = legacy ? QUICKCHAT_LEGACY_URL : QUICKCHAT_CURRENT_URL;
      const url = httpUrl(config.url ?? fallback, 'provider.url (QUICKCHAT_API_URL)', fallback);
      return { ...config, url };
    }
    case 'famulor': {
      filled(config.token, 'provider.token (FAMULOR_API_TOKEN)');
      if (!Number.isSafeInteger(config.assistantId) || config.assistantId < 1) {
        throw new ProxyConfigError(
          'provider.assistantId',
          `provider.assistantId (FAMULOR_ASSISTANT_ID) is ${String(config.assistantId)}: set it to the assistant's numeric id from Famulor.`,
        );
      }
      for (const name of config.forwardFunctions ?? []) {
        if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
          throw new ProxyConfigError(
            'provider.forwardFunctions',
            `provider.forwardFunctions (FAMULOR_FORWARD_FUNCTIONS) contains "${name}": list function names, e.g. book_appointment,check_slot.`,
          );
        }
      }
      const url = httpUrl(
        config.url ?? FAMULOR_DEFAULT_URL,
        'provider.url (FAMULOR_API_URL)',
        FAMULOR_DEFAULT_URL,
      );
      return { ...config, url };
    }
    default:
      throw new ProxyConfigError(
        'provider',
        `provider.kind (CHATLET_PROVIDER) is "${String((config as { kind?: unknown }).kind)}": use quickchat or famulor.`,
      );
  }
}

function filled(text: unknown, label: string): void {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new ProxyConfigError(label.split(' ')[0] ?? label, `${label} is missing.`);
  }
}

function httpUrl(text: string, label: string, example: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(text);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    // The value itself is not repeated: a mistyped URL may hold a key pasted into the wrong field.
    throw new ProxyConfigError(
      label.split(' ')[0] ?? label,
      `${label} is not an http(s) URL: set it to the full endpoint, e.g. ${example}.`,
    );
  }
  return text;
}
