package io.firebreak.config;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * Sign-in with OpenID Connect for the pages, when {@code firebreak.oidc.issuer-uri}, {@code client-id} and
 * {@code client-secret} are set (README, Pages): the one client registration {@value #REGISTRATION}, built from the
 * issuer's discovery document, so any IdP works. The document is read on the first sign-in, not at start-up: Firebreak
 * starts while the IdP is away (an outage is when it is needed most), and basic auth works meanwhile.
 */
final class OidcSignIn implements ClientRegistrationRepository {

  /** The registration id, part of the redirect URI registered at the IdP: {@code {base}/login/oauth2/code/firebreak}. */
  static final String REGISTRATION = "firebreak";

  private final String issuer;
  private final String clientId;
  private final String clientSecret;
  private final String displayName;
  private final String groupsClaim;
  private final Map<String, String> groupMapping;
  private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();

  OidcSignIn(String issuer, String clientId, String clientSecret, String displayName, String groupsClaim,
             Map<String, String> groupMapping) {
    this.issuer = issuer;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.displayName = displayName == null || displayName.isBlank() ? URI.create(issuer).getHost() : displayName;
    this.groupsClaim = groupsClaim;
    this.groupMapping = Map.copyOf(groupMapping);
  }

  /** What the sign-in page calls the IdP: {@code firebreak.oidc.display-name}, or the issuer's host. */
  String displayName() {
    return displayName;
  }

  /** The claim the IdP's groups come in ({@code firebreak.oidc.groups-claim}). */
  String groupsClaim() {
    return groupsClaim;
  }

  /** The Firebreak groups an IdP group stands for: {@code firebreak.oidc.group-mapping.<idp-group>}, comma-separated. */
  java.util.List<String> firebreakGroupsOf(String idpGroup) {
    String mapped = groupMapping.get(idpGroup);
    if (mapped == null) {
      return java.util.List.of();
    }
    return Arrays.stream(mapped.split(",")).map(String::strip).filter(group -> !group.isEmpty()).toList();
  }

  /**
   * The registration, read from the issuer's discovery document the first time it is needed.
   *
   * @return null for another id, or while the issuer cannot be read (the sign-in then fails and is tried anew)
   */
  @Override
  public ClientRegistration findByRegistrationId(String id) {
    if (!REGISTRATION.equals(id)) {
      return null;
    }
    ClientRegistration known = registration.get();
    if (known != null) {
      return known;
    }
    try {
      ClientRegistration read = ClientRegistrations.fromIssuerLocation(issuer)
          .registrationId(REGISTRATION)
          .clientId(clientId)
          .clientSecret(clientSecret)
          .scope("openid", "email", "profile")
          .userNameAttributeName("email")
          .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
          .clientName(displayName)
          .build();
      registration.compareAndSet(null, read);
      return registration.get();
    } catch (RuntimeException unreadable) {
      org.slf4j.LoggerFactory.getLogger(OidcSignIn.class)
          .warn("The OpenID Connect issuer {} cannot be read: {}", issuer, unreadable.toString());
      return null;
    }
  }
}
