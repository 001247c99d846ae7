import { FieldError, Reason, refuse } from '../../errors';

/** Collects every problem of an input, so the caller can fix them all in one go. */
export class FieldErrors {
  private readonly fields: FieldError[] = [];

  add(field: string, message: string): void {
    this.fields.push({ field, message });
  }

  get size(): number {
    return this.fields.length;
  }

  /** Throws one BAD_USER_INPUT naming every field, when there is any problem. */
  throwIfAny(reason: Reason = 'INVALID_FIELDS'): void {
    if (this.fields.length === 0) return;
    const message =
      this.fields.length === 1 ? this.fields[0].message : `Invalid input: ${this.fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`;
    throw refuse(reason, message, { fields: [...this.fields] });
  }
}
