/** The key distinct emails are counted by, as the tests and v1's records compute it. */
import { effectiveEmail, type UserFields } from '../../src/domain';

/** The lower-cased effective email of a user, '' when it has none (what v1 stored as `emailKey`). */
export function emailKeyOf(user: UserFields): string {
  return effectiveEmail(user)?.toLowerCase() ?? '';
}
