/**
 * Compresses or decompresses a Blob off the main thread: gzip of a million users' backup is a
 * few hundred megabytes of text, which the browser's CompressionStream would otherwise work
 * through on the page's thread in tasks of seconds. Receives one request, posts the result (a
 * Blob, passed by reference) or the error's message, and is done.
 */
import { gzipInThread, type GzipReply, type GzipRequest } from '../api/backup/gzip';

self.onmessage = async (event: MessageEvent<GzipRequest>) => {
  const { blob, mode } = event.data;
  try {
    self.postMessage({ blob: await gzipInThread(blob, mode) } satisfies GzipReply);
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies GzipReply);
  }
};
