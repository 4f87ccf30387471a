import { AuthTestClient, type SmtpInbox } from '@agora/testing';
import type { RoleName } from './generators.js';

export const FUZZ_ADMIN = { email: 'fuzz-admin@example.com', password: 'fuzz admin passphrase 1' };
const PASSWORD = 'fuzz role passphrase 1';
const SIGNED_ROLES = ['user', 'seller', 'moderator', 'admin'] as const;
type SignedRole = (typeof SIGNED_ROLES)[number];

/** A JWT nobody signed (`alg: none`) claiming to be an admin. */
const FORGED_TOKEN = [
  Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url'),
  Buffer.from('{"sub":"00000000-0000-0000-0000-000000000000","role":"admin","exp":4102444800}').toString(
    'base64url',
  ),
  '',
].join('.');

/**
 * The run's own accounts, one per role: the admin from ADMIN_EMAIL/ADMIN_PASSWORD, the others registered and
 * verified through the API (codes from the SMTP inbox) and given their role by the admin.
 */
export class FuzzAccounts {
  readonly tokens: Record<RoleName, string | undefined> = {
    anonymous: undefined,
    forged: FORGED_TOKEN,
    user: undefined,
    seller: undefined,
    moderator: undefined,
    admin: undefined,
  };
  readonly ids = new Map<SignedRole, string>();
  private readonly emails = new Map<SignedRole, string>([['admin', FUZZ_ADMIN.email]]);
  private readonly passwords = new Map<SignedRole, string>([['admin', FUZZ_ADMIN.password]]);
  /** Accounts that had to sign in again during the run (their token stopped working). */
  readonly renewed: string[] = [];
  private readonly client: AuthTestClient;

  constructor(gatewayUrl: string, inbox: SmtpInbox) {
    this.client = new AuthTestClient(`${gatewayUrl}/api`, inbox);
  }

  async create(): Promise<void> {
    await this.signIn('admin');
    const me = await this.client.call<{ id: string }>('GET', '/me', { token: this.tokens.admin });
    this.ids.set('admin', me.body.id);
    for (const role of ['user', 'seller', 'moderator'] as const) {
      const login = `fuzz_${role}`;
      const account = await this.client.signedIn(login, PASSWORD);
      if (!account.id) {
        throw new Error(`could not register the fuzz ${role}`);
      }
      this.ids.set(role, account.id);
      this.emails.set(role, `${login}@example.com`);
      this.passwords.set(role, PASSWORD);
      if (role !== 'user') {
        const changed = await this.client.call('PUT', `/users/${account.id}/role`, {
          token: this.tokens.admin,
          body: { role },
        });
        if (changed.status !== 200) {
          throw new Error(`PUT /api/users/:id/role answered ${changed.status} for the fuzz ${role}`);
        }
      }
      await this.signIn(role);
    }
  }

  private async signIn(role: SignedRole): Promise<void> {
    const answer = await this.client.call<{ accessToken?: string }>('POST', '/authentication', {
      body: { login: this.emails.get(role), password: this.passwords.get(role) },
    });
    if (answer.status !== 200 || !answer.body.accessToken) {
      throw new Error(
        `sign-in of the fuzz ${role} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    }
    this.tokens[role] = answer.body.accessToken;
  }

  /**
   * Signs in again any role whose token `/api/me` no longer takes (a fuzzed logout may end its session), or whose
   * role changed. A sign-in the throttle refuses leaves the old token: the run goes on with less coverage, noted.
   */
  async renewIfNeeded(): Promise<void> {
    for (const role of SIGNED_ROLES) {
      const me = await this.client.call<{ role?: string }>('GET', '/me', { token: this.tokens[role] });
      if (me.status !== 200 || me.body.role !== role) {
        const why = `GET /api/me answered ${me.status}${me.body.role ? `, role ${me.body.role}` : ''}`;
        try {
          await this.signIn(role);
          this.renewed.push(`${role} (${why})`);
        } catch (error) {
          this.renewed.push(`${role} (${why}; not renewed: ${(error as Error).message.slice(0, 120)})`);
        }
      }
    }
  }

  /** The run's own account ids: destructive routes leave them alone so later requests keep their roles. */
  protectedIds(): ReadonlySet<string> {
    return new Set(this.ids.values());
  }
}
