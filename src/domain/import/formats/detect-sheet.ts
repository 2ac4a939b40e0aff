/**
 * Which format a sheet is, from its header: the first profile that recognises it, in an order
 * that puts the more particular files first (a template's preamble, then headers only one
 * provider writes), and plain CSV last.
 */
import { auth0Csv, auth0Extension } from './auth0';
import { entraDownload, entraTemplate } from './entra';
import { google } from './google';
import { okta } from './okta';
import { outsystems, plainCsv } from './outsystems';
import type { ImportFormat, SheetProfile } from './sheet-format';

export const SHEET_PROFILES: readonly SheetProfile[] = [
  entraTemplate,
  entraDownload,
  google,
  auth0Csv,
  auth0Extension,
  okta,
  outsystems,
  plainCsv,
];

/**
 * The profile of a sheet's header. With `format` forced, the first of that format's profiles
 * that recognises the header, else its first (a forced `csv` is always Roster's own columns).
 */
export function detectSheet(header: readonly string[], format?: ImportFormat): SheetProfile {
  if (format === 'csv') return plainCsv;
  const candidates = format ? SHEET_PROFILES.filter((profile) => profile.format === format) : SHEET_PROFILES;
  return candidates.find((profile) => profile.detect(header)) ?? candidates[0] ?? plainCsv;
}

/** Whether a format is read from a sheet (CSV) rather than from JSON. */
export function isSheetFormat(format: ImportFormat): boolean {
  return SHEET_PROFILES.some((profile) => profile.format === format);
}
