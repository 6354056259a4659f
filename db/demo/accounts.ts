import type { DemoAccount } from '../../shared/contract/setup';

/** The demo clinic's sign-ins; they are printed by `keel demo` and shown after "Open the demo clinic". */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = Object.freeze([
  { username: 'manager', password: 'keel-demo-manager', role: 'manager', fullName: 'Morgan Avery' },
  { username: 'reception', password: 'keel-demo-reception', role: 'receptionist', fullName: 'Riley Chen' },
  { username: 'provider', password: 'keel-demo-provider', role: 'provider', fullName: 'Dr. Priya Lee' },
  { username: 'billing', password: 'keel-demo-billing', role: 'billing', fullName: 'Blake Okafor' },
]);
