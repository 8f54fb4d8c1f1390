/**
 * Eviction for a Map used as an insertion-ordered queue (the bounded stores and limiters drop
 * their oldest entry first): returns a function, to be called after each write, that deletes the
 * oldest entries while `over()` holds, telling `dropped` about each.
 *
 * It keeps one iterator rather than a fresh `map.keys().next()` per eviction: V8 leaves a deleted
 * entry's slot in place until the table is rebuilt, and a fresh iterator walks every such slot from
 * the start, so a full 10,000-entry store spent ~40 µs per write skipping the holes its own
 * evictions left. The kept iterator resumes where it stopped, which is the oldest live entry: every
 * entry it passed was deleted, and an entry written again moves behind it.
 *
 * A full store sits at its bound, not over it: a rewrite (delete, then set) leaves it exactly full,
 * the next new key one over. So the iterator is kept across writes that evict nothing, too (letting
 * it go there cost ~10 µs per message under load, a fresh walk over the holes each time), and let go
 * only after as many such writes in a row as the Map has entries. An iterator holds the table it
 * last read, and through it every table rebuilt since; a rebuild leaves room for at least half as
 * many writes as there are entries, so an idle iterator keeps at most a few outgrown tables alive.
 */
export function oldestFirst<K, V>(
  map: Map<K, V>,
  over: () => boolean,
  dropped?: (value: V) => void,
): () => void {
  let cursor: MapIterator<[K, V]> | undefined;
  let idle = 0;
  return () => {
    if (!over()) {
      if (cursor !== undefined && ++idle > map.size) cursor = undefined;
      return;
    }
    idle = 0;
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
