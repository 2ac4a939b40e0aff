/**
 * What Roster knows of a file format shaped as a sheet (a header row, one user a row): how to
 * recognise it from its header, how its headings and cells read, and which field each of its
 * columns fills. One small module per identity provider holds its profiles; the generic CSV
 * reading (../columns, ../cells) does the rest, so every format is checked and written alike.
 */
import type { ColumnProfile } from '../columns';

/** The formats an import tells apart (`csv`: Roster's own columns, or a sheet made by hand). */
export const IMPORT_FORMATS = ['csv', 'entra', 'okta', 'auth0', 'keycloak', 'google', 'scim'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface SheetProfile extends ColumnProfile {
  format: ImportFormat;
  /** Which file of the format, e.g. `entra-template`; shown with `label`. */
  variant: string;
  /** In words: "Entra ID bulk-create template". */
  label: string;
  /** Whether a header (its cells as written, the first record of the file) is this format's. */
  detect: (header: readonly string[]) => boolean;
  /** The first record is a preamble (Entra's `version:v1.0`): the header is the record after it. */
  headerAfterPreamble?: boolean;
  /** A cell as the format writes it, made plain (Auth0 puts `'` before every value). */
  cleanCell?: (cell: string) => string;
  /** Why a record is skipped (a template's example row), or undefined to read it. */
  skipRow?: (cells: readonly string[]) => string | undefined;
}

/** `Name [displayName] Required` → `displayName`: the property in brackets, else the heading. */
export function bracketedName(header: string): string {
  return /\[([^\]]+)\]/.exec(header)?.[1]?.trim() ?? header;
}

/** `First Name [Required]` → `First Name`: the heading before a bracketed note. */
export function nameBeforeBracket(header: string): string {
  const at = header.indexOf('[');
  return (at < 0 ? header : header.slice(0, at)).trim();
}

/** Whether a header (as `headerKey` would fold each cell of it) has every one of the keys. */
export function hasAll(keys: ReadonlySet<string>, ...wanted: string[]): boolean {
  return wanted.every((key) => keys.has(key));
}
