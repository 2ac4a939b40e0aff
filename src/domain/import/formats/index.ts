// File formats an import recognises: one small module per provider, all pure.
export * from './sheet-format';
export * from './detect-sheet';
export { auth0Cell } from './auth0';
