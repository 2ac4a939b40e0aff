/**
 * A migration is frozen: it must write what its version stored, whatever later code does
 * (Actual Budget freezes its migrations the same way). So each file in src/db/migrations may
 * import only what cannot change what it writes:
 *
 * - `dexie`, value or type: the library whose Transaction the upgrade runs in. It is a pinned
 *   dependency, not our code; a Dexie upgrade is checked by every migration test.
 * - `import type` from `../records`: record shapes, erased at build, so they cannot change what
 *   is written; the compiler still checks that the migration fits them. A later version that
 *   changes a shape the migration relies on copies the old shape into the migration.
 *
 * Nothing else: not src/domain (counting facts, username order, rules: they change with the
 * app), not src/index (the user codec), not src/api, not the other src/db modules (layout
 * constants, repositories, audit keying), not even as `import type` from them (a type from
 * there would invite a value next to it). What a migration needs of them is copied into it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MIGRATIONS = join(import.meta.dirname, '../../src/db/migrations');

interface Import {
  from: string;
  typeOnly: boolean;
}

/** Every import, re-export, dynamic import and require of a source text. */
function importsOf(fileName: string, text: string): Import[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      // `import type { A }`, or `import { type A, type B }` with every name a type.
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      found.push({ from: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ from: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      found.push({ from: ts.isStringLiteral(expression) ? expression.text : '<computed>', typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      const [argument] = node.arguments;
      found.push({ from: argument && ts.isStringLiteral(argument) ? argument.text : '<computed>', typeOnly: false });
    } else if (ts.isImportTypeNode(node)) {
      // `import('../../domain').EndUser` in a type position: a type, but from where?
      const argument = node.argument;
      const from =
        ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal) ? argument.literal.text : '<computed>';
      found.push({ from, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Why an import may not be in a migration, or undefined when it may. */
function refusal({ from, typeOnly }: Import): string | undefined {
  if (from === 'dexie') return undefined;
  if (from === '../records' && typeOnly) return undefined;
  if (from === '../records') return `${from}: record shapes only, as import type`;
  return `${from}: may change with the app; copy what the migration needs into it`;
}

function refusals(fileName: string, text: string): string[] {
  return importsOf(fileName, text).flatMap((entry) => refusal(entry) ?? []);
}

const files = readdirSync(MIGRATIONS).filter((name) => /\.(ts|js|svelte)$/.test(name));

describe('frozen migrations', () => {
  it('finds the migrations (v2, v4, v6 at least)', () => {
    expect(files).toEqual(expect.arrayContaining(['v2-user-chunks.ts', 'v4-member-chunks.ts', 'v6-audit-buckets.ts']));
  });

  it.each(files)('%s imports only dexie and record types', (name) => {
    const text = readFileSync(join(MIGRATIONS, name), 'utf8');
    expect(importsOf(name, text).length).toBeGreaterThan(0);
    expect(refusals(name, text)).toEqual([]);
  });

  // The checker itself: each of these must be refused, or the test above proves nothing.
  it.each([
    "import { compareUsernameKeys } from '../../domain';",
    "import type { EndUser } from '../../domain';",
    "import { type EndUser, tallyUsers } from '../../domain/usage';",
    "import { packUser } from '../../index/user-codec';",
    "import { openRoster } from '../../api';",
    "import { CHUNK_SIZE } from '../layout';",
    "import { countKey } from '../audit-buckets';",
    "import { RosterDb } from '../index';",
    "import { toUserRecord } from '../records';",
    "export { packUser } from '../../index/user-codec';",
    "const codec = await import('../../index/user-codec');",
    "type User = import('../../domain').EndUser;",
    "const layout = require('../layout');",
  ])('refuses: %s', (code) => {
    expect(refusals('x.ts', code)).not.toEqual([]);
  });

  it.each([
    "import type { Transaction } from 'dexie';",
    "import { Dexie } from 'dexie';",
    "import type { UserRecord } from '../records';",
    "import { type UserRecord, type TallyRecord } from '../records';",
  ])('allows: %s', (code) => {
    expect(refusals('x.ts', code)).toEqual([]);
  });
});
