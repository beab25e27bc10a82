// Drives the descope-mgmt emulator with the official Descope Node SDK (pinned in package.json) and
// checks every answer, proving the emulator's wire format matches what real SDK users send and expect.
// Usage: DESCOPE_BASE_URL=http://127.0.0.1:PORT DESCOPE_PROJECT_ID=P... DESCOPE_MANAGEMENT_KEY=K... node conformance.mjs
import DescopeClient from '@descope/node-sdk';
import assert from 'node:assert/strict';

const baseUrl = process.env.DESCOPE_BASE_URL;
const projectId = process.env.DESCOPE_PROJECT_ID;
const managementKey = process.env.DESCOPE_MANAGEMENT_KEY;
if (!baseUrl || !projectId || !managementKey) {
  console.error('set DESCOPE_BASE_URL, DESCOPE_PROJECT_ID and DESCOPE_MANAGEMENT_KEY');
  process.exit(2);
}

const client = DescopeClient({ projectId, baseUrl, managementKey, logger: { log() {}, debug() {}, warn() {}, error() {} } });
const m = client.management;
let failures = 0;

async function check(name, fn) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (err) {
    failures++;
    console.log(`FAIL ${name}: ${err && err.message ? err.message : err}`);
  }
}

function ok(res, what) {
  assert.equal(res.ok, true, `${what} answered ${JSON.stringify(res.error ?? res)}`);
  return res.data;
}

const dsl = { startTask: '1', tasks: { 1: { id: '1', type: 'screen', screenId: 'welcome', next: { rules: [{ interactionId: 'submit', taskId: '0' }] } }, 0: { id: '0', type: 'automated', action: 'logged-in' } } };
const screens = [{ id: 'welcome', flowId: 'node-flow', inputs: [], interactions: [{ id: 'submit' }], htmlTemplate: { type: 'container', children: [{ type: 'text', text: 'Hi {{user.name}}' }] } }];

await check('flow.import (v1) then flow.export returns the same flow and screens', async () => {
  ok(await m.flow.import('node-flow', { id: 'node-flow', name: 'Node flow', description: 'from the node SDK', disabled: false, dsl }, screens), 'flow.import');
  const exported = ok(await m.flow.export('node-flow'), 'flow.export');
  assert.equal(exported.flow.id, 'node-flow');
  assert.equal(exported.flow.name, 'Node flow');
  assert.deepEqual(exported.flow.dsl, dsl);
  assert.equal(exported.screens[0].id, 'welcome');
  assert.deepEqual(exported.screens[0].htmlTemplate, screens[0].htmlTemplate);
});

await check('flow.import bumps the version', async () => {
  const before = ok(await m.flow.export('node-flow'), 'flow.export').flow.version;
  ok(await m.flow.import('node-flow', { id: 'node-flow', name: 'Node flow 2', dsl }, screens), 'flow.import');
  const after = ok(await m.flow.export('node-flow'), 'flow.export').flow.version;
  assert.equal(after, before + 1);
});

await check('flow.list lists the flow with id, name, description, disabled', async () => {
  const list = ok(await m.flow.list(), 'flow.list');
  const flow = list.flows.find((f) => f.id === 'node-flow');
  assert.ok(flow, 'node-flow is listed');
  assert.equal(flow.name, 'Node flow 2');
  assert.equal(typeof flow.disabled, 'boolean');
  assert.equal(list.total, list.flows.length);
});

await check('flow.export of an unknown flow is HTTP 500 E103003', async () => {
  const res = await m.flow.export('no-such-flow');
  assert.equal(res.ok, false);
  assert.equal(res.code, 500);
  assert.equal(res.error.errorCode, 'E103003');
});

await check('flow.delete removes the flow', async () => {
  ok(await m.flow.delete(['node-flow']), 'flow.delete');
  const list = ok(await m.flow.list(), 'flow.list');
  assert.equal(list.flows.some((f) => f.id === 'node-flow'), false);
});

await check('theme.import then theme.export round-trips the theme', async () => {
  const theme = { id: 'theme', cssTemplate: { light: { globals: { colors: { primary: '#123456' } } } }, componentsVersion: '2.0.1' };
  ok(await m.theme.import(theme), 'theme.import');
  const exported = ok(await m.theme.export(), 'theme.export');
  assert.deepEqual(exported.theme.cssTemplate, theme.cssTemplate);
});

await check('tenant.createWithId, load, loadAll', async () => {
  ok(await m.tenant.createWithId('node-acme', 'Node Acme', ['acme.node'], { plan: 'gold' }), 'tenant.createWithId');
  const tenant = ok(await m.tenant.load('node-acme'), 'tenant.load');
  assert.equal(tenant.id, 'node-acme');
  assert.equal(tenant.name, 'Node Acme');
  assert.deepEqual(tenant.selfProvisioningDomains, ['acme.node']);
  assert.deepEqual(tenant.customAttributes, { plan: 'gold' });
  const all = ok(await m.tenant.loadAll(), 'tenant.loadAll');
  assert.ok(all.some((t) => t.id === 'node-acme'));
});

await check('tenant.create without id returns a generated id', async () => {
  const created = ok(await m.tenant.create('Node Generated', ['gen.node']), 'tenant.create');
  assert.equal(typeof created.id, 'string');
  assert.ok(created.id.length > 0);
  ok(await m.tenant.delete(created.id), 'tenant.delete');
});

await check('tenant.update replaces every field', async () => {
  ok(await m.tenant.update('node-acme', 'Node Acme Renamed'), 'tenant.update');
  const tenant = ok(await m.tenant.load('node-acme'), 'tenant.load');
  assert.equal(tenant.name, 'Node Acme Renamed');
  assert.equal(tenant.selfProvisioningDomains, undefined, 'omitted fields are cleared');
});

await check('tenant.searchAll by name and id', async () => {
  const byName = ok(await m.tenant.searchAll(undefined, ['Node Acme Renamed']), 'tenant.searchAll');
  assert.deepEqual(byName.map((t) => t.id), ['node-acme']);
  const byId = ok(await m.tenant.searchAll(['node-acme']), 'tenant.searchAll');
  assert.equal(byId.length, 1);
});

await check('tenant.createWithId with a duplicate name is refused with HTTP 400', async () => {
  const res = await m.tenant.createWithId('node-dup', 'Node Acme Renamed');
  assert.equal(res.ok, false);
  assert.equal(res.code, 400);
  assert.ok(res.error.errorCode);
});

await check('tenant.delete removes the tenant; load then fails', async () => {
  ok(await m.tenant.delete('node-acme', false), 'tenant.delete');
  const res = await m.tenant.load('node-acme');
  assert.equal(res.ok, false);
  assert.ok(res.code >= 400);
});

await check('project snapshot export, validate and import', async () => {
  ok(await m.flow.import('snap-flow', { id: 'snap-flow', name: 'Snapshot flow', dsl }, screens), 'flow.import');
  const { files } = ok(await m.project.exportSnapshot(), 'project.exportSnapshot');
  assert.ok(files['flows/snap-flow/metadata.json'], 'snapshot holds the flow metadata');
  const validation = ok(await m.project.validateSnapshot({ files }), 'project.validateSnapshot');
  assert.equal(validation.ok, true);
  ok(await m.flow.delete(['snap-flow']), 'flow.delete');
  ok(await m.project.importSnapshot({ files }), 'project.importSnapshot');
  const exported = ok(await m.flow.export('snap-flow'), 'flow.export');
  assert.deepEqual(exported.flow.dsl, dsl);
});

await check('permission.loadAll of a new project holds the system defaults; role.loadAll holds Tenant Admin', async () => {
  const permissions = ok(await m.permission.loadAll(), 'permission.loadAll');
  assert.ok(permissions.some((p) => p.name === 'User Admin' && p.systemDefault === true), 'User Admin is a system default');
  const roles = ok(await m.role.loadAll(), 'role.loadAll');
  assert.ok(roles.some((r) => r.name === 'Tenant Admin' && !r.tenantId), 'Tenant Admin is a project role');
});

await check('permission.create, createBatch, update (replaces the description), loadAll', async () => {
  ok(await m.permission.create('node.read', 'Read from node'), 'permission.create');
  ok(await m.permission.createBatch([{ name: 'node.write', description: 'Write' }, { name: 'node.temp' }]), 'permission.createBatch');
  ok(await m.permission.update('node.write', 'node.write'), 'permission.update');
  const all = ok(await m.permission.loadAll(), 'permission.loadAll');
  const read = all.find((p) => p.name === 'node.read');
  assert.equal(read.description, 'Read from node');
  assert.ok(!read.systemDefault);
  assert.equal(all.find((p) => p.name === 'node.write').description, undefined, 'an omitted description is removed');
  assert.ok(all.some((p) => p.name === 'node.temp'));
});

await check('permission.updateWithId renames by id; updateBatch by id', async () => {
  const temp = ok(await m.permission.loadAll(), 'permission.loadAll').find((p) => p.name === 'node.temp');
  ok(await m.permission.updateWithId(temp.id, 'node.temp2', 'renamed'), 'permission.updateWithId');
  ok(await m.permission.updateBatch([{ id: temp.id, newName: 'node.temp3' }]), 'permission.updateBatch');
  const all = ok(await m.permission.loadAll(), 'permission.loadAll');
  assert.equal(all.find((p) => p.id === temp.id).name, 'node.temp3');
});

await check('permission.update of a system default is refused with HTTP 400', async () => {
  const res = await m.permission.update('User Admin', 'User Admin', 'changed');
  assert.equal(res.ok, false);
  assert.equal(res.code, 400);
  assert.ok(res.error.errorCode);
});

await check('role.create (project and tenant), loadAll, search', async () => {
  ok(await m.tenant.createWithId('node-roles', 'Node Roles'), 'tenant.createWithId');
  ok(await m.role.create('Node Reader', 'Reads', ['node.read'], undefined, true), 'role.create');
  ok(await m.role.create('Node Reader', 'Reads in the tenant', ['node.read', 'node.write'], 'node-roles'), 'role.create (tenant)');
  const all = ok(await m.role.loadAll(), 'role.loadAll');
  const project = all.find((r) => r.name === 'Node Reader' && !r.tenantId);
  assert.deepEqual(project.permissionNames, ['node.read']);
  assert.equal(project.description, 'Reads');
  assert.equal(project.default, true);
  assert.equal(typeof project.createdTime, 'number');
  const tenantRoles = ok(await m.role.search({ tenantIds: ['node-roles'] }), 'role.search');
  assert.deepEqual(tenantRoles.map((r) => [r.name, r.tenantId]), [['Node Reader', 'node-roles']]);
  const byPermission = ok(await m.role.search({ permissionNames: ['node.write'] }), 'role.search');
  assert.deepEqual(byPermission.map((r) => r.tenantId), ['node-roles']);
});

await check('role.create naming an unknown permission or tenant is refused with HTTP 400', async () => {
  const permission = await m.role.create('Node Bad', '', ['no-such-permission']);
  assert.equal(permission.ok, false);
  assert.equal(permission.code, 400);
  assert.equal(permission.error.errorCode, 'E011003');
  const tenant = await m.role.create('Node Bad', '', [], 'no-such-tenant');
  assert.equal(tenant.ok, false);
  assert.equal(tenant.code, 400);
});

await check('role.update replaces every field; identity is (tenantId, name)', async () => {
  ok(await m.role.update('Node Reader', 'Node Reader', undefined, ['node.write'], 'node-roles'), 'role.update');
  const all = ok(await m.role.loadAll(), 'role.loadAll');
  const tenantRole = all.find((r) => r.name === 'Node Reader' && r.tenantId === 'node-roles');
  assert.deepEqual(tenantRole.permissionNames, ['node.write']);
  assert.equal(tenantRole.description, undefined, 'an omitted description is removed');
  assert.equal(all.find((r) => r.name === 'Node Reader' && !r.tenantId).description, 'Reads', 'the project role is untouched');
});

await check('role.updateWithId, createBatch, updateBatch', async () => {
  const created = ok(await m.role.createBatch([{ name: 'Node Batch', permissionNames: ['node.read'] }]), 'role.createBatch');
  assert.equal(created[0].name, 'Node Batch');
  ok(await m.role.updateWithId(created[0].id, 'Node Batch 2', 'by id', ['node.read']), 'role.updateWithId');
  const updated = ok(await m.role.updateBatch([{ id: created[0].id, newName: 'Node Batch 3', permissionNames: [] }]), 'role.updateBatch');
  assert.equal(updated[0].name, 'Node Batch 3');
  assert.ok(ok(await m.role.loadAll(), 'role.loadAll').some((r) => r.id === created[0].id && r.name === 'Node Batch 3'));
});

await check('permission.delete drops the permission from the roles that grant it', async () => {
  ok(await m.permission.delete('node.write'), 'permission.delete');
  const role = ok(await m.role.loadAll(), 'role.loadAll').find((r) => r.name === 'Node Reader' && r.tenantId === 'node-roles');
  assert.ok(!(role.permissionNames ?? []).includes('node.write'));
});

await check('role.delete, deleteWithId, deleteBatch; delete of an unknown role fails', async () => {
  ok(await m.role.delete('Node Reader', 'node-roles'), 'role.delete');
  const batch = ok(await m.role.loadAll(), 'role.loadAll').find((r) => r.name === 'Node Batch 3');
  ok(await m.role.deleteWithId(batch.id), 'role.deleteWithId');
  ok(await m.role.deleteBatch(['Node Reader']), 'role.deleteBatch');
  const names = ok(await m.role.loadAll(), 'role.loadAll').map((r) => r.name);
  assert.ok(!names.includes('Node Reader') && !names.includes('Node Batch 3'));
  assert.ok(names.includes('Tenant Admin'));
  const res = await m.role.delete('Node Reader');
  assert.equal(res.ok, false);
  assert.ok(res.code >= 400);
});

await check('permission.deleteWithId and deleteBatch', async () => {
  const temp = ok(await m.permission.loadAll(), 'permission.loadAll').find((p) => p.name === 'node.temp3');
  ok(await m.permission.deleteWithId(temp.id), 'permission.deleteWithId');
  ok(await m.permission.deleteBatch(['node.read']), 'permission.deleteBatch');
  const names = ok(await m.permission.loadAll(), 'permission.loadAll').map((p) => p.name);
  assert.ok(!names.includes('node.temp3') && !names.includes('node.read'));
});

const policy = { enabled: true, minLength: 12, lowercase: true, uppercase: true, number: true, nonAlphaNumeric: true, expiration: true, expirationWeeks: 4, reuse: true, reuseAmount: 3, lock: true, lockAttempts: 5 };

await check('password.configureSettings then getSettings, project and tenant', async () => {
  ok(await m.password.configureSettings('', policy), 'password.configureSettings (project)');
  ok(await m.password.configureSettings('node-roles', { ...policy, minLength: 20, nonAlphaNumeric: false }), 'password.configureSettings (tenant)');
  const project = ok(await m.password.getSettings(''), 'password.getSettings (project)');
  const tenant = ok(await m.password.getSettings('node-roles'), 'password.getSettings (tenant)');
  assert.equal(project.minLength, 12);
  assert.equal(project.lockAttempts, 5);
  assert.equal(project.nonAlphanumeric, true, 'the Node spelling is accepted, the answer uses the Go one');
  assert.equal(tenant.minLength, 20);
  assert.equal(tenant.nonAlphanumeric, false);
});

await check('password.configureSettings overwrites every field; a minLength out of bounds is HTTP 400', async () => {
  ok(await m.password.configureSettings('', { minLength: 8 }), 'password.configureSettings');
  const project = ok(await m.password.getSettings(''), 'password.getSettings');
  assert.equal(project.lock, false);
  assert.equal(project.lockAttempts, 0);
  const res = await m.password.configureSettings('', { ...policy, minLength: 3 });
  assert.equal(res.ok, false);
  assert.equal(res.code, 400);
  assert.equal(res.error.errorCode, 'E011003');
});

await check('password.getSettings of an unknown tenant is refused with HTTP 400', async () => {
  const res = await m.password.getSettings('no-such-tenant');
  assert.equal(res.ok, false);
  assert.equal(res.code, 400);
});

await check('accessKey.create, load, searchAll: the cleartext comes once, reads never carry it', async () => {
  ok(await m.tenant.createWithId('node-keys', 'Node Keys'), 'tenant.createWithId');
  ok(await m.role.create('Node Key Role', 'for keys'), 'role.create');
  const created = ok(await m.accessKey.create('node-key', 0, ['Node Key Role'], [{ tenantId: 'node-keys', roleNames: [] }], undefined, { team: 'node' }, 'from node', ['10.1.0.0/16']), 'accessKey.create');
  assert.equal(typeof created.cleartext, 'string');
  assert.ok(created.cleartext.length > 10);
  assert.equal(created.key.name, 'node-key');
  const loaded = ok(await m.accessKey.load(created.key.id), 'accessKey.load');
  assert.equal(loaded.description, 'from node');
  assert.deepEqual(loaded.roleNames, ['Node Key Role']);
  assert.equal(loaded.keyTenants[0].tenantId, 'node-keys');
  assert.deepEqual(loaded.permittedIps, ['10.1.0.0/16']);
  assert.equal(loaded.status, 'active');
  assert.equal(JSON.stringify(loaded).includes(created.cleartext), false);
  const found = ok(await m.accessKey.searchAll(['node-keys']), 'accessKey.searchAll');
  assert.deepEqual(found.map((k) => k.id), [created.key.id]);
});

await check('accessKey.create with a name in use is refused with HTTP 400', async () => {
  const res = await m.accessKey.create('node-key', 0);
  assert.equal(res.ok, false);
  assert.equal(res.code, 400);
  assert.equal(res.error.errorCode, 'E011003');
});

await check('accessKey.update, deactivate, activate, rotate, delete', async () => {
  const key = ok(await m.accessKey.searchAll(), 'accessKey.searchAll').find((k) => k.name === 'node-key');
  const updated = ok(await m.accessKey.update(key.id, 'node-key-2', 'renamed', []), 'accessKey.update');
  assert.equal(updated.name, 'node-key-2');
  assert.equal(ok(await m.accessKey.load(key.id), 'accessKey.load').description, 'renamed');
  ok(await m.accessKey.deactivate(key.id), 'accessKey.deactivate');
  assert.equal(ok(await m.accessKey.load(key.id), 'accessKey.load').status, 'inactive');
  ok(await m.accessKey.activate(key.id), 'accessKey.activate');
  assert.equal(ok(await m.accessKey.load(key.id), 'accessKey.load').status, 'active');
  const rotated = ok(await m.accessKey.rotate(key.id), 'accessKey.rotate');
  assert.equal(typeof rotated.cleartext, 'string');
  assert.equal(rotated.key.id, key.id);
  ok(await m.accessKey.delete(key.id), 'accessKey.delete');
  const res = await m.accessKey.load(key.id);
  assert.equal(res.ok, false);
  assert.equal(res.code, 404);
});

await check('sso.configureSAMLSettings then loadAllSettings and loadSettings (v2, as the SDK transforms it)', async () => {
  ok(await m.tenant.createWithId('node-sso', 'Node SSO'), 'tenant.createWithId');
  ok(await m.role.create('Node SSO Role', 'mapped', [], 'node-sso'), 'role.create');
  const saml = { idpUrl: 'https://idp.node.example/sso', entityId: 'urn:node', idpCert: 'MIIC-node', roleMappings: [{ groups: ['g1'], roleName: 'Node SSO Role' }], attributeMapping: { email: 'mail' } };
  ok(await m.sso.configureSAMLSettings('node-sso', saml, 'https://app.node.example/done', ['node.example']), 'sso.configureSAMLSettings');
  const all = ok(await m.sso.loadAllSettings('node-sso'), 'sso.loadAllSettings');
  assert.equal(all.length, 1);
  assert.equal(all[0].tenant.id, 'node-sso');
  assert.deepEqual(all[0].tenant.domains, ['node.example']);
  assert.equal(all[0].saml.idpSSOUrl, 'https://idp.node.example/sso');
  assert.equal(all[0].saml.idpEntityId, 'urn:node');
  assert.equal(all[0].saml.idpCertificate, 'MIIC-node');
  assert.equal(all[0].saml.redirectUrl, 'https://app.node.example/done');
  assert.deepEqual(all[0].saml.groupsMapping, [{ groups: ['g1'], roleName: 'Node SSO Role' }]);
  assert.deepEqual(all[0].saml.attributeMapping, { email: 'mail' });
  const one = ok(await m.sso.loadSettings('node-sso'), 'sso.loadSettings');
  assert.equal(one.saml.idpEntityId, 'urn:node');
});

await check('sso.newSettings, configureSAMLByMetadata and configureOIDCSettings by ssoId; the client secret is never read', async () => {
  const created = ok(await m.sso.newSettings('node-sso', 'node-okta', 'Node Okta'), 'sso.newSettings');
  assert.equal(created.ssoId, 'node-okta');
  ok(await m.sso.configureSAMLByMetadata('node-sso', { idpMetadataUrl: 'https://idp.node.example/metadata.xml' }, undefined, undefined, 'node-okta'), 'sso.configureSAMLByMetadata');
  const oidc = { name: 'Node Google', clientId: 'node-cid', clientSecret: 'node-oidc-secret', authUrl: 'https://accounts.node.example/auth', scope: ['openid', 'email'], attributeMapping: { email: 'email' } };
  ok(await m.sso.configureOIDCSettings('node-sso', oidc, ['node.io'], 'node-google'), 'sso.configureOIDCSettings');
  const okta = ok(await m.sso.loadSettings('node-sso', 'node-okta'), 'sso.loadSettings');
  assert.equal(okta.saml.idpMetadataUrl, 'https://idp.node.example/metadata.xml');
  const google = ok(await m.sso.loadSettings('node-sso', 'node-google'), 'sso.loadSettings');
  assert.equal(google.ssoId, 'node-google');
  assert.equal(google.oidc.clientId, 'node-cid');
  assert.deepEqual(google.oidc.scope, ['openid', 'email']);
  assert.deepEqual(google.oidc.attributeMapping, { email: 'email' });
  assert.equal(google.oidc.clientSecret, undefined);
  assert.equal(JSON.stringify(ok(await m.sso.loadAllSettings('node-sso'), 'sso.loadAllSettings')).includes('node-oidc-secret'), false);
});

await check('sso.deleteSettings removes one configuration; loading it then fails', async () => {
  ok(await m.sso.deleteSettings('node-sso', 'node-okta'), 'sso.deleteSettings');
  const ids = ok(await m.sso.loadAllSettings('node-sso'), 'sso.loadAllSettings').map((s) => s.ssoId ?? '');
  assert.deepEqual(ids.sort(), ['', 'node-google']);
  const res = await m.sso.loadSettings('node-sso', 'node-okta');
  assert.equal(res.ok, false);
  assert.equal(res.code, 404);
  const tenant = await m.sso.configureSAMLSettings('no-such-tenant', { idpUrl: 'https://x.example', entityId: 'e', idpCert: 'c' });
  assert.equal(tenant.ok, false);
  assert.equal(tenant.code, 400);
});

await check('user.create, invite, load, loadByUserId', async () => {
  ok(await m.role.create('Node User Role', 'for users'), 'role.create');
  const alice = ok(await m.user.create('alice@node.example', { email: 'alice@node.example', displayName: 'Alice Node', roles: ['Node User Role'], userTenants: [{ tenantId: 'node-sso', roleNames: ['Node SSO Role'] }] }), 'user.create');
  assert.equal(alice.name, 'Alice Node');
  assert.equal(alice.status, 'enabled');
  assert.deepEqual(alice.loginIds, ['alice@node.example']);
  const bob = ok(await m.user.invite('bob@node.example', { email: 'bob@node.example' }), 'user.invite');
  assert.equal(bob.status, 'invited');
  const loaded = ok(await m.user.load('alice@node.example'), 'user.load');
  assert.deepEqual(loaded.roleNames, ['Node User Role']);
  assert.equal(loaded.userTenants[0].tenantName, 'Node SSO');
  assert.equal(ok(await m.user.loadByUserId(alice.userId), 'user.loadByUserId').email, 'alice@node.example');
  const dup = await m.user.create('alice@node.example');
  assert.equal(dup.ok, false);
  assert.equal(dup.code, 400);
});

await check('user.search pages with total; searchAll filters by tenant', async () => {
  for (let i = 0; i < 3; i++) ok(await m.user.create(`page${i}@node.example`), 'user.create');
  const first = ok(await m.user.search({ limit: 2, page: 0 }), 'user.search');
  const second = ok(await m.user.search({ limit: 2, page: 1 }), 'user.search');
  assert.equal(first.total, 5);
  assert.equal(first.users.length, 2);
  assert.equal(second.users.length, 2);
  assert.notEqual(first.users[0].userId, second.users[0].userId);
  const text = ok(await m.user.search({ text: 'alice' }), 'user.search');
  assert.deepEqual(text.users.map((u) => u.loginIds[0]), ['alice@node.example']);
  const inTenant = ok(await m.user.searchAll(['node-sso']), 'user.searchAll');
  assert.deepEqual(inTenant.map((u) => u.loginIds[0]), ['alice@node.example']);
});

await check('user.update replaces fields; deactivate and activate set the status', async () => {
  const updated = ok(await m.user.update('bob@node.example', { displayName: 'Bob Node' }), 'user.update');
  assert.equal(updated.name, 'Bob Node');
  assert.equal(updated.email, undefined, 'an omitted field is cleared');
  assert.equal(ok(await m.user.deactivate('bob@node.example'), 'user.deactivate').status, 'disabled');
  assert.equal(ok(await m.user.activate('bob@node.example'), 'user.activate').status, 'enabled');
  const res = await m.user.load('ghost@node.example');
  assert.equal(res.ok, false);
  assert.equal(res.error.errorCode, 'E112102');
});

await check('user roles: add, remove, set, in the project and per tenant', async () => {
  ok(await m.user.addRoles('bob@node.example', ['Node User Role']), 'user.addRoles');
  assert.deepEqual(ok(await m.user.load('bob@node.example'), 'user.load').roleNames, ['Node User Role']);
  ok(await m.user.removeRoles('bob@node.example', ['Node User Role']), 'user.removeRoles');
  assert.equal(ok(await m.user.load('bob@node.example'), 'user.load').roleNames, undefined);
  ok(await m.user.setRoles('bob@node.example', ['Node User Role']), 'user.setRoles');
  ok(await m.user.addTenantRoles('bob@node.example', 'node-sso', ['Node SSO Role']), 'user.addTenantRoles');
  let bob = ok(await m.user.load('bob@node.example'), 'user.load');
  assert.deepEqual(bob.roleNames, ['Node User Role']);
  assert.deepEqual(bob.userTenants.map((t) => [t.tenantId, t.roleNames]), [['node-sso', ['Node SSO Role']]]);
  ok(await m.user.removeTenantRoles('bob@node.example', 'node-sso', ['Node SSO Role']), 'user.removeTenantRoles');
  ok(await m.user.setTenantRoles('bob@node.example', 'node-sso', []), 'user.setTenantRoles');
  bob = ok(await m.user.load('bob@node.example'), 'user.load');
  assert.equal(bob.userTenants[0].roleNames, undefined);
  const bad = await m.user.addRoles('bob@node.example', ['No Such Role']);
  assert.equal(bad.ok, false);
  assert.equal(bad.code, 400);
});

await check('user.delete and deleteByUserId remove the user', async () => {
  const bob = ok(await m.user.load('bob@node.example'), 'user.load');
  ok(await m.user.delete('alice@node.example'), 'user.delete');
  ok(await m.user.deleteByUserId(bob.userId), 'user.deleteByUserId');
  assert.equal((await m.user.load('alice@node.example')).ok, false);
  assert.equal((await m.user.loadByUserId(bob.userId)).ok, false);
});

await check('a wrong management key is refused with HTTP 401', async () => {
  const bad = DescopeClient({ projectId, baseUrl, managementKey: 'K-wrong', logger: { log() {}, debug() {}, warn() {}, error() {} } });
  const res = await bad.management.flow.list();
  assert.equal(res.ok, false);
  assert.equal(res.code, 401);
});

console.log(failures === 0 ? 'all conformance checks passed' : `${failures} conformance check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
