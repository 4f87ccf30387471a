import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class PasswordResetDto {
  @ApiProperty({ description: 'The token from the mail' })
  @IsString()
  @MinLength(20)
  @MaxLength(256)
  token!: string;

  @ApiProperty({ example: 'a new long passphrase' })
  @IsString()
  @MaxLength(128)
  password!: string;
}
