/**
 * Normalisation and matching of email domains and of the domain entries of a rule set.
 * Both sides are normalised the same way: trimmed, lower-case, one trailing dot removed,
 * international names converted to ASCII (punycode), so a look-alike is simply another domain.
 */

export type EntryParse = { ok: true; entry: string; wildcard: boolean; base: string } | { ok: false; message: string };

// Letters of any script (with their combining marks), digits, hyphens and dots.
const ENTRY_CHARS = /^[\p{L}\p{M}\p{Nd}.-]+$/u;
const ASCII_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ALL_DIGITS = /^[0-9]+$/;

/** Converts a host name to its ASCII form through the platform's IDNA (UTS 46) mapping. */
function toAscii(name: string): string | undefined {
  if (/^[\x21-\x7e]*$/.test(name)) return name.toLowerCase();
  try {
    return new URL(`http://${name}/`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * Normalises a bare domain name (no wildcard): trim, lower-case, drop one trailing dot,
 * punycode. Returns undefined when the result is not a valid name of two labels or more.
 */
export function normaliseDomain(raw: string): string | undefined {
  // Users share a few thousand domains: remember the answers (a pure function, so safe).
  const known = normalised.get(raw);
  if (known !== undefined || normalised.has(raw)) return known;
  const result = normaliseUncached(raw);
  if (normalised.size >= MEMO_LIMIT) normalised.clear();
  normalised.set(raw, result);
  return result;
}

const MEMO_LIMIT = 50_000;
const normalised = new Map<string, string | undefined>();

function normaliseUncached(raw: string): string | undefined {
  let name = raw.trim();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name === '' || !ENTRY_CHARS.test(name)) return undefined;
  const ascii = toAscii(name);
  if (ascii === undefined || ascii.length > 253) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => ASCII_LABEL.test(label))) return undefined;
  // A numeric last label is an IP address, never a domain.
  if (ALL_DIGITS.test(labels[labels.length - 1] ?? '')) return undefined;
  return ascii;
}

/**
 * The form in which an email's domain is compared, even when it is not a valid name (data
 * stored before validation, or imported): normalised the same way, so such a domain simply
 * matches no exact entry. An empty domain becomes `(empty)`, never "no email".
 */
export function comparableDomain(raw: string): string {
  const valid = normaliseDomain(raw);
  if (valid !== undefined) return valid;
  let name = raw.trim().toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  return name === '' ? '(empty)' : name;
}

/** Longest part of an entry a message repeats: a megabyte pasted by mistake is not echoed back whole. */
const SHOWN_MAX = 60;

/**
 * An entry as a message repeats it: cut to SHOWN_MAX characters, and each invisible character
 * (control, zero-width, direction control: Unicode Cc and Cf) written as U+XXXX, so that the
 * reader sees why "example.com" was refused and the message cannot reorder the text around it.
 */
function quotable(entry: string): string {
  const cut = entry.length > SHOWN_MAX ? `${entry.slice(0, SHOWN_MAX - 1)}…` : entry;
  return cut.replace(
    /[\p{Cc}\p{Cf}]/gu,
    (char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/**
 * Parses one domain entry of a rule set: `example.com` (exactly that domain) or
 * `*.example.com` (every subdomain at any depth, not the domain itself).
 */
export function parseDomainEntry(raw: string): EntryParse {
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, message: 'Enter a domain such as example.com.' };
  const shown = quotable(trimmed);
  if (/\s/.test(trimmed)) return { ok: false, message: `"${shown}" contains spaces; enter one domain per entry.` };
  if (trimmed.includes('@'))
    return { ok: false, message: `"${shown}" looks like an email address; enter only the domain after the @.` };
  if (trimmed.includes('/') || trimmed.includes(':')) {
    return {
      ok: false,
      message: `"${shown}" contains a scheme, port or path; enter only the domain, e.g. example.com.`,
    };
  }
  const wildcard = trimmed.startsWith('*.');
  const rest = wildcard ? trimmed.slice(2) : trimmed;
  if (trimmed === '*' || rest.includes('*')) {
    return { ok: false, message: `"${shown}" is not allowed: a wildcard may only lead, as in *.example.com.` };
  }
  if (!ENTRY_CHARS.test(rest.endsWith('.') ? rest.slice(0, -1) : rest)) {
    return { ok: false, message: `"${shown}" may contain only letters, digits, hyphens and dots.` };
  }
  if (rest.startsWith('.') || rest.includes('..')) {
    return { ok: false, message: `"${shown}" has an empty label (two dots in a row, or a leading dot).` };
  }
  const base = normaliseDomain(rest);
  if (base === undefined) {
    const labels = rest.replace(/\.$/, '').split('.');
    if (labels.length < 2) {
      return {
        ok: false,
        message: wildcard
          ? `"${shown}" would match every domain under a top-level domain; name a domain such as *.example.com.`
          : `"${shown}" is a top-level domain alone; enter a domain with at least two labels, such as example.com.`,
      };
    }
    return { ok: false, message: `"${shown}" is not a valid domain name.` };
  }
  return { ok: true, entry: wildcard ? `*.${base}` : base, wildcard, base };
}

/**
 * Whether a normalised domain matches a normalised entry. Subdomains are separate domains:
 * `example.com` matches only itself; `*.example.com` matches `a.example.com` and
 * `a.b.example.com` but not `example.com`, `badexample.com` or `example.com.attacker.io`.
 */
export function domainMatchesEntry(domain: string, entry: string): boolean {
  if (entry.startsWith('*.')) return domain.endsWith(entry.slice(1)) && domain.length > entry.length - 1;
  return domain === entry;
}

/**
 * The entry of a list that a domain matches, preferring an exact entry, then the most
 * specific wildcard, so the reason names the closest rule.
 */
export function findMatchingEntry<T extends { domain: string }>(domain: string, entries: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const entry of entries) {
    if (!domainMatchesEntry(domain, entry.domain)) continue;
    if (!entry.domain.startsWith('*.')) return entry;
    if (best === undefined || entry.domain.length > best.domain.length) best = entry;
  }
  return best;
}
