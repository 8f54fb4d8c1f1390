/**
 * How one upstream budget (Famulor: 5 calls a minute per API token) is shared fairly by every
 * visitor of a site. Only the rules live here; `./upstream-budget.ts` applies them over the
 * proxy's state, so they hold the same on one instance or many.
 */

/** The window the upstream counts its calls in. */
export const BUDGET_WINDOW_MS = 60_000;

/**
 * Most calls one conversation may start per window: half the budget, at least one. One busy
 * visitor then always leaves the other half to everyone else. A turn takes its share when it is
 * admitted, before it may wait (at most `maxWaitMs`) for the shared budget, and a first message
 * counts once answered: the share is counted on those moments, which lie within seconds of the
 * calls. Counting it over the window plus the longest wait instead would make it exact, but
 * refused 10 % of a lone visitor's messages in the simulation (test/bench/famulor-capacity.mjs)
 * instead of 1 %.
 */
export const conversationShare = (perMinute: number): number =>
  Math.max(1, Math.floor(perMinute / 2));

/**
 * The per-IP limit when none is configured: the usual 30 a minute, but never more than a
 * conversation's share, so one client cannot spend the budget through many conversations either.
 */
export const defaultIpLimit = (perMinute: number | undefined): number =>
  perMinute === undefined ? 30 : Math.min(30, conversationShare(perMinute));

/**
 * How much later than a new conversation's first message a later turn asks again for a slot that
 * frees. Both learn the same moment from the shared budget, so the first message asks first and
 * wins it, on whichever instance it waits; far above a store's round trip, far below a visitor's
 * patience.
 */
export const LATER_TURN_DELAY_MS = 250;
