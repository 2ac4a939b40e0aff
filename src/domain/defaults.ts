/** Defaults of the product that the API and the console must agree on. */

/** A limit's status turns to "near" at this share of it, unless the subscription says otherwise. */
export const DEFAULT_WARN_AT = 0.9;

/** Users with no login for this many days are dormant, unless asked otherwise. */
export const DEFAULT_DORMANT_DAYS = 90;
