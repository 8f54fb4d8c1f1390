/**
 * The Lua scripts that make each shared operation one atomic step in Redis. Each reads the time from
 * Redis (`TIME`), so every instance counts on the same clock; Redis ≥ 5 replicates a script's
 * effects, which makes `TIME` inside a writing script allowed.
 */

/** Milliseconds since the epoch by Redis's clock, as a Lua expression's preamble. */
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** Compare-and-delete (https://redis.io/docs/latest/commands/set/, "Patterns"): 1 if deleted. */
export const DELETE_IF_VALUE = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * A token bucket like the memory limiter's, as a Lua function `take(key, capacity, now)`: capacity
 * refilled over a minute. Returns 0 when allowed, else the ms until one token is back. A full bucket
 * is the same as no key, so the key lives one minute.
 */
const BUCKET = `local function take(key, capacity, now)
  local bucket = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(bucket[1]) or capacity
  local at = tonumber(bucket[2]) or now
  tokens = math.min(capacity, tokens + math.max(0, now - at) * capacity / 60000)
  local wait = 0
  if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * 60000 / capacity) end
  redis.call('HSET', key, 'tokens', tostring(tokens), 'at', now)
  redis.call('PEXPIRE', key, 60000)
  return wait
end`;

/** One take from the bucket `KEYS[1]` of capacity `ARGV[1]`: 0 when allowed, else the wait in ms. */
export const TAKE_TOKEN = `${NOW}
${BUCKET}
return take(KEYS[1], tonumber(ARGV[1]), now)`;

/**
 * A claim with limits in one step: when `KEYS[1]` is free, a take from each bucket `KEYS[2..]`
 * (capacities `ARGV[3..]`) in order, then `SET KEYS[1] ARGV[1] PX ARGV[2]`. Returns -1 when the key
 * is held (nothing taken), 0 when claimed, else the first refusal's wait in ms (nothing stored, the
 * takes before it stay taken, as when made one by one). Its keys lie in different hash slots, so it
 * needs a single Redis (or Valkey) node, as the client in `./connection.ts` is.
 */
export const CLAIM = `if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
${NOW}
${BUCKET}
for i = 2, #KEYS do
  local wait = take(KEYS[i], tonumber(ARGV[i + 1]), now)
  if wait > 0 then return wait end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 0`;

/**
 * A sliding-window reservation: `KEYS[1]` a sorted set of start times, `KEYS[2]` "blocked until".
 * `ARGV`: limit, window ms, a unique member. Returns 0 when a start was recorded, else the ms until
 * one could be.
 */
export const RESERVE = `${NOW}
local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
if blocked > now then return blocked - now end
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local leaving = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
return math.max(1, tonumber(leaving[2]) + window - now)`;

/** Blocks `KEYS[1]` for `ARGV[1]` ms from now, never shortening a longer block. */
export const BLOCK = `${NOW}
local ms = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + ms > current then redis.call('SET', KEYS[1], now + ms, 'PX', ms) end
return 0`;
