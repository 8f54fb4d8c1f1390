/**
 * Every environment variable Chatlet reads, in one table: the unknown-variable check, `--help` and
 * the option errors of `resolveProxyOptions` all come from it. A new variable is one row here (and
 * its mapping in `env.ts`); the README's configuration table lists the same rows.
 */

/** One environment variable. */
export interface Setting {
  /** The variable, e.g. `CHATLET_SECRET`. */
  name: string;
  /** The {@link ChatletProxyOptions} field it maps to, when it maps to one. */
  option?: string;
  /** What to set it to, in one short line. */
  meaning: string;
  /** The value used when it is unset, as the operator would write it. */
  default?: string;
}

/** The variables, in the order `--help` prints them. */
export const SETTINGS: readonly Setting[] = [
  {
    name: 'CHATLET_PROVIDER',
    meaning: 'quickchat or famulor; `demo` runs the demo assistant (CLI only)',
    default: 'the one whose credentials are set',
  },
  { name: 'QUICKCHAT_TOKEN', meaning: 'Quickchat token (current API, sent as Bearer)' },
  { name: 'QUICKCHAT_API_KEY', meaning: 'Quickchat API key (legacy API)' },
  { name: 'QUICKCHAT_SCENARIO_ID', meaning: 'Quickchat scenario id' },
  { name: 'QUICKCHAT_API_URL', meaning: 'Quickchat endpoint', default: "the API's own" },
  { name: 'FAMULOR_API_TOKEN', meaning: 'Famulor API token' },
  { name: 'FAMULOR_ASSISTANT_ID', meaning: "Famulor assistant's numeric id" },
  { name: 'FAMULOR_API_URL', meaning: 'Famulor endpoint', default: "the API's own" },
  {
    name: 'FAMULOR_FORWARD_FUNCTIONS',
    meaning: 'function calls shown to the widget, comma-separated',
    default: 'none',
  },
  {
    name: 'FAMULOR_REQUESTS_PER_MINUTE',
    option: 'upstreamBudget.perMinute',
    meaning: 'upstream calls per minute shared by all visitors',
    default: '5',
  },
  {
    name: 'CHATLET_SECRET',
    option: 'secret',
    meaning: 'signs conversation tokens; at least 32 characters',
  },
  {
    name: 'CHATLET_PREVIOUS_SECRET',
    option: 'previousSecrets',
    meaning: 'the former secret, still accepted during a rotation',
  },
  {
    name: 'CHATLET_ALLOWED_ORIGINS',
    option: 'allowedOrigins',
    meaning: 'origins of the pages allowed to chat, comma-separated',
    default: 'none',
  },
  {
    name: 'CHATLET_PUBLIC_ORIGIN',
    option: 'publicOrigin',
    meaning: "the proxy's own public origin, when pages are served from it",
    default: 'none',
  },
  {
    name: 'CHATLET_UPSTREAM_TIMEOUT_MS',
    option: 'upstreamTimeoutMs',
    meaning: 'longest upstream wait per message, in ms',
    default: '30000',
  },
  {
    name: 'CHATLET_IP_REQUESTS_PER_MINUTE',
    option: 'ipRequestsPerMinute',
    meaning: 'messages per minute per client IP (0 = no limit)',
    default: '30',
  },
  {
    name: 'CHATLET_CONVERSATION_REQUESTS_PER_MINUTE',
    option: 'conversationRequestsPerMinute',
    meaning: 'messages per minute per conversation (0 = no limit)',
    default: '12',
  },
  {
    name: 'CHATLET_TRUST_PROXY',
    option: 'trustProxy',
    meaning: 'take IP and origin from X-Forwarded-* (behind one reverse proxy)',
    default: 'false',
  },
  {
    name: 'CHATLET_LOG_MESSAGES',
    option: 'logMessages',
    meaning: "log visitors' texts and replies",
    default: 'false',
  },
  {
    name: 'CHATLET_FEEDBACK_WEBHOOK',
    option: 'feedbackWebhook',
    meaning: 'https URL that receives each rating of a reply as JSON',
    default: 'none (ratings are only logged)',
  },
  {
    name: 'CHATLET_REDIS_URL',
    meaning: 'redis:// or rediss:// URL: state shared by every instance (Node)',
    default: 'memory of this process',
  },
  { name: 'CHATLET_REDIS_PREFIX', meaning: 'key prefix in Redis', default: 'chatlet' },
  {
    name: 'CHATLET_REDIS_TIMEOUT_MS',
    meaning: 'longest wait for one Redis answer before local memory stands in',
    default: '100',
  },
  { name: 'PORT', meaning: 'port the Node proxy listens on', default: '8787' },
  { name: 'HOST', meaning: 'interface the Node proxy listens on', default: '127.0.0.1' },
];

/** `option` as an error names it: the option and, when it has one, its variable. */
export function optionLabel(option: string): string {
  const setting = SETTINGS.find((row) => row.option === option);
  return setting === undefined ? option : `${option} (${setting.name})`;
}

/** The settings as the aligned plain-text table `chatlet-proxy --help` prints. */
export function settingsTable(): string {
  const width = Math.max(...SETTINGS.map((row) => row.name.length)) + 2;
  return SETTINGS.map((row) => {
    const fallback = row.default === undefined ? '' : ` [default: ${row.default}]`;
    return `  ${row.name.padEnd(width)}${row.meaning}${fallback}`;
  }).join('\n');
}
