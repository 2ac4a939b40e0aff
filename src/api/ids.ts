/**
 * Ids: a random prefix per opened Roster plus a counter. Unique across tabs and sessions
 * (the prefix carries 64 random bits) and far cheaper than a UUID per user: importing a
 * million users would otherwise spend seconds on crypto.randomUUID().
 */
export function idSource(): () => string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  const prefix = random[0]!.toString(36).padStart(7, '0') + random[1]!.toString(36).padStart(7, '0');
  let counter = 0;
  return () => `${prefix}-${(counter++).toString(36)}`;
}
