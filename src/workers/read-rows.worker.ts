/**
 * Reads an imported file off the main thread: parsing, mapping and validating a million rows
 * takes seconds, which the page must not wait through. Receives the file and the reading
 * options once, posts each batch of rows as it is ready, then `done`; an error is posted with
 * its RosterError code and issues, so the API can throw the same error as in Node.
 */
import { RosterError } from '../api/errors';
import { readImportRows } from '../api/import/read-rows';
import type { WorkerReply, WorkerRequest } from '../api/import/row-source';

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { source, options } = event.data;
  const post = (reply: WorkerReply) => self.postMessage(reply);
  try {
    const onBytes = (progress: { bytesRead: number; totalBytes: number }) => post({ type: 'progress', ...progress });
    for await (const batch of readImportRows(source, { ...options, onBytes })) post({ type: 'batch', batch });
    post({ type: 'done' });
  } catch (error) {
    if (error instanceof RosterError)
      post({ type: 'error', code: error.code, issues: error.issues, message: error.message });
    else post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
