import { ValidateIf } from 'class-validator';

/**
 * An optional field that, when present, must pass its validators: unlike `@IsOptional()`, a `null` is
 * validated (and refused with a 400) rather than skipped, for fields where null means nothing.
 */
export function Absent(): PropertyDecorator {
  return ValidateIf((_, value) => value !== undefined);
}
