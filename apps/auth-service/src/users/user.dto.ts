import { ROLES, type Role } from '@agora/auth';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty } from '@nestjs/swagger';
import type { UserEntity } from './user.entity.js';

/** An account as its owner and admins see it. */
export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'anna@example.com' })
  email!: string;

  @ApiProperty({ example: 'anna' })
  login!: string;

  @ApiProperty({ enum: ROLES, example: 'user' })
  role!: Role;

  @ApiProperty({ example: true })
  verified!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

/** `GET /users`: a page of accounts. */
export const UserPageDto = PageOf(UserDto);
export type UserPageDto = Page<UserDto>;

export const USER_LIST_QUERY: ListQuerySpec = {
  fields: {
    id: 'uuid',
    email: 'string',
    login: 'string',
    role: 'string',
    verified: 'boolean',
    createdAt: 'date',
  },
  searchable: ['email', 'login'],
  defaultSort: '-createdAt',
};

export function toUserDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    email: user.email,
    login: user.login,
    role: user.role,
    verified: user.verified,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
