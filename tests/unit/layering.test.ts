// The lint rule that keeps the layers apart: it must refuse each forbidden import.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layering lint rule', () => {
  it.each([
    ['src/domain/x.ts', "import { Dexie } from 'dexie';\nexport { Dexie };\n"],
    ['src/domain/x.ts', "import { mount } from 'svelte';\nexport { mount };\n"],
    ['src/domain/x.ts', "import { RosterDb } from '../db';\nexport { RosterDb };\n"],
    ['src/ui/x.ts', "import { RosterDb } from '../db';\nexport { RosterDb };\n"],
    ['src/ui/features/users/x.ts', "import { getUser } from '../../../db/user.repository';\nexport { getUser };\n"],
    ['src/state/x.ts', "import { Dexie } from 'dexie';\nexport { Dexie };\n"],
    ['src/api/x.ts', "import { liveQuery } from 'dexie';\nexport { liveQuery };\n"],
    ['src/ui/x.ts', "import { UserIndex } from '../index';\nexport { UserIndex };\n"],
    ['src/ui/features/users/x.ts', "import { packUser } from '../../../index/user-codec';\nexport { packUser };\n"],
    ['src/state/x.ts', "import { UserIndex } from '../index/user-index';\nexport { UserIndex };\n"],
    ['src/app/x.ts', "import { UserIndex } from '../index';\nexport { UserIndex };\n"],
    ['src/domain/x.ts', "import { packUser } from '../index/user-codec';\nexport { packUser };\n"],
    ['src/db/x.ts', "import { packUser } from '../index/user-codec';\nexport { packUser };\n"],
    ['src/db/migrations/x.ts', "import { packUser } from '../../index/user-codec';\nexport { packUser };\n"],
    ['src/index/x.ts', "import { Dexie } from 'dexie';\nexport { Dexie };\n"],
    ['src/index/x.ts', "import { openRoster } from '../api';\nexport { openRoster };\n"],
    ['src/index/x.ts', "import { errorMessage } from '../ui/errors';\nexport { errorMessage };\n"],
    ['src/index/user-codec.ts', "import { CHUNK_SIZE } from '../db';\nexport { CHUNK_SIZE };\n"],
  ])('refuses in %s: %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).not.toEqual([]);
  });

  it.each([
    [
      'src/domain/x.ts',
      "import { z } from 'zod';\nimport { classifyUser } from './classification';\nexport { z, classifyUser };\n",
    ],
    ['src/db/x.ts', "import { Dexie } from 'dexie';\nexport { Dexie };\n"],
    ['src/ui/x.ts', "import { openRoster } from '../api';\nexport { openRoster };\n"],
    ['src/ui/x.ts', "import { thing } from './index';\nexport { thing };\n"],
    [
      'src/api/x.ts',
      "import { UserIndex } from '../index';\n" +
        "import { packUser } from '../index/user-codec';\n" +
        'export { UserIndex, packUser };\n',
    ],
    [
      'src/index/x.ts',
      "import { CHUNK_SIZE } from '../db';\n" +
        "import { userFacts } from '../domain';\n" +
        "import { SortedOrder } from './sorted-order';\n" +
        'export { CHUNK_SIZE, userFacts, SortedOrder };\n',
    ],
    ['src/index/user-codec.ts', "import type { EndUser } from '../domain';\nexport type { EndUser };\n"],
    ['src/db/x.ts', "import { RosterDb } from './index';\nexport { RosterDb };\n"],
    [
      'src/db/migrations/x.ts',
      "import type { UserRecord } from '../records';\n" +
        "import { RosterDb } from '../index';\n" +
        'export { RosterDb, type UserRecord };\n',
    ],
  ])('allows in %s: %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
