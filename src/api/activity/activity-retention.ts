/**
 * How long the activity log keeps entries (a database setting: default every entry), and
 * applying it: entries dated before now minus N days go, a few thousand per transaction, so
 * that trimming a large log never holds the database or the page for long. An entry newer than
 * the setting is never deleted: the cutoff is computed once, from the clock, before deleting.
 */
import { deleteAuditBefore, getSetting, putSetting, writeTransaction } from '../../db';
import { yieldToEventLoop } from '../../index';
import { audit, type ApiContext } from '../context';
import { parseInput } from '../errors';
import { retentionSchema, type Retention } from './activity-schemas';

const RETENTION_KEY = 'activityRetention';
/** Entries deleted per transaction. */
const DELETE_BATCH = 2000;
const DAY_MS = 86_400_000;

export async function getRetention(context: ApiContext): Promise<Retention> {
  return (await getSetting<Retention>(context.db, RETENTION_KEY)) ?? { days: null };
}

export async function setRetention(context: ApiContext, input: Retention): Promise<Retention> {
  const retention = parseInput(retentionSchema, input);
  return writeTransaction(context.db, async () => {
    const before = await getRetention(context);
    if (before.days === retention.days) return retention;
    await putSetting(context.db, RETENTION_KEY, retention);
    await audit(context, {
      action: 'set-retention',
      entity: 'settings',
      entityId: RETENTION_KEY,
      changes: { keepDays: { before: before.days ?? 'every entry', after: retention.days ?? 'every entry' } },
    });
    return retention;
  });
}

/** Deletes the entries older than the retention allows; returns how many went (0 when it keeps everything). */
export async function applyRetention(context: ApiContext): Promise<number> {
  const { days } = await getRetention(context);
  if (days === null) return 0;
  const cutoff = new Date(context.now().getTime() - days * DAY_MS).toISOString();
  let deleted = 0;
  for (;;) {
    const batch = await writeTransaction(context.db, () => deleteAuditBefore(context.db, cutoff, DELETE_BATCH));
    deleted += batch;
    if (batch < DELETE_BATCH) return deleted;
    await yieldToEventLoop();
  }
}
