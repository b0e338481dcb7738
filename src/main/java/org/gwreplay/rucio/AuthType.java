package org.gwreplay.rucio;

import java.util.Locale;

/** How we prove who we are to Rucio; names as in {@code rucio.cfg}'s {@code auth_type}. */
enum AuthType {
  USERPASS, X509, X509_PROXY, TOKEN;

  /** Parses rucio.cfg spellings; {@code oidc} means "a bearer token we are given". */
  public static AuthType parse(String value, String where) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "userpass": return USERPASS;
      case "x509": return X509;
      case "x509_proxy": return X509_PROXY;
      case "oidc":
      case "token":
      case "bearer": return TOKEN;
      default:
        throw new RucioConfigException(where + ": auth_type '" + value
            + "' is not supported here (use userpass, x509, x509_proxy, oidc or token)");
    }
  }
}
