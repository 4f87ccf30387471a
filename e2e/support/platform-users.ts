import { AuthTestClient, type SmtpInbox } from '@agora/testing';

export const TEST_ADMIN = {
  email: 'root@example.com',
  login: 'root',
  password: 'agora admin passphrase',
} as const;

/** The platform env that creates TEST_ADMIN at start and mails through the test's SMTP inbox. */
export function adminEnv(inbox: SmtpInbox): Record<string, string> {
  return {
    SMTP_URL: inbox.url,
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_LOGIN: TEST_ADMIN.login,
    ADMIN_PASSWORD: TEST_ADMIN.password,
  };
}

export interface SignedInUser {
  readonly id: string;
  readonly login: string;
  readonly token: string;
}

/**
 * Accounts through the gateway, as a client makes them: the admin from ADMIN_EMAIL, and users who register,
 * verify with the mailed code, get a role from the admin when asked, and sign in.
 */
export class PlatformUsers {
  readonly client: AuthTestClient;

  constructor(gatewayUrl: string, inbox: SmtpInbox) {
    this.client = new AuthTestClient(`${gatewayUrl}/api`, inbox);
  }

  async signIn(login: string, password = 'correct horse battery'): Promise<string> {
    const answer = await this.client.call<{ accessToken?: string }>('POST', '/authentication', {
      body: { login, password },
    });
    if (!answer.body.accessToken) {
      throw new Error(`sign-in of ${login}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer.body.accessToken;
  }

  async admin(): Promise<SignedInUser> {
    const token = await this.signIn(TEST_ADMIN.login, TEST_ADMIN.password);
    const me = await this.client.call<{ id: string }>('GET', '/me', { token });
    return { id: me.body.id, login: TEST_ADMIN.login, token };
  }

  /** A verified account with the role (user when absent), signed in after the role was set. */
  async withRole(
    login: string,
    role: 'user' | 'seller' | 'moderator' | 'admin' = 'user',
  ): Promise<SignedInUser> {
    const account = await this.client.signedIn(login);
    if (role === 'user') {
      return { id: account.id, login, token: account.accessToken };
    }
    const admin = await this.admin();
    const changed = await this.client.call('PUT', `/users/${account.id}/role`, {
      body: { role },
      token: admin.token,
    });
    if (changed.status !== 200) {
      throw new Error(`role of ${login}: ${changed.status} ${JSON.stringify(changed.body)}`);
    }
    return { id: account.id, login, token: await this.signIn(login) };
  }
}
