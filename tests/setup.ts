// Every test file gets an in-memory IndexedDB, so the API runs in Node as in the browser.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
