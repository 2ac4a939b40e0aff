/**
 * Groups of one environment and their members (groups do not nest). Members are stored in
 * chunks of up to MEMBER_CHUNK_SIZE user ids per record (schema v4, docs/decisions.md): every
 * membership read and write here reads a group's chunks (by group) or an environment's (by
 * environment, to find a user's groups), so live queries see every membership change, and
 * every write runs in the caller's transaction.
 */
import { prefixRange } from './key-range';
import { MEMBER_CHUNK_SIZE, memberChunkId } from './layout';
import type { GroupMemberChunkRecord, GroupRecord } from './records';
import { admit, admitEach, admitOne, setApart } from './record-gate';
import type { RosterDb } from './roster-db';

export function getGroup(db: RosterDb, id: string): Promise<GroupRecord | undefined> {
  return db.groups.get(id).then((record) => admitOne<GroupRecord>(db, 'groups', record));
}

export function getGroups(db: RosterDb, ids: readonly string[]): Promise<(GroupRecord | undefined)[]> {
  return db.groups.bulkGet([...ids]).then((records) => admitEach<GroupRecord>(db, 'groups', records));
}

/** The group of a tenant with a name (lower-cased): names are unique within a tenant. */
export async function findGroupByNameKey(
  db: RosterDb,
  environmentId: string,
  tenantId: string,
  nameKey: string,
): Promise<GroupRecord | undefined> {
  const records = await db.groups.where('[environmentId+nameKey]').equals([environmentId, nameKey]).toArray();
  return admit<GroupRecord>(db, 'groups', records).find((record) => record.tenantId === tenantId);
}

export function groupsOfEnvironment(db: RosterDb, environmentId: string): Promise<GroupRecord[]> {
  return db.groups
    .where('[environmentId+nameKey]')
    .between(...prefixRange(environmentId))
    .toArray()
    .then((records) => admit<GroupRecord>(db, 'groups', records));
}

export async function putGroup(db: RosterDb, record: GroupRecord): Promise<void> {
  await db.groups.put(record);
}

/** Deletes a group with its members and grants. */
export async function deleteGroupCascade(db: RosterDb, id: string): Promise<void> {
  await db.groupMembers.where('groupId').equals(id).delete();
  await db.groupRoles
    .where('[groupId+roleId]')
    .between(...prefixRange(id))
    .delete();
  await db.groups.delete(id);
}

/**
 * The user ids a chunk holds. Its text is parsed only here, so it is checked here (the gate
 * checks the chunk's shape, not its text): a chunk whose text is not a list of ids is set apart
 * and holds no one.
 */
export function chunkMemberIds(db: RosterDb, chunk: GroupMemberChunkRecord): string[] {
  let ids: unknown;
  try {
    ids = JSON.parse(chunk.userIds);
  } catch {
    ids = undefined;
  }
  if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) return ids as string[];
  setApart(db, 'groupMembers', chunk, 'userIds: is not a list of user ids');
  return [];
}

/** The environment's member chunks that fit the gate. */
function chunksOfEnvironment(db: RosterDb, environmentId: string): Promise<GroupMemberChunkRecord[]> {
  return db.groupMembers
    .where('environmentId')
    .equals(environmentId)
    .toArray()
    .then((records) => admit<GroupMemberChunkRecord>(db, 'groupMembers', records));
}

/** A chunk of a group's members. */
function memberChunk(
  groupId: string,
  environmentId: string,
  seq: number,
  userIds: readonly string[],
): GroupMemberChunkRecord {
  return {
    id: memberChunkId(groupId, seq),
    groupId,
    environmentId,
    seq,
    count: userIds.length,
    userIds: JSON.stringify(userIds),
  };
}

/** A group's ids packed into new chunks, numbered from `firstSeq`. */
function packMembers(
  groupId: string,
  environmentId: string,
  userIds: readonly string[],
  firstSeq: number,
): GroupMemberChunkRecord[] {
  const chunks: GroupMemberChunkRecord[] = [];
  for (let start = 0, seq = firstSeq; start < userIds.length; start += MEMBER_CHUNK_SIZE, seq++) {
    chunks.push(memberChunk(groupId, environmentId, seq, userIds.slice(start, start + MEMBER_CHUNK_SIZE)));
  }
  return chunks;
}

/** A group's chunks in order (their ids sort as text, `g/10` before `g/2`). */
async function chunksOfGroup(db: RosterDb, groupId: string): Promise<GroupMemberChunkRecord[]> {
  const chunks = admit<GroupMemberChunkRecord>(
    db,
    'groupMembers',
    await db.groupMembers.where('groupId').equals(groupId).toArray(),
  );
  return chunks.sort((a, b) => a.seq - b.seq);
}

/** Up to this many ids, a chunk is searched as text for each before it is parsed. */
const TEXT_SEARCH_MAX = 32;

/**
 * Whether a chunk may hold one of these ids (given JSON-encoded, as they appear in the chunk's
 * text). A quick text search without parsing; it may answer yes wrongly (an id containing
 * quotes or commas), never no, so a yes is confirmed on the parsed ids.
 */
function mayHold(chunk: GroupMemberChunkRecord, encodedIds: readonly string[]): boolean {
  return encodedIds.some((encoded) => chunk.userIds.includes(encoded));
}

/** Writes the changed chunks and deletes the emptied ones. */
async function writeChunks(db: RosterDb, changed: GroupMemberChunkRecord[], emptied: string[]): Promise<void> {
  if (changed.length) await db.groupMembers.bulkPut(changed);
  if (emptied.length) await db.groupMembers.bulkDelete(emptied);
}

/**
 * Removes the ids in `gone` from the chunks; only chunks that held one are written, and a
 * chunk left empty is deleted. Returns the ids of the members that went.
 */
async function removeFromChunks(
  db: RosterDb,
  chunks: readonly GroupMemberChunkRecord[],
  userIds: readonly string[],
): Promise<string[]> {
  const gone = new Set(userIds);
  const encoded = gone.size <= TEXT_SEARCH_MAX ? [...gone].map((id) => JSON.stringify(id)) : undefined;
  const changed: GroupMemberChunkRecord[] = [];
  const emptied: string[] = [];
  const removed: string[] = [];
  for (const chunk of chunks) {
    if (encoded && !mayHold(chunk, encoded)) continue;
    const ids = chunkMemberIds(db, chunk);
    const kept = ids.filter((id) => !gone.has(id));
    if (kept.length === ids.length) continue;
    for (const id of ids) if (gone.has(id)) removed.push(id);
    if (kept.length) changed.push(memberChunk(chunk.groupId, chunk.environmentId, chunk.seq, kept));
    else emptied.push(chunk.id);
  }
  await writeChunks(db, changed, emptied);
  return removed;
}

/**
 * Adds users to a group; ids already members (or given twice) are added once. New ids fill
 * the chunks that have room, in order, then new chunks; only those are parsed and written
 * when few ids are given (the others are searched as text). Returns the ids added, in order.
 */
export async function addMemberships(
  db: RosterDb,
  group: Pick<GroupRecord, 'id' | 'environmentId'>,
  userIds: readonly string[],
): Promise<string[]> {
  const chunks = await chunksOfGroup(db, group.id);
  const parsed = new Map<GroupMemberChunkRecord, string[]>();
  const idsOf = (chunk: GroupMemberChunkRecord): string[] => {
    let ids = parsed.get(chunk);
    if (!ids) parsed.set(chunk, (ids = chunkMemberIds(db, chunk)));
    return ids;
  };
  const given = [...new Set(userIds)];
  let isMember: (id: string) => boolean;
  if (given.length <= TEXT_SEARCH_MAX) {
    isMember = (id) => {
      const encoded = [JSON.stringify(id)];
      return chunks.some((chunk) => mayHold(chunk, encoded) && idsOf(chunk).includes(id));
    };
  } else {
    const members = new Set(chunks.flatMap(idsOf));
    isMember = (id) => members.has(id);
  }
  const added = given.filter((id) => !isMember(id));
  if (!added.length) return [];
  const changed: GroupMemberChunkRecord[] = [];
  let next = 0;
  for (const chunk of chunks) {
    if (next >= added.length) break;
    const room = MEMBER_CHUNK_SIZE - chunk.count;
    if (room <= 0) continue;
    changed.push(
      memberChunk(group.id, group.environmentId, chunk.seq, idsOf(chunk).concat(added.slice(next, next + room))),
    );
    next += room;
  }
  if (next < added.length)
    changed.push(...packMembers(group.id, group.environmentId, added.slice(next), (chunks.at(-1)?.seq ?? -1) + 1));
  await writeChunks(db, changed, []);
  return added;
}

/** Removes users from a group; ids that are not members are ignored. Returns the ids that went. */
export async function removeMemberships(db: RosterDb, groupId: string, userIds: readonly string[]): Promise<string[]> {
  if (!userIds.length) return [];
  return removeFromChunks(db, await chunksOfGroup(db, groupId), userIds);
}

/** The ids of a group's members, in the order they were added (chunk by chunk). */
export async function memberIdsOf(db: RosterDb, groupId: string): Promise<string[]> {
  return (await chunksOfGroup(db, groupId)).flatMap((chunk) => chunkMemberIds(db, chunk));
}

/**
 * The groups a user of `environmentId` belongs to, by id. No index leads from a user to its
 * groups: this reads the environment's member chunks and searches each as text first.
 */
export async function groupIdsOfUser(db: RosterDb, environmentId: string, userId: string): Promise<string[]> {
  const chunks = await chunksOfEnvironment(db, environmentId);
  const encoded = [JSON.stringify(userId)];
  const groupIds = new Set<string>();
  for (const chunk of chunks) {
    if (groupIds.has(chunk.groupId) || !mayHold(chunk, encoded)) continue;
    if (chunkMemberIds(db, chunk).includes(userId)) groupIds.add(chunk.groupId);
  }
  // In id order, as the per-membership index gave them.
  return [...groupIds].sort();
}

/**
 * The groups of each of several users of `environmentId` (a page of a list), by id: one read
 * of the environment's member chunks for them all, not one per user.
 */
export async function groupIdsOfUsers(
  db: RosterDb,
  environmentId: string,
  userIds: readonly string[],
): Promise<Map<string, string[]>> {
  const byUser = new Map(userIds.map((id) => [id, [] as string[]]));
  if (!userIds.length) return byUser;
  const chunks = await chunksOfEnvironment(db, environmentId);
  // A text search per id pays off for a few ids; for many, parsing every chunk once is cheaper.
  const encoded = userIds.length <= TEXT_SEARCH_MAX ? userIds.map((id) => JSON.stringify(id)) : undefined;
  for (const chunk of chunks) {
    if (encoded && !mayHold(chunk, encoded)) continue;
    for (const id of chunkMemberIds(db, chunk)) {
      const groups = byUser.get(id);
      if (groups && !groups.includes(chunk.groupId)) groups.push(chunk.groupId);
    }
  }
  return byUser;
}

/** Member count of each group: the sum of its chunks' counts, without parsing any. */
export async function memberCounts(db: RosterDb, groupIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map(groupIds.map((id) => [id, 0]));
  if (!groupIds.length) return counts;
  const chunks = admit<GroupMemberChunkRecord>(
    db,
    'groupMembers',
    await db.groupMembers
      .where('groupId')
      .anyOf([...groupIds])
      .toArray(),
  );
  for (const chunk of chunks) counts.set(chunk.groupId, (counts.get(chunk.groupId) ?? 0) + chunk.count);
  return counts;
}

/** Removes users of `environmentId` from every group (when the users are deleted). */
export async function removeUsersFromAllGroups(
  db: RosterDb,
  environmentId: string,
  userIds: readonly string[],
): Promise<void> {
  if (!userIds.length) return;
  const chunks = await chunksOfEnvironment(db, environmentId);
  await removeFromChunks(db, chunks, userIds);
}
