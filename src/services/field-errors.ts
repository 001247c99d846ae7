import { DomainError, ErrorCode, FieldError } from '../errors';

/** Collects every problem of an input, so the caller can fix them all in one go. */
export class FieldErrors {
  private readonly fields: FieldError[] = [];

  add(field: string, message: string): void {
    this.fields.push({ field, message });
  }

  /** Throws one BAD_USER_INPUT naming every field, when there is any problem. */
  throwIfAny(): void {
    if (this.fields.length === 0) return;
    const message = this.fields.length === 1
      ? this.fields[0].message
      : `Invalid input: ${this.fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`;
    throw new DomainError(ErrorCode.BAD_USER_INPUT, message, { fields: [...this.fields] });
  }
}
