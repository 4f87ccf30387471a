import { DEMO_ACCOUNTS, Topics } from '@agora/contracts';
import { OutboxWriter } from '@agora/database';
import type { DemoSeedOptions, DemoSeedResult } from '@agora/runtime';
import type { DataSource } from 'typeorm';
import { PasswordHasher } from '../users/password-hasher.js';
import { passwordProblems } from '../users/password-policy.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * The demo accounts (`DEMO_ACCOUNTS`: admin, moderator, seller, user), verified, with known passwords; an
 * account whose e-mail or login is taken already is left alone, so a second seed changes nothing. Each new
 * account's events go through the outbox as a registration's do (registered, verified; the seller's role
 * change), so a running platform's social-service makes their profiles and order-service knows the seller.
 */
export async function seedDemoAccounts(
  dataSource: DataSource,
  _options: DemoSeedOptions,
): Promise<DemoSeedResult> {
  const schema = (dataSource.options as { schema?: string }).schema ?? 'auth';
  const outbox = new OutboxWriter(schema);
  const hasher = new PasswordHasher();
  for (const account of DEMO_ACCOUNTS) {
    const problems = passwordProblems(account.password, account);
    if (problems.length > 0) {
      throw new Error(`demo account ${account.login}: ${problems.join('; ')}`);
    }
  }
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((account) => hasher.hash(account.password)));
  const created = await dataSource.transaction(async (manager) => {
    // Seeds at once (or a seed and DEMO=1's) create each account once: the others wait here and find them.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('auth.demo-accounts'))`);
    const users = manager.getRepository(UserEntity);
    let adminId: string | undefined;
    const made: UserEntity[] = [];
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      const existing = await users
        .createQueryBuilder('user')
        .where('user.email = :email OR lower(user.login) = lower(:login)', account)
        .getOne();
      if (existing) {
        adminId ??= existing.role === 'admin' ? existing.id : undefined;
        continue;
      }
      const user = await users.save(
        users.create({
          email: account.email,
          login: account.login,
          passwordHash: hashes[index],
          verified: true,
          role: account.role,
        }),
      );
      adminId ??= account.role === 'admin' ? user.id : undefined;
      const at = user.createdAt.toISOString();
      await outbox.add(manager, Topics.UserRegistered, user.id, {
        userId: user.id,
        email: user.email,
        login: user.login,
        registeredAt: at,
      });
      await outbox.add(manager, Topics.UserVerified, user.id, { userId: user.id, verifiedAt: at });
      if (account.role === 'seller') {
        // order-service keeps who sells from role changes; no access token predates the account.
        await outbox.add(manager, Topics.UserRoleChanged, user.id, {
          userId: user.id,
          role: 'seller',
          previousRole: 'user',
          changedBy: adminId ?? user.id,
          changedAt: at,
          tokenVersion: user.tokenVersion,
          accessTokensExpireBy: at,
        });
      }
      made.push(user);
    }
    return made;
  });
  return created.length === 0
    ? { skipped: true, counts: {}, note: 'the demo accounts exist already' }
    : { skipped: false, counts: { 'demo accounts': created.length } };
}
