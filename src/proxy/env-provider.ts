import type { ProviderConfig } from './options.ts';
import { QUICKCHAT_CURRENT_URL, QUICKCHAT_LEGACY_URL } from './providers/quickchat.ts';
import { fail, integer, required, url, value, type Env } from './env-values.ts';

/** Default URL of Famulor's "AI Replies" endpoint (the source document's path). */
export const FAMULOR_DEFAULT_URL = 'https://app.famulor.de/api/ai/generate-reply';

/** The provider's settings from the environment, for the provider `kind` already chosen. */
export function providerFromEnv(
  env: Env,
  kind: ProviderConfig['kind'],
  demoUrl: string | undefined,
): ProviderConfig {
  switch (kind) {
    case 'demo':
      if (demoUrl === undefined) {
        throw fail(
          'CHATLET_PROVIDER',
          'is demo but no demo assistant is running: start it with `npm start` or `npx chatlet-proxy`, or set QUICKCHAT_API_KEY or FAMULOR_API_TOKEN',
        );
      }
      return { kind: 'demo', url: demoUrl };
    case 'quickchat': {
      const token = value(env, 'QUICKCHAT_TOKEN');
      const apiKey = value(env, 'QUICKCHAT_API_KEY');
      if (token !== undefined && apiKey !== undefined) {
        throw fail(
          'QUICKCHAT_TOKEN',
          'and QUICKCHAT_API_KEY are both set: keep QUICKCHAT_TOKEN for the current API or QUICKCHAT_API_KEY for the legacy one, not both',
        );
      }
      const scenarioId = required(
        env,
        'QUICKCHAT_SCENARIO_ID',
        "your scenario id from Quickchat's Integrations → API page",
      );
      if (token !== undefined) {
        return {
          kind: 'quickchat',
          token,
          scenarioId,
          url: url(env, 'QUICKCHAT_API_URL', QUICKCHAT_CURRENT_URL),
        };
      }
      return {
        kind: 'quickchat',
        apiKey: required(
          env,
          'QUICKCHAT_API_KEY',
          "your API key from Quickchat's Integrations → API page (or set QUICKCHAT_TOKEN)",
        ),
        scenarioId,
        url: url(env, 'QUICKCHAT_API_URL', QUICKCHAT_LEGACY_URL),
      };
    }
    case 'famulor': {
      const token = required(
        env,
        'FAMULOR_API_TOKEN',
        'your API token from Famulor (Settings → API keys)',
      );
      const assistantId = integer(
        env,
        'FAMULOR_ASSISTANT_ID',
        undefined,
        1,
        Number.MAX_SAFE_INTEGER,
        "the assistant's numeric id from Famulor",
      );
      const forward = (value(env, 'FAMULOR_FORWARD_FUNCTIONS') ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
      for (const name of forward) {
        if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
          throw fail(
            'FAMULOR_FORWARD_FUNCTIONS',
            `contains "${name}": list function names separated by commas, e.g. book_appointment,check_slot`,
          );
        }
      }
      return {
        kind: 'famulor',
        token,
        assistantId,
        url: url(env, 'FAMULOR_API_URL', FAMULOR_DEFAULT_URL),
        forwardFunctions: forward,
      };
    }
  }
}
