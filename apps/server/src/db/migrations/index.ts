import type { Migration } from 'kysely';
import * as scim from './0001_scim.js';
import * as admin from './0002_admin.js';
import * as flows from './0100_flows.js';
import * as credentials from './0101_credentials.js';
import * as runtime from './0201_runtime.js';
import * as runtimeStepOrder from './0202_runtime_step_order.js';
import * as credentialRenames from './0203_credential_renames.js';

/**
 * Every schema migration, applied in key order. Areas append their own file here
 * (`0003_flows.ts`, ...) under the next free number; never rename or edit an applied one.
 */
export const migrations: Record<string, Migration> = {
  '0001_scim': scim,
  '0002_admin': admin,
  '0100_flows': flows,
  '0101_credentials': credentials,
  '0201_runtime': runtime,
  '0202_runtime_step_order': runtimeStepOrder,
  '0203_credential_renames': credentialRenames,
};
