/**
 * Which `ChatletState` object holds a key. Every key gets an object of its own, named after the
 * key: one per conversation (its limit), per client IP, per upstream token (the budget, whose key
 * is a hash of the token, never the token) and per message id (its idempotency claim and answer).
 * Nothing the whole site uses goes through one object, so none becomes the bottleneck, and an
 * object's storage stays small enough for its alarm to clean up in one pass.
 */
export type StateKind = 'store' | 'limit' | 'budget';

/** The object name for `key` of `kind`; `idFromName` maps it to the same object everywhere. */
export const objectNameFor = (kind: StateKind, key: string): string => `${kind}:${key}`;
