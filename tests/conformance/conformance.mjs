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

await check('a wrong management key is refused with HTTP 401', async () => {
  const bad = DescopeClient({ projectId, baseUrl, managementKey: 'K-wrong', logger: { log() {}, debug() {}, warn() {}, error() {} } });
  const res = await bad.management.flow.list();
  assert.equal(res.ok, false);
  assert.equal(res.code, 401);
});

console.log(failures === 0 ? 'all conformance checks passed' : `${failures} conformance check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
