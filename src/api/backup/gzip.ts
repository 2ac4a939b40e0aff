/**
 * gzip for backups with the browser's own CompressionStream: in a browser page, in a Web Worker
 * (src/workers/gzip.worker.ts), so that compressing or decompressing hundreds of megabytes never
 * holds up the page; in Node (tests, scripts) in the calling thread.
 */

export type GzipMode = 'compress' | 'decompress';

export interface GzipRequest {
  blob: Blob;
  mode: GzipMode;
}

export type GzipReply = { blob: Blob; error?: undefined } | { error: string; blob?: undefined };

/** The Blob gzipped or gunzipped here, in this thread. */
export async function gzipInThread(blob: Blob, mode: GzipMode): Promise<Blob> {
  const transform = mode === 'compress' ? new CompressionStream('gzip') : new DecompressionStream('gzip');
  const result = await new Response(blob.stream().pipeThrough(transform)).blob();
  return mode === 'compress' ? new Blob([result], { type: 'application/gzip' }) : result;
}

/** Whether this runtime can do it in a worker (a browser page; not Node). */
function canUseWorker(): boolean {
  return typeof Worker === 'function' && typeof window === 'object';
}

/** The Blob gzipped (`compress`) or gunzipped (`decompress`), off the main thread where there is a worker. */
export function gzip(blob: Blob, mode: GzipMode): Promise<Blob> {
  if (!canUseWorker()) return gzipInThread(blob, mode);
  const worker = new Worker(new URL('../../workers/gzip.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Blob>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<GzipReply>) => {
      const reply = event.data;
      if (reply.blob) resolve(reply.blob);
      else reject(new Error(reply.error));
    };
    worker.onerror = (event) => reject(new Error(event.message || 'The backup could not be compressed.'));
    worker.postMessage({ blob, mode } satisfies GzipRequest);
  }).finally(() => worker.terminate());
}
