// The official Node SDK pointed at the project the test names (DESCOPE_BASE_URL, DESCOPE_PROJECT_ID,
// DESCOPE_MANAGEMENT_KEY), with its logging silenced so stdout holds only what a script prints.
import DescopeClient from '@descope/node-sdk';

const env = process.env;

export const management = DescopeClient({
  projectId: env.DESCOPE_PROJECT_ID,
  baseUrl: env.DESCOPE_BASE_URL,
  managementKey: env.DESCOPE_MANAGEMENT_KEY,
  logger: { log() {}, debug() {}, warn() {}, error() {} },
}).management;

// The data of a successful SDK answer; a failed one ends the script with the SDK's error on stderr.
export function ok(res, what) {
  if (!res.ok) {
    console.error(`${what} failed: ${JSON.stringify(res.error)}`);
    process.exit(1);
  }
  return res.data;
}
