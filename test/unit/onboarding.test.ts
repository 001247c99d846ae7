import { isValidEmail, normalizeEmail } from '../../src/domain/onboarding';

describe('emails', () => {
  test('are trimmed and lower-cased', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM \n')).toBe('ada.lovelace@example.com');
  });

  test.each(['ada@example.com', 'a.b+tag@sub.example.co.uk', "o'brien@example.ie", 'x@a-b.io', `${'a'.repeat(64)}@example.com`])(
    '%s is valid',
    (email) => {
      expect(isValidEmail(email)).toBe(true);
    },
  );

  test.each([
    '',
    'ada',
    'ada@',
    '@example.com',
    'ada@example',
    'ada@@example.com',
    'ada example@example.com',
    'ada@exa mple.com',
    'ada@-example.com',
    'ada@example-.com',
    'ada@.example.com',
    'ada@example..com',
    `${'a'.repeat(65)}@example.com`,
    `ada@${'a'.repeat(250)}.com`,
    'ada@example.com\n',
    'ada@exämple.com',
  ])('%j is not', (email) => {
    expect(isValidEmail(email)).toBe(false);
  });
});
