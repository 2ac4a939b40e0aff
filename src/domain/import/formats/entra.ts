/**
 * Microsoft Entra ID: the admin center's "Download users" file (a header of Graph property
 * names) and the bulk-create template administrators fill in (`version:v1.0`, then headings
 * such as `Block sign in (Yes/No) [accountEnabled] Required`, read by the bracketed property).
 */
import { headerKey } from '../columns';
import { bracketedName, type SheetProfile } from './sheet-format';

const IGNORED = { note: 'an Entra ID property Roster does not keep; ignored' };
const CREATED = { note: 'creation information: Roster sets its own creation time' };

export const entraDownload: SheetProfile = {
  format: 'entra',
  variant: 'entra-download',
  label: 'Entra ID user download',
  detect: (header) => {
    const keys = new Set(header.map(headerKey));
    return keys.has('userprincipalname') && (keys.has('accountenabled') || keys.has('id') || keys.has('objectid'));
  },
  columns: {
    userprincipalname: 'username',
    displayname: 'name',
    givenname: 'givenName',
    surname: 'familyName',
    mail: 'email',
    mobilephone: 'mobilePhone',
    mobile: 'mobilePhone',
    accountenabled: 'isActive',
    id: 'externalId',
    objectid: 'externalId',
    createddatetime: CREATED,
    usertype: IGNORED,
    jobtitle: IGNORED,
    department: IGNORED,
    usagelocation: IGNORED,
  },
};

export const entraTemplate: SheetProfile = {
  format: 'entra',
  variant: 'entra-template',
  label: 'Entra ID bulk-create template',
  detect: (header) => /^version:/i.test((header[0] ?? '').trim()),
  headerAfterPreamble: true,
  nameOf: bracketedName,
  skipRow: (cells) => (/^example:/i.test((cells[0] ?? '').trim()) ? 'the template’s example row; skipped' : undefined),
  columns: {
    displayname: 'name',
    userprincipalname: 'username',
    // The template's column is "Block sign in (Yes/No)": Yes means the account is not enabled.
    accountenabled: 'blocked',
    givenname: 'givenName',
    surname: 'familyName',
    mobile: 'mobilePhone',
    mobilephone: 'mobilePhone',
    mail: 'email',
    jobtitle: IGNORED,
    department: IGNORED,
    usagelocation: IGNORED,
  },
};
