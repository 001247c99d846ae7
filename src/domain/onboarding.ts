// Input rules for onboarding: what a valid account email and display name are.

/** The longest address SMTP can carry (RFC 5321: 254 characters, 64 before the @). */
const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
// The WHATWG form-validation pattern, with at least one dot in the domain.
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export const MAX_DISPLAY_NAME_LENGTH = 100;

/** Emails are compared trimmed and lower-cased, so one mailbox cannot hold two accounts. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Whether a normalized email is a plausible mailbox address. */
export function isValidEmail(email: string): boolean {
  if (email.length > MAX_EMAIL_LENGTH) return false;
  const at = email.lastIndexOf('@');
  if (at < 1 || at > MAX_LOCAL_PART_LENGTH) return false;
  return EMAIL.test(email);
}
