import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { EmailField, LoginField } from './account-fields.js';
import type { UserEntity } from './user.entity.js';

export class RegistrationDto {
  @EmailField()
  email!: string;

  @LoginField()
  login!: string;

  @ApiProperty({ example: 'correct horse battery staple', minLength: 8, maxLength: 128 })
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password!: string;
}

export class RegisteredUserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'anna@example.com' })
  email!: string;

  @ApiProperty({ example: 'anna' })
  login!: string;

  @ApiProperty({ example: false })
  verified!: boolean;
}

export function toRegisteredUserDto(user: UserEntity): RegisteredUserDto {
  return { id: user.id, email: user.email, login: user.login, verified: user.verified };
}
