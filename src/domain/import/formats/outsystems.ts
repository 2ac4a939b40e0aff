/**
 * OutSystems-style sheets: the columns of OutSystems' User entity (`Name`, `Username`, `Email`,
 * `MobilePhone`, `Is_Active`, `External_Id`, `Last_Login`) and the home-made uploads people
 * build for it, which add `Groups` and `Role`. Read as Roster's own CSV (the names match after
 * folding case and `_`); a `Password` column is never read, as in every format.
 */
import { headerKey } from '../columns';
import type { SheetProfile } from './sheet-format';

export const outsystems: SheetProfile = {
  format: 'csv',
  variant: 'outsystems',
  label: 'OutSystems-style sheet',
  detect: (header) =>
    header.some((cell) => /^(is_active|external_id|last_login|mobilephone)$/i.test(cell.trim())) &&
    header.some((cell) => headerKey(cell) === 'username'),
  columns: { role: 'roles', id: { note: 'the sheet’s own record id; ignored (External_Id is read)' } },
};

/** Roster's own columns, and any sheet not recognised as another format. */
export const plainCsv: SheetProfile = {
  format: 'csv',
  variant: 'csv',
  label: 'CSV',
  detect: () => true,
  columns: {},
};
