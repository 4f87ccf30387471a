import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { UserEntity } from './user.entity.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class RegistrationDto {
  @ApiProperty({ example: 'anna@example.com', maxLength: 254 })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'anna', minLength: 3, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(32)
  @Matches(/^[A-Za-z0-9_.-]+$/, {
    message: 'login may contain only letters, digits, dot, dash and underscore',
  })
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
