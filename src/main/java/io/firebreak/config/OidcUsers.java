package io.firebreak.config;

import io.firebreak.config.FirebreakUsers.FirebreakUser;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who an employee the IdP signed in is in Firebreak: the Camunda user with the IdP's (verified) e-mail, with that
 * user's groups and tenants, so the same person has the same id as in Tasklist and on the timeline; an employee
 * without a Camunda user is signed in under their e-mail. Everyone also gets {@code incident-viewers} and the Firebreak
 * groups their IdP groups map to ({@code firebreak.oidc.group-mapping}). The result is a {@link FirebreakUser}, as
 * basic auth's, so the pages decide with the same services and rules whichever way one signed in.
 */
final class OidcUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

  private final OidcUserService idp = new OidcUserService();
  private final IdentityService identityService;
  private final OidcSignIn settings;

  OidcUsers(IdentityService identityService, OidcSignIn settings) {
    this.identityService = identityService;
    this.settings = settings;
  }

  /** The IdP's user, with the Firebreak user it is. */
  static final class SignedIn extends DefaultOidcUser {
    private final FirebreakUser user;

    SignedIn(OidcUser idpUser, FirebreakUser user) {
      super(user.groups().stream().map(SimpleGrantedAuthority::new).toList(), idpUser.getIdToken(),
          idpUser.getUserInfo(), "email");
      this.user = user;
    }

    FirebreakUser firebreakUser() {
      return user;
    }
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
    OidcUser idpUser = idp.loadUser(request);
    String email = idpUser.getEmail();
    if (email == null || email.isBlank() || email.indexOf('\0') >= 0) {
      throw refused("the identity provider sent no e-mail address (scope 'email')");
    }
    if (Boolean.FALSE.equals(idpUser.getEmailVerified())) {
      throw refused("the identity provider has not verified the e-mail address " + email);
    }
    return new SignedIn(idpUser, firebreakUser(email, idpGroups(idpUser.getClaim(settings.groupsClaim()))));
  }

  /** The Firebreak user of an employee with this e-mail and these IdP groups. */
  FirebreakUser firebreakUser(String email, Collection<String> idpGroups) {
    List<User> users = identityService.createUserQuery().userEmail(email).list();
    // One Camunda user with that e-mail is that person; none (or, by a mistake in the user list, several) is a viewer.
    String id = users.size() == 1 ? users.get(0).getId() : email;
    Set<String> groups = new LinkedHashSet<>();
    groups.add(FirebreakGroups.INCIDENT_VIEWERS);
    List<String> tenants = List.of();
    if (users.size() == 1) {
      identityService.createGroupQuery().groupMember(id).list().stream().map(Group::getId).forEach(groups::add);
      tenants = identityService.createTenantQuery().userMember(id).includingGroupsOfUser(true).list().stream()
          .map(Tenant::getId).toList();
    }
    idpGroups.forEach(group -> groups.addAll(settings.firebreakGroupsOf(group)));
    return new FirebreakUser(id, List.copyOf(groups), tenants);
  }

  /** The groups claim: a list of names (Okta, Entra ID, Keycloak), or one name; anything else is no groups. */
  private static List<String> idpGroups(Object claim) {
    if (claim instanceof Collection<?> names) {
      return names.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    if (claim instanceof String name) {
      return List.of(name);
    }
    return List.of();
  }

  private static OAuth2AuthenticationException refused(String why) {
    return new OAuth2AuthenticationException(new OAuth2Error("invalid_user", why, null), why);
  }
}
