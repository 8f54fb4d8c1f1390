/**
 * The credentials of the embedded demo assistant. Not secrets: the assistant checks them only to
 * behave like Quickchat (a wrong pair is a 401). `demo-upstream.ts` hands the same ones to the
 * proxy as an ordinary Quickchat configuration.
 */

/** The `api_key` the demo assistant accepts. */
export const DEMO_API_KEY = 'chatlet-demo-key';

/** The `scenario_id` the demo assistant accepts. */
export const DEMO_SCENARIO_ID = 'chatlet-demo';
