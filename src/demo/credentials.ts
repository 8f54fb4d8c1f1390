/**
 * The credentials of the embedded demo assistant. Not secrets: the assistant checks them only to
 * behave like Quickchat (a wrong pair is a 401). The proxy sends the same literals from
 * `src/proxy/providers/demo.ts`; they are repeated here rather than imported so the assistant stays
 * a stand-alone stand-in for Quickchat, and a test keeps the two in step.
 */

/** The `api_key` the demo assistant accepts. */
export const DEMO_API_KEY = 'chatlet-demo-key';

/** The `scenario_id` the demo assistant accepts. */
export const DEMO_SCENARIO_ID = 'chatlet-demo';
