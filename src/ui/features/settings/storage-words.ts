/** Storage sizes and states in words, for the settings page. */

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
const formats = new Map<string, Intl.NumberFormat>();

/** A size in the browser's locale with a decimal unit, as browsers report storage: "1.2 MB". */
export function formatBytes(bytes: number, locale?: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const key = `${locale ?? ''}:${unit}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: UNITS[unit],
      unitDisplay: 'short',
      maximumFractionDigits: unit === 0 ? 0 : 1,
    });
    formats.set(key, format);
  }
  return format.format(value);
}

/** "1.2 MB used of 10 GB (0.01 %)", or the usage alone when the quota is unknown. */
export function usageSentence(usage: number, quota: number | undefined, locale?: string): string {
  if (!quota) return `${formatBytes(usage, locale)} used.`;
  const share = new Intl.NumberFormat(locale, { style: 'percent', maximumSignificantDigits: 2 }).format(usage / quota);
  const used = `${formatBytes(usage, locale)} used of ${formatBytes(quota, locale)}`;
  return `${used} this browser allows Roster (${share}); ${formatBytes(quota - usage, locale)} available.`;
}
