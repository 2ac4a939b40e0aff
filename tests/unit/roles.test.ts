import { describe, expect, it } from 'vitest';
import { effectiveRoles, hasRole, type Group, type Role, type RoleGrants } from '../../src/domain';

const T = '2025-01-01T00:00:00Z';
const role = (id: string, application: string, name: string): Role => ({
  id,
  environmentId: 'prod',
  application,
  name,
  builtIn: false,
});
const group = (id: string, name: string): Group => ({ id, environmentId: 'prod', name, createdAt: T, updatedAt: T });

const salesManager = role('r-sales-manager', 'Sales', 'Manager');
const salesViewer = role('r-sales-viewer', 'Sales', 'Viewer');
const hrAdmin = role('r-hr-admin', 'HR', 'Admin');
const rolesById = new Map([salesManager, salesViewer, hrAdmin].map((r) => [r.id, r]));

const managers = group('g-managers', 'Managers');
const sales = group('g-sales', 'Sales team');
const hr = group('g-hr', 'HR team');

const grants = (fields: Partial<RoleGrants> = {}): RoleGrants => ({
  isActive: true,
  directRoleIds: [],
  groups: [],
  ...fields,
});

describe('effectiveRoles', () => {
  it('has no roles without grants', () => {
    expect(effectiveRoles(grants(), rolesById)).toEqual([]);
  });

  it('lists a direct role as direct with no group', () => {
    expect(effectiveRoles(grants({ directRoleIds: [salesViewer.id] }), rolesById)).toEqual([
      { role: salesViewer, direct: true, inheritedFrom: [] },
    ]);
  });

  it('lists a role of a group as inherited from that group', () => {
    expect(effectiveRoles(grants({ groups: [{ group: sales, roleIds: [salesViewer.id] }] }), rolesById)).toEqual([
      { role: salesViewer, direct: false, inheritedFrom: [sales] },
    ]);
  });

  it('combines direct roles with the roles of every group', () => {
    const result = effectiveRoles(
      grants({
        directRoleIds: [hrAdmin.id],
        groups: [
          { group: sales, roleIds: [salesViewer.id] },
          { group: managers, roleIds: [salesManager.id] },
        ],
      }),
      rolesById,
    );
    expect(result).toEqual([
      { role: hrAdmin, direct: true, inheritedFrom: [] },
      { role: salesManager, direct: false, inheritedFrom: [managers] },
      { role: salesViewer, direct: false, inheritedFrom: [sales] },
    ]);
  });

  it('lists each group a role is inherited from when two groups grant it', () => {
    const result = effectiveRoles(
      grants({
        groups: [
          { group: sales, roleIds: [salesViewer.id] },
          { group: managers, roleIds: [salesViewer.id, salesManager.id] },
        ],
      }),
      rolesById,
    );
    expect(result.find((r) => r.role.id === salesViewer.id)).toEqual({
      role: salesViewer,
      direct: false,
      inheritedFrom: [sales, managers],
    });
  });

  it('says a role is both direct and inherited when granted both ways', () => {
    const result = effectiveRoles(
      grants({ directRoleIds: [salesViewer.id], groups: [{ group: sales, roleIds: [salesViewer.id] }] }),
      rolesById,
    );
    expect(result).toEqual([{ role: salesViewer, direct: true, inheritedFrom: [sales] }]);
  });

  it('lists a role once however many ways it is granted', () => {
    const result = effectiveRoles(
      grants({
        directRoleIds: [salesViewer.id, salesViewer.id],
        groups: [
          { group: sales, roleIds: [salesViewer.id, salesViewer.id] },
          { group: managers, roleIds: [salesViewer.id] },
          { group: hr, roleIds: [salesViewer.id] },
        ],
      }),
      rolesById,
    );
    expect(result).toEqual([{ role: salesViewer, direct: true, inheritedFrom: [sales, managers, hr] }]);
  });

  it('ignores a grant of an unknown role', () => {
    expect(
      effectiveRoles(grants({ directRoleIds: ['r-gone'], groups: [{ group: sales, roleIds: ['r-gone'] }] }), rolesById),
    ).toEqual([]);
  });

  it('sorts by application, then by role name', () => {
    const result = effectiveRoles(grants({ directRoleIds: [salesViewer.id, salesManager.id, hrAdmin.id] }), rolesById);
    expect(result.map((r) => `${r.role.application} / ${r.role.name}`)).toEqual([
      'HR / Admin',
      'Sales / Manager',
      'Sales / Viewer',
    ]);
  });

  it('accepts any iterable of grants', () => {
    const result = effectiveRoles(
      {
        isActive: true,
        directRoleIds: new Set([hrAdmin.id]),
        groups: new Map([[sales.id, { group: sales, roleIds: new Set([salesViewer.id]) }]]).values(),
      },
      rolesById,
    );
    expect(result.map((r) => r.role.id)).toEqual([hrAdmin.id, salesViewer.id]);
  });
});

describe('leaving a group', () => {
  // The grants are rebuilt without the group the user left, as the API does.
  const before = grants({
    directRoleIds: [salesViewer.id],
    groups: [
      { group: sales, roleIds: [salesViewer.id, salesManager.id, hrAdmin.id] },
      { group: managers, roleIds: [salesManager.id] },
    ],
  });
  const after: RoleGrants = { ...before, groups: [...before.groups].filter((m) => m.group.id !== sales.id) };

  it('had every role before leaving', () => {
    expect(effectiveRoles(before, rolesById).map((r) => r.role.id)).toEqual([
      hrAdmin.id,
      salesManager.id,
      salesViewer.id,
    ]);
  });

  it('removes the roles inherited only through that group', () => {
    expect(effectiveRoles(after, rolesById).map((r) => r.role.id)).not.toContain(hrAdmin.id);
    expect(hasRole(after, hrAdmin.id, rolesById)).toBe(false);
  });

  it('keeps a role that is also granted directly, now direct only', () => {
    expect(effectiveRoles(after, rolesById).find((r) => r.role.id === salesViewer.id)).toEqual({
      role: salesViewer,
      direct: true,
      inheritedFrom: [],
    });
    expect(hasRole(after, salesViewer.id, rolesById)).toBe(true);
  });

  it('keeps a role that another group also grants, now inherited from that group only', () => {
    expect(effectiveRoles(after, rolesById).find((r) => r.role.id === salesManager.id)).toEqual({
      role: salesManager,
      direct: false,
      inheritedFrom: [managers],
    });
  });
});

describe('an inactive user', () => {
  const held = {
    directRoleIds: [hrAdmin.id],
    groups: [{ group: sales, roleIds: [salesViewer.id] }],
  };

  it('has no effective roles', () => {
    expect(effectiveRoles({ ...held, isActive: false }, rolesById)).toEqual([]);
  });

  it.each([
    { why: 'a direct role', roleId: hrAdmin.id },
    { why: 'an inherited role', roleId: salesViewer.id },
  ])('fails a role check for $why', ({ roleId }) => {
    expect(hasRole({ ...held, isActive: false }, roleId, rolesById)).toBe(false);
  });

  it('gets the kept grants back on reactivation', () => {
    expect(effectiveRoles({ ...held, isActive: true }, rolesById).map((r) => r.role.id)).toEqual([
      hrAdmin.id,
      salesViewer.id,
    ]);
  });
});

describe('hasRole', () => {
  const held = grants({ directRoleIds: [hrAdmin.id], groups: [{ group: sales, roleIds: [salesViewer.id] }] });

  it.each([
    { why: 'a direct role', roleId: hrAdmin.id, has: true },
    { why: 'a role inherited from a group', roleId: salesViewer.id, has: true },
    { why: 'a role granted neither way', roleId: salesManager.id, has: false },
    { why: 'an unknown role', roleId: 'r-gone', has: false },
  ])('answers $has for $why', ({ roleId, has }) => {
    expect(hasRole(held, roleId, rolesById)).toBe(has);
  });
});
