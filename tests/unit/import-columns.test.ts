import { describe, expect, it } from 'vitest';
import { detectField, headerKey, mapColumns, type ImportField, type ImportMapping } from '../../src/domain/import';

const fields = (headers: string[], mapping?: ImportMapping) =>
  mapColumns(headers, mapping).columns.map((column) => column.field);

describe('detectField', () => {
  it.each<[string, ImportField]>([
    ['username', 'username'],
    ['User Name', 'username'],
    ['USER_NAME', 'username'],
    ['Name', 'name'],
    ['E-Mail', 'email'],
    ['Mail', 'email'],
    ['Email address', 'email'],
    ['Full name', 'name'],
    ['Display Name', 'name'],
    ['mobilePhone', 'mobilePhone'],
    ['mobile_phone', 'mobilePhone'],
    ['Phone', 'mobilePhone'],
    ['mobile', 'mobilePhone'],
    ['isActive', 'isActive'],
    ['Is Active', 'isActive'],
    ['active', 'isActive'],
    ['Enabled', 'isActive'],
    ['status', 'isActive'],
    ['Last login', 'lastLogin'],
    ['last-login', 'lastLogin'],
    ['External ID', 'externalId'],
    ['groups', 'groups'],
    ['ROLES', 'roles'],
  ])('reads the header %j as %s', (header, field) => {
    expect(detectField(header)).toEqual({ field });
  });

  it.each(['environment', 'class', 'createdAt', 'Created At'])(
    'ignores the export column %j with a note that says why',
    (header) => {
      const detected = detectField(header);
      expect(detected.field).toBeNull();
      expect(detected.note).toMatch(/Roster’s export/);
    },
  );

  it('ignores an unknown column with a note', () => {
    expect(detectField('Department')).toEqual({ field: null, note: 'not a column Roster imports; ignored' });
  });

  it('ignores a column without a header, as a trailing delimiter leaves', () => {
    expect(detectField('')).toEqual({ field: null, note: 'no header; ignored' });
    expect(detectField('  ')).toEqual({ field: null, note: 'no header; ignored' });
  });

  it('compares headers without case, white space, underscores and hyphens', () => {
    expect(headerKey(' Mobile_Phone-Number ')).toBe('mobilephonenumber');
  });
});

describe('mapColumns', () => {
  it('reads every column of Roster’s own export, ignoring the export-only ones', () => {
    const header = [
      'environment',
      'username',
      'name',
      'email',
      'mobilePhone',
      'class',
      'active',
      'lastLogin',
      'createdAt',
      'externalId',
    ];
    const reading = mapColumns(header);
    expect(reading.errors).toEqual([]);
    expect(reading.columns.map((column) => column.field)).toEqual([
      null,
      'username',
      'name',
      'email',
      'mobilePhone',
      null,
      'isActive',
      'lastLogin',
      null,
      'externalId',
    ]);
    expect(reading.columns[0]).toMatchObject({
      index: 0,
      header: 'environment',
      note: expect.stringContaining('not imported'),
    });
  });

  it('lists unknown columns and goes on', () => {
    const reading = mapColumns(['username', 'Department', 'email']);
    expect(reading.errors).toEqual([]);
    expect(reading.columns[1]).toEqual({
      index: 1,
      header: 'Department',
      field: null,
      note: 'not a column Roster imports; ignored',
    });
  });

  it('ignores the empty last column of a trailing delimiter', () => {
    expect(fields(['username', 'email', ''])).toEqual(['username', 'email', null]);
    expect(mapColumns(['username', 'email', '']).errors).toEqual([]);
  });

  it('reads the first of two columns with the same header and notes the second', () => {
    const reading = mapColumns(['username', 'email', 'Email']);
    expect(reading.errors).toEqual([]);
    expect(reading.columns[2]).toEqual({
      index: 2,
      header: 'Email',
      field: null,
      note: "a second column for email: 'email' (column 2) is read; ignored",
    });
  });

  it('reads the first of two columns that mean the same field', () => {
    expect(fields(['username', 'active', 'isActive'])).toEqual(['username', 'isActive', null]);
  });

  it('reads a column the mapping names as the field it gives', () => {
    expect(fields(['Login', 'Mail'], { Login: 'username', Mail: 'email' })).toEqual(['username', 'email']);
  });

  it('ignores a column the mapping sets to null', () => {
    const reading = mapColumns(['username', 'email'], { email: null });
    expect(reading.columns[1]).toEqual({ index: 1, header: 'email', field: null, note: 'ignored by the mapping' });
  });

  it('applies a mapping written with another case or spacing of the header', () => {
    expect(fields(['username', 'e mail'], { 'E-Mail': 'email' })).toEqual(['username', 'email']);
  });

  it('lets a mapped column win over a column guessed for the same field', () => {
    const reading = mapColumns(['username', 'email', 'Work mail'], { 'Work mail': 'email' });
    expect(reading.columns.map((column) => column.field)).toEqual(['username', null, 'email']);
    expect(reading.columns[1]?.note).toBe("a second column for email: 'Work mail' (column 3) is read; ignored");
  });

  it('rejects a mapping to a field Roster does not import, naming it', () => {
    const mapping = JSON.parse('{"Login": "username", "Dept": "department"}') as ImportMapping;
    const { errors } = mapColumns(['Login', 'Dept'], mapping);
    expect(errors).toEqual([
      expect.stringContaining("reads 'Dept' as 'department', which is not a field Roster imports"),
    ]);
  });

  it('rejects a mapping of a column the file does not have', () => {
    expect(mapColumns(['username'], { Mail: 'email' }).errors).toEqual([
      "The mapping names the column 'Mail', which the file does not have.",
    ]);
  });

  it('rejects a mapping that reads two columns as one field', () => {
    expect(mapColumns(['username', 'Mail', 'Work mail'], { Mail: 'email', 'Work mail': 'email' }).errors).toEqual([
      "The mapping reads both 'Mail' and 'Work mail' as email; choose one.",
    ]);
  });

  it('says so when no column is read as username', () => {
    expect(mapColumns(['name', 'email']).errors).toEqual([
      'No column is read as username: name a column "username", or map one to username.',
    ]);
    expect(mapColumns(['username'], { username: null }).errors).toHaveLength(1);
  });
});
