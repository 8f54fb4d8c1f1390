import type { ProviderConfig } from './options.ts';
import { fail, integer, list, required, value, type Env } from './env-values.ts';

/**
 * The provider's settings from the environment, for the provider `kind` already chosen. Only the
 * credentials that tell one configuration from another are required here; URLs, their defaults
 * and the other checks are `resolveProxyOptions`'s.
 */
export function providerFromEnv(env: Env, kind: ProviderConfig['kind']): ProviderConfig {
  switch (kind) {
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
      const url = value(env, 'QUICKCHAT_API_URL');
      const where = url === undefined ? {} : { url };
      if (token !== undefined) return { kind: 'quickchat', token, scenarioId, ...where };
      return {
        kind: 'quickchat',
        apiKey: required(
          env,
          'QUICKCHAT_API_KEY',
          "your API key from Quickchat's Integrations → API page (or set QUICKCHAT_TOKEN)",
        ),
        scenarioId,
        ...where,
      };
    }
    case 'famulor': {
      const token = required(
        env,
        'FAMULOR_API_TOKEN',
        'your API token from Famulor (Settings → API keys)',
      );
      const assistantId = integer(env, 'FAMULOR_ASSISTANT_ID');
      if (assistantId === undefined) {
        throw fail('FAMULOR_ASSISTANT_ID', "is missing: set it to the assistant's numeric id");
      }
      const config: ProviderConfig = { kind: 'famulor', token, assistantId };
      const url = value(env, 'FAMULOR_API_URL');
      if (url !== undefined) config.url = url;
      const forward = list(env, 'FAMULOR_FORWARD_FUNCTIONS');
      if (forward !== undefined) config.forwardFunctions = forward;
      return config;
    }
  }
}
