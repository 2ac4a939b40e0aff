/**
 * Okta: the CSV of a user list or report (`User Id,Status,Username,First name,Last name,Primary
 * email`, or `User,Login,Status,…,Last Login`), and Okta's own CSV import template
 * (`login,firstName,lastName,email,mobilePhone`). Statuses (ACTIVE, LOCKED_OUT, SUSPENDED, …,
 * or the console's labels) are read by the generic yes/no reading, which knows them.
 */
import { headerKey } from '../columns';
import { hasAll, type SheetProfile } from './sheet-format';

const IGNORED = { note: 'an Okta attribute Roster does not keep; ignored' };

export const okta: SheetProfile = {
  format: 'okta',
  variant: 'okta',
  label: 'Okta user list',
  detect: (header) => {
    const keys = new Set(header.map(headerKey));
    return (
      hasAll(keys, 'primaryemail') ||
      hasAll(keys, 'userid', 'status', 'username') ||
      hasAll(keys, 'user', 'login', 'status') ||
      hasAll(keys, 'login', 'firstname', 'lastname')
    );
  },
  columns: {
    userid: 'externalId',
    login: 'username',
    username: 'username',
    user: 'name',
    firstname: 'givenName',
    lastname: 'familyName',
    primaryemail: 'email',
    email: 'email',
    mobilephone: 'mobilePhone',
    primaryphone: IGNORED,
    status: 'isActive',
    lastlogin: 'lastLogin',
    created: { note: 'creation information: Roster sets its own creation time' },
    lastupdated: IGNORED,
    passwordchanged: IGNORED,
    activated: IGNORED,
  },
};
