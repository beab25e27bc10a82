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

await check('a wrong management key is refused with HTTP 401', async () => {
  const bad = DescopeClient({ projectId, baseUrl, managementKey: 'K-wrong', logger: { log() {}, debug() {}, warn() {}, error() {} } });
  const res = await bad.management.flow.list();
  assert.equal(res.ok, false);
  assert.equal(res.code, 401);
});

console.log(failures === 0 ? 'all conformance checks passed' : `${failures} conformance check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
