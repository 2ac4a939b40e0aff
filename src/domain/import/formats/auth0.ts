/**
 * Auth0: the user export job's CSV (every string value written as `'value`, field names as
 * chosen for the job, such as `user_id,email,name,blocked,last_login`) and the CSV of the
 * User Import / Export extension (titles: `Id`, `Given Name`, `Family Name`, `Email`, …). A
 * user's username is `username` where the connection has one, else the email, else user_id.
 */
import { headerKey } from '../columns';
import { hasAll, type SheetProfile } from './sheet-format';

const CREATED = { note: 'creation information: Roster sets its own creation time' };
const IGNORED = { note: 'an Auth0 attribute Roster does not keep; ignored' };

/** Auth0's export job writes each value as `'value`, so that spreadsheets keep it as text. */
export function auth0Cell(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/** The user's fields as both CSVs name them (after headerKey: lower case, no spaces, underscores or hyphens). */
const USER_COLUMNS: SheetProfile['columns'] = {
  userid: 'externalId',
  username: 'username',
  email: 'email',
  name: 'name',
  givenname: 'givenName',
  familyname: 'familyName',
  phonenumber: 'mobilePhone',
  blocked: 'blocked',
  lastlogin: 'lastLogin',
  createdat: CREATED,
  emailverified: IGNORED,
  nickname: IGNORED,
  loginscount: IGNORED,
};

export const auth0Csv: SheetProfile = {
  format: 'auth0',
  variant: 'auth0-csv',
  label: 'Auth0 user export (CSV)',
  detect: (header) => header.map((cell) => auth0Cell(cell).trim()).includes('user_id'),
  cleanCell: auth0Cell,
  usernameFrom: ['email', 'externalId'],
  columns: {
    ...USER_COLUMNS,
    updatedat: IGNORED,
    picture: IGNORED,
    identities: IGNORED,
    appmetadata: IGNORED,
    usermetadata: IGNORED,
  },
};

export const auth0Extension: SheetProfile = {
  format: 'auth0',
  variant: 'auth0-extension',
  label: 'Auth0 Import / Export extension (CSV)',
  detect: (header) => {
    const keys = new Set(header.map(headerKey));
    return hasAll(keys, 'id', 'givenname', 'familyname') || hasAll(keys, 'id', 'email', 'connection');
  },
  cleanCell: auth0Cell,
  usernameFrom: ['email', 'externalId'],
  columns: {
    ...USER_COLUMNS,
    id: 'externalId',
    latestlogin: 'lastLogin',
    connection: IGNORED,
  },
};
