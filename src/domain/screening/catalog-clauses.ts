// Which item of policy 10(c) "Prohibited Inputs" each catalog kind enforces.
// The strings quote the policy's own numbering, like src/domain/clauses.ts.

import { CatalogKind } from '../enums';

/** Policy clause cited when an input matches a catalog entry of a given kind. */
export const CATALOG_CLAUSE: Readonly<Record<CatalogKind, string>> = {
  [CatalogKind.ARTIST]: '10(c)(i)',
  [CatalogKind.SONGWRITER]: '10(c)(ii)',
  [CatalogKind.SONG_TITLE]: '10(c)(iii)',
  [CatalogKind.ALBUM_TITLE]: '10(c)(iv)',
  [CatalogKind.PUBLISHER]: '10(c)(v)',
  [CatalogKind.LABEL]: '10(c)(vi)',
  [CatalogKind.LYRICS]: '10(c)(vii)',
};
