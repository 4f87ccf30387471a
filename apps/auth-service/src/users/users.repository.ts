import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UserEntity } from './user.entity.js';

export type TakenField = 'email' | 'login';

/** The only code that touches the users table. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Which of e-mail and login already belong to someone. */
  async findTakenFields(email: string, login: string): Promise<TakenField[]> {
    const rows: { email_taken: boolean; login_taken: boolean }[] = await this.dataSource.query(
      `SELECT bool_or("email" = $1) AS email_taken, bool_or(lower("login") = lower($2)) AS login_taken
         FROM "auth"."users" WHERE "email" = $1 OR lower("login") = lower($2)`,
      [email, login],
    );
    const row = rows[0];
    return [
      ...(row?.email_taken ? (['email'] as const) : []),
      ...(row?.login_taken ? (['login'] as const) : []),
    ];
  }

  insert(
    manager: EntityManager,
    user: Pick<UserEntity, 'email' | 'login' | 'passwordHash'>,
  ): Promise<UserEntity> {
    const entity = manager.create(UserEntity, { ...user, verified: false, role: 'user' });
    return manager.save(entity);
  }
}
