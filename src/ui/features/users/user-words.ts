/** The words for a user's fields, as the user page's form and its messages name them. */
export const USER_FIELD_LABELS: Record<string, string> = {
  username: 'Username',
  tenantId: 'Tenant',
  name: 'Name',
  email: 'Email',
  mobilePhone: 'Mobile phone',
  externalId: 'External id',
  isActive: 'Status',
  lastLogin: 'Last login',
};
