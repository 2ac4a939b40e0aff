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
  ])('refuses in %s: %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['src/domain/x.ts', "import { z } from 'zod';\nimport { classifyUser } from './classification';\nexport { z, classifyUser };\n"],
    ['src/db/x.ts', "import { Dexie } from 'dexie';\nexport { Dexie };\n"],
    ['src/ui/x.ts', "import { openRoster } from '../api';\nexport { openRoster };\n"],
  ])('allows in %s: %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
