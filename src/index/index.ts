/**
 * The user index: every user in memory, column by column, kept in step with the chunks in
 * IndexedDB (docs/decisions.md). Imported only by src/api. A worker that only packs users
 * imports user-codec.ts directly, which pulls in nothing of Dexie.
 */
export { IndexReplacedError, UserIndex } from './user-index';
export type { EnvironmentUsers } from './environment-users';
export { dormantFromFacts, usableFacts, FACTS_VERSION } from './dormancy-facts';
export type { UserColumns } from './user-columns';
export { sortKeyOf, type SortField, type SortedOrder } from './sorted-order';
export { SliceClock, behindWrites, yieldToEventLoop, type Pause } from './pause';
export * from './user-codec';
