/**
 * Eviction for a Map used as an insertion-ordered queue (the bounded stores and limiters drop
 * their oldest entry first): returns a function that deletes the oldest entries while `over()`
 * holds, telling `dropped` about each.
 *
 * It keeps one iterator while the Map is over its bound, rather than a fresh `map.keys().next()` per
 * eviction: V8 leaves a deleted entry's slot in place until the table is rebuilt, and a fresh
 * iterator walks every such slot from the start, so a full 10,000-entry store spent ~40 µs per
 * write skipping the holes its own evictions left. The kept iterator resumes where it stopped,
 * which is the oldest live entry: every entry it passed was deleted, and an entry written again
 * moves behind it. It is let go as soon as the Map is within its bound, so an idle iterator never
 * keeps the Map's outgrown tables alive.
 */
export function oldestFirst<K, V>(
  map: Map<K, V>,
  over: () => boolean,
  dropped?: (value: V) => void,
): () => void {
  let cursor: MapIterator<[K, V]> | undefined;
  return () => {
    if (!over()) {
      cursor = undefined;
      return;
    }
    do {
      cursor ??= map.entries();
      const next = cursor.next();
      // Every live entry is behind the cursor, so it only ends when the Map is empty.
      if (next.done === true) {
        cursor = undefined;
        return;
      }
      const [key, value] = next.value;
      map.delete(key);
      dropped?.(value);
    } while (over());
  };
}
