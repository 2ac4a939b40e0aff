/**
 * Cooperative slicing: long loops call `pause()` now and then so that no task holds the main
 * thread for more than a few milliseconds. Outside a transaction a pause yields to the event
 * loop; inside one it awaits a tiny IndexedDB read instead, which keeps the transaction alive
 * (a transaction commits as soon as it has no request pending).
 */

export type Pause = () => Promise<void>;

/** Time budget of one slice, in milliseconds. */
const SLICE_MS = 8;

const channel = typeof MessageChannel === 'undefined' ? undefined : new MessageChannel();
const waiting: (() => void)[] = [];
if (channel) {
  channel.port1.onmessage = () => waiting.shift()?.();
  // Node keeps a process alive while a port listens; the port must not hold it open.
  (channel.port1 as { unref?: () => void }).unref?.();
}

/** Yields to the event loop (a macrotask, without setTimeout's clamping). */
export function yieldToEventLoop(): Promise<void> {
  if (!channel) return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

/** A clock that tells a loop when its slice is used up. */
export class SliceClock {
  #start = performance.now();
  #pause: Pause;

  constructor(pause: Pause) {
    this.#pause = pause;
  }

  /**
   * Whether the slice is used up; cheap to call often. Loops write `if (clock.due()) await
   * clock.pause()` rather than awaiting at every step: inside a transaction Dexie follows only a
   * bounded number of native awaits that issue no request, and a fast loop of them lost it
   * (the transaction committed half-way, PrematureCommitError).
   */
  due(): boolean {
    return performance.now() - this.#start >= SLICE_MS;
  }

  /** Pauses (the caller's pause: inside a transaction, one that issues a request), then starts a new slice. */
  async pause(): Promise<void> {
    await this.#pause();
    this.#start = performance.now();
  }
}

/**
 * Yields until the browser is idle (no input, rendering or other task waiting): background
 * work then never delays what a person or a script is doing. Outside a browser, a plain yield.
 */
export function yieldUntilIdle(): Promise<void> {
  if (typeof requestIdleCallback === 'undefined') return yieldToEventLoop();
  return new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 1000 }));
}

/** The pauses made by `behindWrites`: a shared build never takes one in place of a pause that does not wait. */
const waitingForWrites = new WeakSet<Pause>();

/**
 * A pause that, after `pause`, waits until no write of this tab is in flight (`whenWritesEnd`
 * resolves when none is, or is undefined when none is now). Work a write makes stale (sorting a
 * list, warming an order) then never takes the main thread from the next write of a run of them
 * (an import in several calls). Never give it to work a write awaits: the work would wait for
 * the write, and the write for the work (a shared sort order keeps the pause that does not wait:
 * see `waitsForWrites`).
 */
export function behindWrites(pause: Pause, whenWritesEnd: () => Promise<void> | undefined): Pause {
  const paused = async () => {
    await pause();
    for (let writing = whenWritesEnd(); writing; writing = whenWritesEnd()) await writing;
  };
  waitingForWrites.add(paused);
  return paused;
}

/** Whether a pause waits while writes are in flight (made by `behindWrites` or `backgroundPause`). */
export function waitsForWrites(pause: Pause): boolean {
  return waitingForWrites.has(pause);
}

/** A pause for background work (warming sort orders, storing them): idle time, behind the writes. */
export function backgroundPause(whenWritesEnd: () => Promise<void> | undefined): Pause {
  return behindWrites(yieldUntilIdle, whenWritesEnd);
}
