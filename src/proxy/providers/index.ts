import { budgetKeyOf, withUpstreamBudget, type UpstreamBudgetOptions } from '../upstream-budget.ts';
import type { Provider } from '../provider.ts';
import type { UpstreamTransport } from '../upstream-transport.ts';
import { createFamulorProvider } from './famulor.ts';
import { createQuickchatProvider } from './quickchat.ts';
import type { ResolvedProviderConfig } from './resolve-provider.ts';

/**
 * Builds the provider the checked configuration names. Famulor's 5 requests per minute are shared
 * by every visitor behind the proxy, so its provider is wrapped in the upstream budget.
 */
export function createProvider(
  config: ResolvedProviderConfig,
  transport: UpstreamTransport,
  budget: Omit<UpstreamBudgetOptions, 'key'>,
): Provider {
  switch (config.kind) {
    case 'quickchat':
      return createQuickchatProvider(config, transport);
    case 'famulor':
      return withUpstreamBudget(createFamulorProvider(config, transport), {
        ...budget,
        // Named by the token, so every instance and assistant on one token shares one budget.
        key: budgetKeyOf('famulor', config.token),
      });
  }
}
