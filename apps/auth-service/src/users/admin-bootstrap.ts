import { Topics } from '@agora/contracts';
import { OutboxWriter } from '@agora/database';
import { LOGGER } from '@agora/logging';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuthConfig } from '../auth.config.js';
import { PasswordHasher } from './password-hasher.js';
import { passwordProblems } from './password-policy.js';
import { UsersRepository } from './users.repository.js';
import { UnitOfWork } from '@agora/database';

/** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no account has that e-mail. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly transactions: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly outbox: OutboxWriter,
    private readonly config: AuthConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password, ADMIN_LOGIN: login } = this.config;
    if (!email || !password) {
      return;
    }
    const problems = passwordProblems(password, { email, login });
    if (problems.length > 0) {
      throw new Error(`ADMIN_PASSWORD: ${problems.join('; ')}`);
    }
    const passwordHash = await this.hasher.hash(password);
    const created = await this.transactions.run(async (manager) => {
      // One replica creates it; the others wait here and find it.
      await this.users.lockAdminBootstrap(manager);
      if (await this.users.findByEmail(email, manager)) {
        return undefined;
      }
      const admin = await this.users.insert(manager, {
        email: email.toLowerCase(),
        login,
        passwordHash,
        verified: true,
        role: 'admin',
      });
      await this.outbox.add(manager, Topics.UserRegistered, admin.id, {
        userId: admin.id,
        email: admin.email,
        login: admin.login,
        registeredAt: admin.createdAt.toISOString(),
      });
      await this.outbox.add(manager, Topics.UserVerified, admin.id, {
        userId: admin.id,
        verifiedAt: admin.createdAt.toISOString(),
      });
      return admin;
    });
    if (created) {
      this.logger.info({ userId: created.id, email: created.email }, 'first admin created');
    }
  }
}
