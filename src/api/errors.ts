/** The one error type of the Users API: a code and, for each offending field, a message. */
import type { z } from 'zod';

export type RosterErrorCode = 'validation' | 'conflict' | 'not-found';

export interface RosterIssue {
  /** The offending field, e.g. `email`, `domains.2` or, for a batch, `3.username`. */
  path: string;
  message: string;
}

export class RosterError extends Error {
  override readonly name = 'RosterError';
  readonly code: RosterErrorCode;
  readonly issues: RosterIssue[];

  constructor(code: RosterErrorCode, issues: RosterIssue[], message?: string) {
    super(
      message ?? issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; '),
    );
    this.code = code;
    this.issues = issues;
  }

  static validation(path: string, message: string): RosterError {
    return new RosterError('validation', [{ path, message }]);
  }

  static conflict(path: string, message: string): RosterError {
    return new RosterError('conflict', [{ path, message }]);
  }

  static notFound(path: string, message: string): RosterError {
    return new RosterError('not-found', [{ path, message }]);
  }
}

/** Joins a zod issue path into the dotted form the API reports. */
function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Turns zod's issues into the API's, optionally under a prefix such as a batch index. */
export function issuesFromZod(error: z.ZodError, prefix?: string): RosterIssue[] {
  const at = (path: readonly PropertyKey[]) => joinPath(prefix === undefined ? path : [prefix, ...path]);
  return error.issues.flatMap((issue) =>
    // An unknown field is named by its own path, one issue per field, not by its parent object's.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: at([...issue.path, key]), message: `Unknown field "${key}".` }))
      : [{ path: at(issue.path), message: issue.message }],
  );
}

/** Parses an input at the API gate, throwing a validation RosterError that names each field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new RosterError('validation', issuesFromZod(result.error));
  return result.data;
}
