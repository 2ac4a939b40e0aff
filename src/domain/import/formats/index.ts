// File formats an import recognises: one small module per provider, all pure.
export * from './sheet-format';
export * from './detect-sheet';
export { auth0Cell } from './auth0';
export * from './json-sheet';
export * from './detect-json';
export { SCIM_GROUP, SCIM_LIST, SCIM_USER } from './scim';
export { groupName as keycloakGroupName } from './keycloak';
export * from './scim-write';
