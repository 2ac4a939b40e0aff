/**
 * Which format a JSON document is (Keycloak, SCIM, Auth0's NDJSON lines), and its sheet. Pure:
 * the API parses the text and hands over the document (or, for NDJSON, its lines).
 */
import { isAuth0Lines, readAuth0Lines } from './auth0-json';
import type { JsonSheet } from './json-sheet';
import { isKeycloak, readKeycloak } from './keycloak';
import { isScim, readScim } from './scim';
import type { ImportFormat } from './sheet-format';

export const JSON_FORMATS: readonly ImportFormat[] = ['keycloak', 'scim', 'auth0'];

/**
 * The sheet of a parsed JSON document, or of NDJSON lines (`lines: true`), in the format forced
 * or detected; a sentence saying why when it is none Roster reads.
 */
export function readJsonDocument(
  document: unknown,
  options: { lines?: boolean; format?: ImportFormat } = {},
): JsonSheet | { error: string } {
  const { format } = options;
  if (options.lines) {
    if ((!format || format === 'auth0') && isAuth0Lines(document as unknown[]))
      return readAuth0Lines(document as unknown[]);
    return { error: 'The file has one JSON object a line, but they are not Auth0 users (each with a user_id).' };
  }
  if (format === 'keycloak' || (!format && isKeycloak(document))) {
    if (isKeycloak(document)) return readKeycloak(document);
    return { error: 'This is not a Keycloak export: a realm (with "realm" and "users") or an array of realms.' };
  }
  if (format === 'scim' || (!format && isScim(document))) {
    if (isScim(document)) return readScim(document);
    return { error: 'This is not SCIM 2.0: a ListResponse, or User and Group resources.' };
  }
  // An NDJSON export of one user is a valid JSON document (a single object), and Auth0's
  // Management API gives users as an array: both are the export job's lines, read alike.
  const auth0Users = Array.isArray(document) ? document : [document];
  if ((!format || format === 'auth0') && isAuth0Lines(auth0Users)) return readAuth0Lines(auth0Users);
  return {
    error:
      'Roster does not know this JSON: it reads Keycloak realm and users exports, SCIM 2.0 resources ' +
      'and Auth0 user exports (one JSON object a line, each with a user_id).',
  };
}
