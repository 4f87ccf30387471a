import { Omittable } from '@agora/http';
import { ROLES, type Role } from '@agora/auth';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { EmailField, LoginField } from '../users/account-fields.js';

/** What users may change on their own account; role and verified are not here, so sending them is a 400. */
export class UpdateOwnAccountDto {
  @LoginField({ optional: true, example: 'anna_k' })
  login?: string;

  @ApiPropertyOptional({ description: 'A new password; needs currentPassword' })
  @Omittable()
  @IsString()
  @MaxLength(128)
  newPassword?: string;

  @ApiPropertyOptional({ description: 'Required with newPassword' })
  // Checked whenever sent (a null too), and required with newPassword.
  @ValidateIf(
    (dto: UpdateOwnAccountDto) => dto.newPassword !== undefined || dto.currentPassword !== undefined,
  )
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword?: string;
}

/** Seed 001 `PUT /user/:id`: every editable field of an account (admins). */
export class ReplaceUserDto {
  @EmailField()
  email!: string;

  @LoginField()
  login!: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  verified!: boolean;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;
}

/** Seed 001 `PATCH /user/:id`: some of them. */
export class PatchUserDto extends PartialType(ReplaceUserDto, { skipNullProperties: false }) {}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES, example: 'moderator' })
  @IsIn(ROLES)
  role!: Role;
}
