// Access keys, tenant SSO and users as another tool sees them, through the official Node SDK. For the tests of
// the workspace kinds built on them. Env: DESCOPE_BASE_URL, DESCOPE_PROJECT_ID, DESCOPE_MANAGEMENT_KEY, MODE, and
//   MODE=read: prints {accessKeys, sso: {<tenantId>: [...]}, users} for TENANTS (comma list); never a cleartext
//   MODE=set-access-key-description: KEY_NAME, DESCRIPTION; changes one key's description (an out-of-band change)
//   MODE=configure-oidc: TENANT_ID, SSO_ID, DISPLAY_NAME, NAME, CLIENT_ID, CLIENT_SECRET, AUTH_URL, DOMAINS (comma
//     list); creates the SSO configuration and sets its OIDC settings, client secret included (never printed)
import { management as m, ok } from './sdk.mjs';

const env = process.env;

if (env.MODE === 'read') {
  const sso = {};
  for (const id of (env.TENANTS ?? '').split(',').filter(Boolean)) {
    sso[id] = ok(await m.sso.loadAllSettings(id), `sso.loadAllSettings(${id})`);
  }
  const users = [];
  for (let page = 0; ; page++) {
    const found = ok(await m.user.search({ page, limit: 100 }), 'user.search');
    users.push(...found.users);
    if (found.users.length === 0 || users.length >= found.total) break;
  }
  console.log(JSON.stringify({ accessKeys: ok(await m.accessKey.searchAll(), 'accessKey.searchAll'), sso, users }));
} else if (env.MODE === 'set-access-key-description') {
  const key = ok(await m.accessKey.searchAll(), 'accessKey.searchAll').find((k) => k.name === env.KEY_NAME);
  if (!key) {
    console.error(`no access key ${env.KEY_NAME}`);
    process.exit(1);
  }
  ok(await m.accessKey.update(key.id, key.name, env.DESCRIPTION, key.roleNames, key.keyTenants, key.customClaims, key.permittedIps), 'accessKey.update');
  console.log(`set the description of access key ${key.name}`);
} else if (env.MODE === 'configure-oidc') {
  ok(await m.sso.newSettings(env.TENANT_ID, env.SSO_ID, env.DISPLAY_NAME), 'sso.newSettings');
  const settings = { name: env.NAME, clientId: env.CLIENT_ID, clientSecret: env.CLIENT_SECRET, authUrl: env.AUTH_URL, scope: ['openid', 'email'] };
  ok(await m.sso.configureOIDCSettings(env.TENANT_ID, settings, (env.DOMAINS ?? '').split(',').filter(Boolean), env.SSO_ID), 'sso.configureOIDCSettings');
  console.log(`configured OIDC ${env.SSO_ID} of tenant ${env.TENANT_ID}`);
} else {
  console.error(`unknown MODE ${env.MODE}`);
  process.exit(2);
}
