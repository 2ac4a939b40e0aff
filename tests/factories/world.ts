/**
 * A small but complete organisation: two production environments and a QA one, users of
 * every class, a group with members and roles, direct grants and a subscription. Tests
 * that need "some data of every kind" start from here.
 */
import type { Role, Roster } from '../../src/api';

/** The built-in role `name` of an environment (every environment has Anonymous and Registered). */
export async function builtInRole(
  roster: Roster,
  environmentId: string,
  name: 'Anonymous' | 'Registered',
): Promise<Role> {
  const role = (await roster.roles.list(environmentId)).find(
    (candidate) => candidate.builtIn && candidate.name === name,
  );
  if (!role) throw new Error(`No built-in role ${name} in environment ${environmentId}`);
  return role;
}

export async function seedWorld(roster: Roster) {
  const productionEu = await roster.environments.create({
    name: 'Production EU',
    kind: 'production',
    platformVersion: '11.12.3',
  });
  const productionUs = await roster.environments.create({ name: 'Production US', kind: 'production' });
  const qa = await roster.environments.create({ name: 'QA', kind: 'non-production' });
  await roster.environments.setRules(productionEu.id, {
    mode: 'domains',
    domains: ['example.com', { domain: '*.example.com', relation: 'parent' }],
  });

  const [ana, bob, carla, dan] = await roster.users.createMany([
    {
      environmentId: productionEu.id,
      username: 'ana',
      name: 'Ana Almeida',
      email: 'ana@example.com',
      lastLogin: '2026-03-01T08:00:00Z',
    },
    { environmentId: productionEu.id, username: 'bob', name: 'Bob Brown', email: 'bob@gmail.com' },
    { environmentId: productionEu.id, username: 'carla', name: 'Carla Costa', mobilePhone: '+351 912 345 678' },
    { environmentId: productionEu.id, username: 'dan' },
  ]);
  const eve = await roster.users.create({
    environmentId: productionUs.id,
    username: 'eve@example.com',
    isActive: false,
  });
  const quinn = await roster.users.create({ environmentId: qa.id, username: 'quinn', email: 'quinn@example.com' });

  const sales = await roster.groups.create({
    environmentId: productionEu.id,
    name: 'Sales',
    description: 'The sales team',
  });
  const support = await roster.groups.create({ environmentId: productionEu.id, name: 'Support' });
  const testers = await roster.groups.create({ environmentId: qa.id, name: 'Testers' });
  await roster.groups.addUsers(sales.id, [ana!.id, bob!.id]);
  await roster.groups.addUsers(testers.id, [quinn.id]);

  const manager = await roster.roles.create({ environmentId: productionEu.id, application: 'Sales', name: 'Manager' });
  const viewer = await roster.roles.create({ environmentId: productionEu.id, application: 'Sales', name: 'Viewer' });
  const tester = await roster.roles.create({ environmentId: qa.id, application: 'Sales', name: 'Tester' });
  await roster.roles.grantToGroup(viewer.id, sales.id);
  await roster.roles.grantToUser(manager.id, ana!.id);
  await roster.roles.grantToGroup(tester.id, testers.id);

  await roster.subscription.set({ model: 'internal-external', internalLimit: 100, externalLimit: 10 });

  return {
    environments: { productionEu, productionUs, qa },
    users: { ana: ana!, bob: bob!, carla: carla!, dan: dan!, eve, quinn },
    groups: { sales, support, testers },
    roles: {
      manager,
      viewer,
      tester,
      registered: await builtInRole(roster, productionEu.id, 'Registered'),
      anonymous: await builtInRole(roster, productionEu.id, 'Anonymous'),
    },
  };
}

export type World = Awaited<ReturnType<typeof seedWorld>>;
