import type { Role } from './roles.js';

/** One demo account of `npm run seed` (or `npm start -- --demo`): known credentials for trying the platform. */
export interface DemoAccount {
  readonly role: Role;
  readonly email: string;
  readonly login: string;
  readonly password: string;
}

/**
 * The demo accounts auth-service's seed creates, verified, one per role; the embedded start prints those that
 * exist. For a local platform only: their passwords are in this file.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: 'admin', email: 'admin@demo.example.com', login: 'demo-admin', password: 'demo admin password' },
  {
    role: 'moderator',
    email: 'moderator@demo.example.com',
    login: 'demo-moderator',
    password: 'demo moderator password',
  },
  {
    role: 'seller',
    email: 'seller@demo.example.com',
    login: 'demo-seller',
    password: 'demo seller password',
  },
  { role: 'user', email: 'user@demo.example.com', login: 'demo-user', password: 'demo user password' },
];
