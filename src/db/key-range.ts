/** Key ranges over compound indexes whose first part is an environment or owner id. */
import { Dexie } from 'dexie';

/** Bounds that select every compound key starting with `id`. */
export function prefixRange(id: string): [[string, unknown], [string, unknown]] {
  return [
    [id, Dexie.minKey],
    [id, Dexie.maxKey],
  ];
}
