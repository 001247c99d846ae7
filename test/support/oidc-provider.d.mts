export interface OidcProvider {
  issuer: string;
  jwksUrl: string;
  /** users: login -> roles put into the access token. */
  configure(options: { clientId: string; redirectUri: string; audience: string; users: Record<string, string[]> }): Promise<void>;
  close(): Promise<void>;
}
export function startOidcProvider(): Promise<OidcProvider>;
