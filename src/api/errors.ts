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

/** The words for what a field wants, by zod's name of the type. */
const WANTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object of fields',
  array: 'a list',
  date: 'a Date',
  function: 'a function',
};

/** What a value is, in words, for a message about a wrong type. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a Date';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'a number' : 'infinity';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return `${value}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/**
 * Messages for the issues a schema leaves to zod's defaults ("Invalid input: expected object,
 * received string"): a sentence that says what to give. A message a schema sets itself wins.
 */
export const gateErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    const wanted = WANTED[issue.expected] ?? issue.expected;
    return issue.input === undefined
      ? `Give ${wanted}: this field is required.`
      : `Give ${wanted}, not ${kindOf(issue.input)}.`;
  }
  if (issue.code === 'invalid_value' && issue.values.length > 0) {
    const values = issue.values.map((value) => JSON.stringify(value));
    return values.length === 1
      ? `Give ${values[0]}.`
      : `Choose ${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}.`;
  }
  if (issue.code === 'too_small' && issue.origin === 'number')
    return `Give a number of at least ${String(issue.minimum)}.`;
  if (issue.code === 'too_big' && issue.origin === 'number')
    return `Give a number of at most ${String(issue.maximum)}.`;
  return undefined;
};

/** Parses an input at the API gate, throwing a validation RosterError that names each field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input, { error: gateErrorMap });
  if (!result.success) throw new RosterError('validation', issuesFromZod(result.error));
  return result.data;
}
