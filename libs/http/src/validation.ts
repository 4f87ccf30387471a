import { ApiParam } from '@nestjs/swagger';
import { Param, ParseUUIDPipe, Query, ValidationPipe, type Type, type ValidationError } from '@nestjs/common';
import { Type as TransformType } from 'class-transformer';
import { IsNumber, IsObject, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import type { FieldProblem } from './problem-details.js';
import { documentParameterErrors } from './domain-errors.js';
import { HTTP_ERRORS, HttpErrorCode, RequestException } from './http.errors.js';

function flatten(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Validates every DTO; unknown properties are refused (no mass assignment) with a 400 listing each field.
 * `expectedType` validates against that class where the parameter's own type is unknown (generic routes).
 */
export function createValidationPipe(expectedType?: Type<object>): ValidationPipe {
  return new ValidationPipe({
    ...(expectedType ? { expectedType } : {}),
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new RequestException(HttpErrorCode.VALIDATION_FAILED, 'Request validation failed', {
        errors: flatten(errors),
      }),
  });
}

/**
 * The property may be left out, but when sent it must pass its validators: unlike class-validator's
 * `IsOptional()`, which also lets `null` through to columns that cannot hold it.
 */
export function Omittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/**
 * A finite number with at most `places` decimal places. class-validator's `IsNumber({ maxDecimalPlaces })` reads
 * the digits after the point of `String(value)` and throws (a 500) on a number JavaScript writes with an
 * exponent, such as `5e-324` or `1e21`; this compares the number with itself rounded to `places` instead.
 */
export function DecimalNumber(places: number): PropertyDecorator {
  return (target, key) => {
    IsNumber({ allowNaN: false, allowInfinity: false })(target, key);
    ValidateBy({
      name: 'decimalPlaces',
      constraints: [places],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value,
        defaultMessage: (args) => `${args?.property ?? 'value'} takes at most ${places} decimal places`,
      },
    })(target, key);
  };
}

/**
 * A property holding one nested object of `type`, validated by that class. class-validator's `ValidateNested()`
 * alone lets an array through (it validates each element, so `[]` passes and the service meets an array).
 */
export function NestedObject(type: () => Type<object>): PropertyDecorator {
  return (target, key) => {
    IsObject()(target, key);
    ValidateNested()(target, key);
    TransformType(type)(target, key);
  };
}

/**
 * A path parameter that must be a UUID (any version): a 400 naming it otherwise. `@UuidParam('id') id: string`.
 */
export function UuidParam(name: string): ParameterDecorator {
  const param = Param(name, uuidPipe(name, false));
  const documented = documentParameterErrors(HTTP_ERRORS, HttpErrorCode.VALIDATION_FAILED);
  return (target, key, index) => {
    param(target, key, index);
    documented(target, key, index);
    if (key !== undefined) {
      ApiParam({ name, type: String, format: 'uuid' })(
        target,
        key,
        Object.getOwnPropertyDescriptor(target, key)!,
      );
    }
  };
}

/** A path parameter that must be one of `values` (a 400 naming them otherwise): `@EnumParam('kind', KINDS) kind: Kind`. */
export function EnumParam(name: string, values: readonly string[]): ParameterDecorator {
  const param = Param(name, {
    transform(value: unknown): unknown {
      if (typeof value !== 'string' || !values.includes(value)) {
        throw new RequestException(
          HttpErrorCode.VALIDATION_FAILED,
          `${name} must be one of: ${values.join(', ')}`,
          {
            errors: [{ field: name, messages: [`must be one of: ${values.join(', ')}`] }],
          },
        );
      }
      return value;
    },
  });
  const documented = documentParameterErrors(HTTP_ERRORS, HttpErrorCode.VALIDATION_FAILED);
  return (target, key, index) => {
    param(target, key, index);
    documented(target, key, index);
    if (key !== undefined) {
      ApiParam({ name, enum: values })(target, key, Object.getOwnPropertyDescriptor(target, key)!);
    }
  };
}

/** An optional query parameter that must be a UUID when sent: `@UuidQuery('categoryId') categoryId?: string`. */
export function UuidQuery(name: string): ParameterDecorator {
  const query = Query(name, uuidPipe(name, true));
  const documented = documentParameterErrors(HTTP_ERRORS, HttpErrorCode.VALIDATION_FAILED);
  return (target, key, index) => {
    query(target, key, index);
    documented(target, key, index);
  };
}

function uuidPipe(name: string, optional: boolean): ParseUUIDPipe {
  return new ParseUUIDPipe({
    version: undefined,
    optional,
    exceptionFactory: () =>
      new RequestException(HttpErrorCode.VALIDATION_FAILED, `${name} must be a UUID`, {
        errors: [{ field: name, messages: [`${name} must be a UUID`] }],
      }),
  });
}
