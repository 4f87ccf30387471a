import { modifyReturning } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { USER_LIST_QUERY } from './user.dto.js';
import { UserEntity } from './user.entity.js';

export type TakenField = 'email' | 'login';

/** The only code that touches the users table. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Which of e-mail and login already belong to someone (other than `exceptUserId`). Inside a transaction,
   * pass its manager: a second pooled connection per request starves the pool under load.
   */
  async findTakenFields(
    email: string,
    login: string,
    exceptUserId?: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TakenField[]> {
    const rows: { email_taken: boolean; login_taken: boolean }[] = await manager.query(
      `SELECT bool_or("email" = $1) AS email_taken, bool_or(lower("login") = lower($2)) AS login_taken
         FROM "auth"."users" WHERE ("email" = $1 OR lower("login") = lower($2)) AND "id" IS DISTINCT FROM $3`,
      [email, login, exceptUserId ?? null],
    );
    const row = rows[0];
    return [
      ...(row?.email_taken ? (['email'] as const) : []),
      ...(row?.login_taken ? (['login'] as const) : []),
    ];
  }

  async isLoginTaken(manager: EntityManager, login: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM "auth"."users" WHERE lower("login") = lower($1) LIMIT 1`,
      [login],
    );
    return rows.length > 0;
  }

  list(query: ParsedListQuery): Promise<Page<UserEntity>> {
    const builder = this.dataSource.manager.createQueryBuilder(UserEntity, 'user');
    return findPage(builder, query, USER_LIST_QUERY.searchable);
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return manager.findOneBy(UserEntity, { id });
  }

  findByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return manager.findOneBy(UserEntity, { email: email.trim().toLowerCase() });
  }

  /**
   * Verified admins by id, up to `limit` (the role index serves it): those told of every new order. Roles
   * live here, not in configuration, so an admin made or unmade by the role change is counted at once.
   */
  findAdmins(manager: EntityManager, limit: number): Promise<UserEntity[]> {
    return manager.find(UserEntity, {
      where: { role: 'admin', verified: true },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /** A sign-in name is an e-mail (with @) or a login, both case-insensitive. */
  findBySignInName(name: string): Promise<UserEntity | null> {
    const normalized = name.trim().toLowerCase();
    return normalized.includes('@')
      ? this.findByEmail(normalized)
      : this.dataSource.manager
          .createQueryBuilder(UserEntity, 'user')
          .where('lower(user.login) = :login', { login: normalized })
          .getOne();
  }

  /**
   * Share-locks the row for the rest of the transaction: a refresh waits for a password change, role change
   * or deletion of the user that is under way (which hold the row exclusively) and sees its outcome.
   */
  shareLockById(manager: EntityManager, id: string): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  /** Locks the row for the rest of the transaction. */
  lockById(manager: EntityManager, id: string): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(
    manager: EntityManager,
    user: Pick<UserEntity, 'email' | 'login' | 'passwordHash'> &
      Partial<Pick<UserEntity, 'verified' | 'role'>>,
  ): Promise<UserEntity> {
    const entity = manager.create(UserEntity, { verified: false, role: 'user', ...user });
    return manager.save(entity);
  }

  save(manager: EntityManager, user: UserEntity): Promise<UserEntity> {
    return manager.save(user);
  }

  /** Serializes the first admin's creation across replicas until the transaction ends. */
  async lockAdminBootstrap(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('auth.admin-bootstrap'))`);
  }

  async remove(manager: EntityManager, user: UserEntity): Promise<void> {
    await manager.remove(user);
  }

  /**
   * Deletes up to `limit` accounts still unverified `ttlHours` after registering, skipping rows other
   * transactions hold (replicas purging at once take different batches); returns their ids.
   */
  async deleteExpiredUnverified(manager: EntityManager, ttlHours: number, limit: number): Promise<string[]> {
    const rows = await modifyReturning<{ id: string }>(
      manager,
      `DELETE FROM "auth"."users" WHERE "id" IN (
         SELECT "id" FROM "auth"."users"
          WHERE NOT "verified" AND "created_at" < now() - make_interval(hours => $1)
          ORDER BY "created_at" LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING "id"`,
      [ttlHours, limit],
    );
    return rows.map((row) => row.id);
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.dataSource.manager.update(UserEntity, { id }, { passwordHash });
  }
}
