import { ROLES, type Role } from '@agora/auth';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { normalizeEmail } from '../verification/verification.dto.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** What users may change on their own account; role and verified are not here, so sending them is a 400. */
export class UpdateOwnAccountDto {
  @ApiPropertyOptional({ example: 'anna_k', minLength: 3, maxLength: 32 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(32)
  @Matches(/^[A-Za-z0-9_.-]+$/, {
    message: 'login may contain only letters, digits, dot, dash and underscore',
  })
  login?: string;

  @ApiPropertyOptional({ description: 'A new password; needs currentPassword' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  newPassword?: string;

  @ApiPropertyOptional({ description: 'Required with newPassword' })
  @ValidateIf((dto: UpdateOwnAccountDto) => dto.newPassword !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword?: string;
}

/** Seed 001 `PUT /user/:id`: every editable field of an account (admins). */
export class ReplaceUserDto {
  @ApiProperty({ example: 'anna@example.com' })
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'anna' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(32)
  @Matches(/^[A-Za-z0-9_.-]+$/, {
    message: 'login may contain only letters, digits, dot, dash and underscore',
  })
  login!: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  verified!: boolean;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;
}

/** Seed 001 `PATCH /user/:id`: some of them. */
export class PatchUserDto extends PartialType(ReplaceUserDto) {}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES, example: 'moderator' })
  @IsIn(ROLES)
  role!: Role;
}
