import { Use } from '../../src/domain/enums';
test('enums load', () => expect(Use.PERSONAL).toBe('PERSONAL'));
