import { describe, expect, it } from 'vitest';
import { neutraliseCsvText } from '../../src/domain';
import {
  mapColumns,
  parseImportDate,
  parseYesNo,
  readUserRow,
  restoreNeutralisedText,
  splitList,
  type CellOptions,
} from '../../src/domain/import';

/** One row under a header, read as the import reads it. */
function read(header: string[], cells: string[], options?: CellOptions, row = 17) {
  return readUserRow(row, cells, mapColumns(header).columns, options);
}

describe('parseYesNo', () => {
  it.each(['true', 'TRUE', 'yes', 'Yes', '1', 'active', 'Active', 'enabled', ' ENABLED '])(
    'reads %j as yes',
    (cell) => {
      expect(parseYesNo(cell)).toBe(true);
    },
  );
  it.each(['false', 'False', 'no', 'NO', '0', 'inactive', 'Inactive', 'disabled'])('reads %j as no', (cell) => {
    expect(parseYesNo(cell)).toBe(false);
  });
  it('reads an empty cell as not given', () => {
    expect(parseYesNo('')).toBeUndefined();
    expect(parseYesNo('  ')).toBeUndefined();
  });
  it.each(['maybe', 'y', '2', 'on'])('does not read %j', (cell) => {
    expect(parseYesNo(cell)).toBeNull();
  });
});

describe('isActive cells', () => {
  it('names the row and the column of a value that is not yes or no', () => {
    expect(read(['username', 'isActive'], ['ann', 'maybe']).errors).toEqual([
      "row 17, isActive: 'maybe' is not a yes/no value " +
        '(use yes/no, true/false, 1/0, active/inactive or enabled/disabled).',
    ]);
  });
  it('names the column as the file’s header writes it', () => {
    expect(read(['username', 'Active'], ['ann', 'maybe']).errors[0]).toMatch(/^row 17, Active: 'maybe'/);
  });
  it('reads the yes/no of Roster’s export column active', () => {
    expect(read(['username', 'active'], ['ann', 'no']).input).toEqual({ username: 'ann', isActive: false });
  });
});

describe('restoreNeutralisedText', () => {
  it.each(['=1+1', '+44 20 7946 0000', '-5', '@sum', '\tx', '\rx'])(
    'undoes the export’s neutralisation of %j',
    (text) => {
      expect(restoreNeutralisedText(neutraliseCsvText(text))).toBe(text);
    },
  );
  it.each(["'s-Hertogenbosch", "O'Brien", "'quoted'", 'plain'])(
    'keeps %j, which the export does not change',
    (text) => {
      expect(restoreNeutralisedText(text)).toBe(text);
    },
  );
  it('removes one apostrophe only', () => {
    expect(restoreNeutralisedText("''=x")).toBe("''=x");
    expect(restoreNeutralisedText("'=x'")).toBe("=x'");
  });
  it('reads a neutralised phone cell as the phone number', () => {
    expect(read(['username', 'mobilePhone'], ['ann', "'+44 20 7946 0000"]).input.mobilePhone).toBe('+44 20 7946 0000');
  });
});

describe('text cells', () => {
  it('trims cells and leaves out empty ones', () => {
    expect(read(['username', 'name', 'email', 'externalId'], [' ann ', '', ' ann@example.com ', '   ']).input).toEqual({
      username: 'ann',
      email: 'ann@example.com',
    });
  });
  it('makes each line break in a name one space', () => {
    expect(read(['username', 'name'], ['ann', 'Ann\r\nMarie \n  Smith']).input.name).toBe('Ann Marie Smith');
  });
  it.each([
    ['username', 'ann\nsmith', "row 17, username: 'ann↵smith' has a line break, which a username may not have."],
    [
      'email',
      'ann@\r\nexample.com',
      "row 17, email: 'ann@↵example.com' has a line break, which an email address may not have.",
    ],
    ['mobilePhone', '+44\n20', "row 17, mobilePhone: '+44↵20' has a line break, which a phone number may not have."],
  ])('makes a line break in %s the row’s error', (column, cell, message) => {
    const reading = read(
      ['username', column].filter((c, i) => i === 0 || c !== 'username'),
      column === 'username' ? [cell] : ['ann', cell],
    );
    expect(reading.errors).toEqual([message]);
    expect(reading.input).not.toHaveProperty(column);
  });
  it('does not judge usernames or emails beyond line breaks (the API does)', () => {
    expect(read(['username', 'email'], ['a b', 'not an email']).errors).toEqual([]);
  });
  it('ignores cells of ignored columns', () => {
    expect(
      read(['environment', 'username', 'class', 'Department'], ['prod', 'ann', 'internal', 'Sales']).input,
    ).toEqual({ username: 'ann' });
  });
  it('ignores empty cells past the last column and rejects text there', () => {
    expect(read(['username'], ['ann', '', ' ']).errors).toEqual([]);
    expect(read(['username'], ['ann', 'x', '', 'y']).errors).toEqual([
      "row 17: 2 cells have text past the last column ('x', 'y'); check the delimiters and quotes.",
    ]);
  });
  it('cuts long cells in messages', () => {
    const message = read(['username', 'isActive'], ['ann', 'x'.repeat(100)]).errors[0] ?? '';
    expect(message).toContain(`'${'x'.repeat(59)}…'`);
  });
});

describe('groups and roles', () => {
  it('splits a list on semicolons, trims, drops empties and repeats in any case', () => {
    expect(splitList(' Sales ; ;sales; Managers;')).toEqual(['Sales', 'Managers']);
  });
  it('splits a list on the line breaks of a spreadsheet cell too', () => {
    expect(splitList('Sales\r\nManagers\nHR')).toEqual(['Sales', 'Managers', 'HR']);
  });
  it('reads groups as names', () => {
    expect(read(['username', 'groups'], ['ann', 'Sales;Managers']).input.groups).toEqual(['Sales', 'Managers']);
  });
  it('reads roles as application/role', () => {
    expect(
      read(['username', 'roles'], ['ann', 'Sales App/Manager; HR / Viewer;sales app / manager']).input.roles,
    ).toEqual([
      { application: 'Sales App', name: 'Manager' },
      { application: 'HR', name: 'Viewer' },
    ]);
  });
  it('reads the role after the last "/": an application may be a URL (a SAML client id)', () => {
    const reading = read(['username', 'roles'], ['ann', 'https://sp.example.com/saml/Viewer']);
    expect(reading.errors).toEqual([]);
    expect(reading.input.roles).toEqual([{ application: 'https://sp.example.com/saml', name: 'Viewer' }]);
  });
  it.each(['Manager', '/Manager', 'Sales/', 'a/b/'])(
    'names the cell of a role %j that is not application/role',
    (role) => {
      const reading = read(['username', 'roles'], ['ann', `Sales/Viewer;${role}`]);
      expect(reading.errors).toEqual([
        `row 17, roles: '${role}' is not a role written as application/role, such as 'Sales App/Manager'.`,
      ]);
      expect(reading.input.roles).toEqual([{ application: 'Sales', name: 'Viewer' }]);
    },
  );
});

describe('parseImportDate', () => {
  it.each([
    ['2024-03-01', '2024-03-01T00:00:00.000Z'],
    ['2024-03-01T10:00:00Z', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01T10:00Z', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01T10:00:00.123456Z', '2024-03-01T10:00:00.123Z'],
    ['2024-03-01T10:00:00+02:00', '2024-03-01T08:00:00.000Z'],
    ['2024-03-01T10:00:00-0530', '2024-03-01T15:30:00.000Z'],
    ['2024-03-01 10:00:00', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01T10:00:00', '2024-03-01T10:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('reads the ISO date %j in any order as %s (no zone is UTC)', (cell, iso) => {
    for (const order of [undefined, 'iso', 'mdy', 'dmy'] as const)
      expect(parseImportDate(cell, order)).toEqual({ iso });
  });

  it.each(['8/19/2021', '19/08/2021 13:25', '8/19/2021 1:25:31 PM', '01.02.2021'])(
    'asks for the date order of %j',
    (cell) => {
      expect(parseImportDate(cell)).toEqual({
        error: `'${cell}' is ambiguous: choose the date order (month first or day first).`,
      });
    },
  );

  it.each([
    ['8/19/2021', 'mdy', '2021-08-19T00:00:00.000Z'],
    ['19/08/2021 13:25', 'dmy', '2021-08-19T13:25:00.000Z'],
    ['8/19/2021 1:25:31 PM', 'mdy', '2021-08-19T13:25:31.000Z'],
    ['8/19/2021 12:05 am', 'mdy', '2021-08-19T00:05:00.000Z'],
    ['8/19/2021 12:05 p.m.', 'mdy', '2021-08-19T12:05:00.000Z'],
    ['01.02.2021', 'dmy', '2021-02-01T00:00:00.000Z'],
    ['01.02.2021', 'mdy', '2021-01-02T00:00:00.000Z'],
    ['3-4-2021', 'dmy', '2021-04-03T00:00:00.000Z'],
  ] as const)('reads %j in the order %s as %s', (cell, order, iso) => {
    expect(parseImportDate(cell, order)).toEqual({ iso });
  });

  it.each([
    ['2/30/2021', 'mdy', "'2/30/2021' is not a valid date: February 2021 has 28 days."],
    ['8/19/2021', 'dmy', "'8/19/2021' is not a valid date: there is no month 19."],
    ['2021-13-01', undefined, "'2021-13-01' is not a valid date: there is no month 13."],
    ['2021-02-29', undefined, "'2021-02-29' is not a valid date: February 2021 has 28 days."],
    ['2021-02-01T24:00:00Z', undefined, "'2021-02-01T24:00:00Z' is not a valid date: the time is out of range."],
    ['8/19/2021 13:00 PM', 'mdy', "'8/19/2021 13:00 PM' is not a valid date: 13 is not an hour of a 12-hour clock."],
    ['8/19/21', 'mdy', "'8/19/21' has a two-digit year; write the year with four digits."],
    ['8/19/2021', 'iso', "'8/19/2021' is not an ISO 8601 date such as 2021-08-19, and the date order chosen is ISO."],
    ['yesterday', 'mdy', "'yesterday' is not a date; write it as 2021-08-19 or 2021-08-19T13:25:00Z."],
    ['44427.5', undefined, "'44427.5' is not a date; write it as 2021-08-19 or 2021-08-19T13:25:00Z."],
  ] as const)('rejects %j (order %s)', (cell, order, error) => {
    expect(parseImportDate(cell, order)).toEqual({ error });
  });

  it('reads years before 100 as written', () => {
    expect(parseImportDate('0099-01-01')).toEqual({ iso: '0099-01-01T00:00:00.000Z' });
  });
});

describe('lastLogin cells', () => {
  it('names the row and column of an ambiguous date', () => {
    expect(read(['username', 'lastLogin'], ['ann', '8/19/2021']).errors).toEqual([
      "row 17, lastLogin: '8/19/2021' is ambiguous: choose the date order (month first or day first).",
    ]);
  });
  it('reads a date in the chosen order', () => {
    expect(read(['username', 'lastLogin'], ['ann', '19/08/2021 13:25'], { dateOrder: 'dmy' }).input.lastLogin).toBe(
      '2021-08-19T13:25:00.000Z',
    );
  });
});
