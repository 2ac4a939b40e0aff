/**
 * Where an import's rows come from: in a browser, a Web Worker reads the file
 * (src/workers/read-rows.worker.ts), so the main thread never holds it as one string nor runs
 * the parsing; in Node (tests, scripts) the same reading runs in the calling thread.
 */
import { RosterError, type RosterErrorCode, type RosterIssue } from '../errors';
import { readImportRows, type ReadRowsBatch, type ReadRowsOptions } from './read-rows';
import type { RowReadingOptions } from './import-types';

export interface WorkerRequest {
  source: string | Blob;
  options: RowReadingOptions;
}

export type WorkerReply =
  | { type: 'batch'; batch: ReadRowsBatch }
  | { type: 'progress'; bytesRead: number; totalBytes: number }
  | { type: 'done' }
  | { type: 'error'; code?: RosterErrorCode; issues?: RosterIssue[]; message: string };

/** Whether this runtime can read the file in a worker (a browser page; not Node). */
function canUseWorker(): boolean {
  return typeof Worker === 'function' && typeof window === 'object';
}

/** The batches of read rows, from a worker where there is one; abort with `options.signal`. */
export function rowBatches(source: string | Blob, options: ReadRowsOptions): AsyncGenerator<ReadRowsBatch> {
  return canUseWorker() ? fromWorker(source, options) : readImportRows(source, options);
}

async function* fromWorker(source: string | Blob, options: ReadRowsOptions): AsyncGenerator<ReadRowsBatch> {
  const { signal, chunkBytes: _chunkBytes, onBytes, ...reading } = options;
  signal?.throwIfAborted();
  const worker = new Worker(new URL('../../workers/read-rows.worker.ts', import.meta.url), { type: 'module' });
  const replies: WorkerReply[] = [];
  let wake: (() => void) | undefined;
  const push = (reply: WorkerReply) => {
    replies.push(reply);
    wake?.();
  };
  worker.onmessage = (event: MessageEvent<WorkerReply>) => push(event.data);
  worker.onerror = (event) => push({ type: 'error', message: event.message || 'The file could not be read.' });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    worker.postMessage({ source, options: reading } satisfies WorkerRequest);
    for (;;) {
      signal?.throwIfAborted();
      const reply = replies.shift();
      if (!reply) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (reply.type === 'done') return;
      if (reply.type === 'progress') {
        onBytes?.(reply);
        continue;
      }
      if (reply.type === 'error') {
        throw reply.code ? new RosterError(reply.code, reply.issues ?? [], reply.message) : new Error(reply.message);
      }
      yield reply.batch;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Also when aborted or when the caller stops early: the worker stops reading at once.
    worker.terminate();
  }
}
