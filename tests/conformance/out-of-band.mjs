// An out-of-band change, as a teammate or another tool would make it: renames a tenant through the
// official Node SDK. Used by the drift tests. Env: DESCOPE_BASE_URL, DESCOPE_PROJECT_ID,
// DESCOPE_MANAGEMENT_KEY, TENANT_ID, TENANT_NAME.
import DescopeClient from '@descope/node-sdk';

const { DESCOPE_BASE_URL: baseUrl, DESCOPE_PROJECT_ID: projectId, DESCOPE_MANAGEMENT_KEY: managementKey, TENANT_ID: id, TENANT_NAME: name } = process.env;
const client = DescopeClient({ projectId, baseUrl, managementKey, logger: { log() {}, debug() {}, warn() {}, error() {} } });
const loaded = await client.management.tenant.load(id);
if (!loaded.ok) {
  console.error(`load failed: ${JSON.stringify(loaded.error)}`);
  process.exit(1);
}
const t = loaded.data;
const res = await client.management.tenant.update(id, name, t.selfProvisioningDomains, t.customAttributes, t.enforceSSO, t.disabled);
if (!res.ok) {
  console.error(`update failed: ${JSON.stringify(res.error)}`);
  process.exit(1);
}
console.log(`renamed tenant ${id} to ${name}`);
