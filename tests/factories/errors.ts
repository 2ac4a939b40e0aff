/** Catching the RosterError a call throws, to assert its code and the fields it names. */
import { RosterError, type RosterErrorCode } from '../../src/api';

/** Awaits a call that must fail and returns its RosterError; fails the test if it succeeds or throws anything else. */
export async function rosterErrorOf(call: Promise<unknown>): Promise<RosterError> {
  let outcome: unknown;
  try {
    outcome = await call;
  } catch (error) {
    if (error instanceof RosterError) return error;
    throw new Error(`Expected a RosterError, got: ${String(error)}`, { cause: error });
  }
  throw new Error(`Expected a RosterError, but the call succeeded with ${JSON.stringify(outcome)}`);
}

/** The paths of the fields an error names, in order. */
export function pathsOf(error: RosterError): string[] {
  return error.issues.map((issue) => issue.path);
}

/** The code and paths of the error a failing call throws, for one-line assertions. */
export async function failureOf(call: Promise<unknown>): Promise<{ code: RosterErrorCode; paths: string[] }> {
  const error = await rosterErrorOf(call);
  return { code: error.code, paths: pathsOf(error) };
}
