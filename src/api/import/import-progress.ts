/**
 * An import's progress as the caller hears it: each phase in turn (reading the file, checking
 * every row, writing), at most every PROGRESS_MS and at every change of phase, so a screen can
 * show a moving bar without the import spending its time on reports.
 */
import type { ImportProgress } from './import-types';

const PROGRESS_MS = 100;

export class ProgressReporter {
  readonly #tell: ((progress: ImportProgress) => void) | undefined;
  #last: ImportProgress = { phase: 'reading', rowsRead: 0, bytesRead: 0, totalBytes: 0, rowsDone: 0 };
  #at = 0;

  constructor(tell: ((progress: ImportProgress) => void) | undefined) {
    this.#tell = tell;
  }

  /** Says where the import is; `patch` changes only what it names. */
  report(patch: Partial<ImportProgress>): void {
    if (!this.#tell) return;
    const next = { ...this.#last, ...patch };
    const now = performance.now();
    const phaseChanged = next.phase !== this.#last.phase;
    this.#last = next;
    if (!phaseChanged && now - this.#at < PROGRESS_MS) return;
    this.#at = now;
    this.#tell({ ...next });
  }
}
