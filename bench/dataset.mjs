// What the benchmark's roster looks like: four environments (three production, one
// non-production) with owned domains, groups and roles. Users come from generate-users.mjs.

/** Seed of the user generator: the same seed gives the same users. */
export const SEED = 20260601;

/** "Now" of the generated data (last logins spread over the two years before it). */
export const NOW = '2026-06-01T00:00:00Z';

/**
 * The environments, the share of users each gets, the rules it starts with and the owned
 * domains its internal users' emails are on (every one matched by a rule).
 */
export const ENVIRONMENTS = [
  {
    name: 'Production EU',
    kind: 'production',
    platformVersion: '12.4.0',
    share: 0.48,
    rules: {
      mode: 'domains',
      domains: [
        'acme.com',
        'acme.eu',
        { domain: '*.acme.com', relation: 'own' },
        { domain: 'partner-one.eu', relation: 'affiliate' },
      ],
    },
    emailDomains: ['acme.com', 'acme.com', 'acme.eu', 'mail.acme.com', 'partner-one.eu'],
  },
  {
    name: 'Production US',
    kind: 'production',
    platformVersion: '12.4.0',
    share: 0.3,
    rules: {
      mode: 'domains',
      domains: ['acme.com', 'acme-us.com', { domain: 'contractors.example', relation: 'client' }],
    },
    emailDomains: ['acme.com', 'acme-us.com', 'contractors.example'],
  },
  {
    name: 'Production APAC',
    kind: 'production',
    platformVersion: '11.12.3',
    share: 0.15,
    rules: { mode: 'domains', domains: ['acme.com', 'acme.sg', 'acme.com.au'] },
    emailDomains: ['acme.com', 'acme.sg', 'acme.com.au'],
  },
  {
    name: 'QA',
    kind: 'non-production',
    platformVersion: '12.5.0',
    share: 0.07,
    rules: { mode: 'domains', domains: ['acme.com', 'acme-test.dev'] },
    emailDomains: ['acme.com', 'acme-test.dev'],
  },
];

/** The environment the console shows and the edits, rule changes and lists use (the largest). */
export const MAIN_ENVIRONMENT = 'Production EU';

/**
 * Tenants of the main environment (issue 15: an ISV serving its clients from one environment):
 * half of its users are spread over them, the other half stay in its default tenant.
 */
export const TENANTS = 50;

export const GROUPS = [
  'Sales',
  'Support',
  'Partners',
  'Beta testers',
  'VIP customers',
  'Newsletter',
  'Wholesale',
  'Staff',
];

/** @type {[string, string][]} application / name */
export const ROLES = [
  ['Shop', 'Buyer'],
  ['Shop', 'Approver'],
  ['Shop', 'Admin'],
  ['CRM', 'Viewer'],
  ['CRM', 'Editor'],
  ['Billing', 'Manager'],
];
