// Roles and password policies as another tool sees them, through the official Node SDK. Used by the
// workspace tests. Env: DESCOPE_BASE_URL, DESCOPE_PROJECT_ID, DESCOPE_MANAGEMENT_KEY, MODE, and for
// MODE=set-role-permissions ROLE_NAME, ROLE_TENANT (optional), PERMISSIONS (comma list).
//   MODE=read: prints {roles, permissions, passwordProject, passwordTenants: {<id>: ...}} for TENANTS (comma list)
//   MODE=set-role-permissions: replaces the role's permissions, keeping its other fields (an out-of-band change)
import { management as m, ok } from './sdk.mjs';

const env = process.env;

if (env.MODE === 'read') {
  const passwordTenants = {};
  for (const id of (env.TENANTS ?? '').split(',').filter(Boolean)) {
    passwordTenants[id] = ok(await m.password.getSettings(id), `password.getSettings(${id})`);
  }
  console.log(JSON.stringify({
    roles: ok(await m.role.loadAll(), 'role.loadAll'),
    permissions: ok(await m.permission.loadAll(), 'permission.loadAll'),
    passwordProject: ok(await m.password.getSettings(''), 'password.getSettings'),
    passwordTenants,
  }));
} else if (env.MODE === 'set-role-permissions') {
  const tenant = env.ROLE_TENANT || undefined;
  const role = ok(await m.role.loadAll(), 'role.loadAll').find((r) => r.name === env.ROLE_NAME && (r.tenantId || undefined) === tenant);
  if (!role) {
    console.error(`no role ${env.ROLE_NAME}`);
    process.exit(1);
  }
  ok(await m.role.update(role.name, role.name, role.description, env.PERMISSIONS.split(',').filter(Boolean), tenant), 'role.update');
  console.log(`set the permissions of role ${role.name}`);
} else {
  console.error(`unknown MODE ${env.MODE}`);
  process.exit(2);
}
