package io.firebreak.integration.mail;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Stakeholder email: the SMTP server is Spring Boot's {@code spring.mail.*} ({@code SPRING_MAIL_HOST}, …);
 * {@code firebreak.mail.stakeholders} (comma-separated addresses) switches the adapter on.
 */
@ConfigurationProperties(prefix = "firebreak.mail")
record MailProperties(String from, List<String> stakeholders) {

  MailProperties {
    from = from == null || from.isBlank() ? "firebreak@localhost" : from;
    stakeholders = stakeholders == null ? List.of()
        : stakeholders.stream().map(String::trim).filter(address -> !address.isEmpty()).toList();
  }
}
