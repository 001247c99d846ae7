import { OrganizationKind } from '../../src/domain/enums';
import type { OrganizationFact } from '../../src/domain/decide-entitlement';
import { isGovernmentEntity, isSelfDeclaredGovernmentEntity } from '../../src/domain/government';

const CIVIL = { code: '511110', prohibitedSector: null, governmentSector: false };
const PUBLIC_ADMIN = { code: '921110', prohibitedSector: null, governmentSector: true };

function org(kind: OrganizationKind, over: Partial<OrganizationFact> = {}): OrganizationFact {
  return { kind, industry: CIVIL, declaredSectors: [], performsPublicFunctions: false, ...over };
}

describe('isSelfDeclaredGovernmentEntity', () => {
  test.each([
    ['no organization', null, false],
    ['INDIVIDUAL', org(OrganizationKind.INDIVIDUAL, { industry: null }), false],
    ['COMPANY', org(OrganizationKind.COMPANY), false],
    ['NONPROFIT', org(OrganizationKind.NONPROFIT), false],
    ['GOVERNMENT_BODY', org(OrganizationKind.GOVERNMENT_BODY), true],
    ['GOVERNMENT_BODY without industry', org(OrganizationKind.GOVERNMENT_BODY, { industry: null }), true],
    ['INTERGOVERNMENTAL_ORGANIZATION', org(OrganizationKind.INTERGOVERNMENTAL_ORGANIZATION), true],
    ['GOC without public functions', org(OrganizationKind.GOVERNMENT_OWNED_CORPORATION), false],
    ['GOC with public functions', org(OrganizationKind.GOVERNMENT_OWNED_CORPORATION, { performsPublicFunctions: true }), true],
    ['COMPANY in NAICS sector 92', org(OrganizationKind.COMPANY, { industry: PUBLIC_ADMIN }), true],
    ['NONPROFIT in NAICS sector 92', org(OrganizationKind.NONPROFIT, { industry: PUBLIC_ADMIN }), true],
    ['GOC without public functions in sector 92', org(OrganizationKind.GOVERNMENT_OWNED_CORPORATION, { industry: PUBLIC_ADMIN }), true],
    ['public functions flag alone on a COMPANY', org(OrganizationKind.COMPANY, { performsPublicFunctions: true }), false],
  ])('%s', (_label, organization, expected) => {
    expect(isSelfDeclaredGovernmentEntity(organization)).toBe(expected);
  });
});

describe('isGovernmentEntity', () => {
  test.each([
    ['unverified follows declaration (government)', org(OrganizationKind.GOVERNMENT_BODY), null, true],
    ['unverified follows declaration (company)', org(OrganizationKind.COMPANY), null, false],
    ['verified true overrides a company', org(OrganizationKind.COMPANY), true, true],
    ['verified true with no organization', null, true, true],
    ['verified false overrides a government body', org(OrganizationKind.GOVERNMENT_BODY), false, false],
    ['verified false overrides sector 92', org(OrganizationKind.COMPANY, { industry: PUBLIC_ADMIN }), false, false],
    [
      'verified false overrides a GOC with public functions',
      org(OrganizationKind.GOVERNMENT_OWNED_CORPORATION, { performsPublicFunctions: true }),
      false,
      false,
    ],
  ])('%s', (_label, organization, governmentVerified, expected) => {
    expect(isGovernmentEntity({ organization, governmentVerified })).toBe(expected);
  });
});
