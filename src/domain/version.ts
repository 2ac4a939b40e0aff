/** Platform versions such as `11.12.3`, compared part by part. */

/** The first platform version that reports internal and external users separately. */
export const SPLIT_REPORTING_SINCE = '11.7';

export const VERSION_PATTERN = /^\d+(\.\d+)*$/;

/** Compares two dotted versions numerically part by part; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/** Whether an environment reports the internal/external split; no version means current. */
export function isSplitReported(platformVersion: string | undefined): boolean {
  if (platformVersion === undefined || platformVersion.trim() === '') return true;
  return compareVersions(platformVersion.trim(), SPLIT_REPORTING_SINCE) >= 0;
}
