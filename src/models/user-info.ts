/** Who signed in, from OIDC userinfo: the Data API has no `/v1/me`. */
export interface UserInfo {
  /** The OIDC `sub`. */
  readonly userId: string;
  readonly name?: string;
  readonly email?: string;
}
