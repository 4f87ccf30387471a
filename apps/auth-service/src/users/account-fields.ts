import { Omittable } from '@agora/http';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** The account fields' rules, in one place for every DTO that carries them. */
const LOGIN_PATTERN = /^[A-Za-z0-9_.-]+$/;

interface FieldOptions {
  /** Absent values allowed (PATCH-style DTOs). */
  readonly optional?: boolean;
  readonly example?: string;
}

const documented = (options: FieldOptions, schema: Record<string, unknown>): PropertyDecorator =>
  options.optional ? applyDecorators(ApiPropertyOptional(schema), Omittable()) : ApiProperty(schema);

/** An e-mail address, trimmed and lower-cased (how it is stored and looked up). */
export function EmailField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    documented(options, { example: options.example ?? 'anna@example.com', maxLength: 254 }),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim().toLowerCase() : value,
    ),
    IsEmail({}, { message: 'email must be a valid e-mail address' }),
    MaxLength(254),
  );
}

/** A login: 3–32 letters, digits, dots, dashes and underscores, unique regardless of case. */
export function LoginField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    documented(options, {
      example: options.example ?? 'anna',
      minLength: 3,
      maxLength: 32,
      pattern: LOGIN_PATTERN.source,
    }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    MinLength(3),
    MaxLength(32),
    Matches(LOGIN_PATTERN, { message: 'login may contain only letters, digits, dot, dash and underscore' }),
  );
}
