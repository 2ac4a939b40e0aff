/**
 * Google Workspace: the admin console's user download. Headings carry a bracketed note
 * (`Email Address [Required]`, `Status [READ ONLY]`) and are read by the words before it. The
 * email address is the login, so it is the username too. `Password…` columns are never read.
 */
import { headerKey } from '../columns';
import { nameBeforeBracket, type SheetProfile } from './sheet-format';

const IGNORED = { note: 'a Google Workspace field Roster does not keep; ignored' };

export const google: SheetProfile = {
  format: 'google',
  variant: 'google',
  label: 'Google Workspace user download',
  detect: (header) => {
    const keys = new Set(header.map((cell) => headerKey(nameBeforeBracket(cell))));
    const notes = header.some((cell) => /\[(required|read only|upload only)\]/i.test(cell));
    return keys.has('emailaddress') && (notes || keys.has('orgunitpath'));
  },
  nameOf: nameBeforeBracket,
  usernameFrom: ['email'],
  columns: {
    firstname: 'givenName',
    lastname: 'familyName',
    emailaddress: 'email',
    status: 'isActive',
    lastsignin: 'lastLogin',
    mobilephone: 'mobilePhone',
    employeeid: 'externalId',
    orgunitpath: { note: 'an organisational unit, not a group: Roster groups are named sets of users; ignored' },
    newprimaryemail: IGNORED,
    newstatus: IGNORED,
    recoveryemail: IGNORED,
    recoveryphone: IGNORED,
    workphone: IGNORED,
    homephone: IGNORED,
    employeetype: IGNORED,
    employeetitle: IGNORED,
    manageremail: IGNORED,
    department: IGNORED,
    costcenter: IGNORED,
    '2svenrolled': IGNORED,
    '2svenforced': IGNORED,
    emailusage: IGNORED,
    driveusage: IGNORED,
    totalstorage: IGNORED,
  },
};
