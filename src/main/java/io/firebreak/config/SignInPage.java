package io.firebreak.config;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /sign-in}: "Sign in with <IdP>" when OpenID Connect is configured, and the note that the pages take the
 * Firebreak user and password (HTTP basic) as the API does, which is all an installation without an IdP has.
 */
@Controller
class SignInPage {

  private final ObjectProvider<OidcSignIn> oidc;

  SignInPage(ObjectProvider<OidcSignIn> oidc) {
    this.oidc = oidc;
  }

  @GetMapping(RequestPaths.SIGN_IN)
  String signIn(@RequestParam(required = false) String error,
                @RequestParam(name = "signed-out", required = false) String signedOut, Model model) {
    OidcSignIn signIn = oidc.getIfAvailable();
    model.addAttribute("idp", signIn == null ? null : signIn.displayName());
    model.addAttribute("start", RequestPaths.OIDC_START + OidcSignIn.REGISTRATION);
    model.addAttribute("failed", error != null);
    model.addAttribute("signedOut", signedOut != null);
    model.addAttribute("user", null);
    return "sign-in";
  }
}
