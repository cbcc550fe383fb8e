package io.firebreak.integration.mail;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import io.firebreak.integration.ConditionalOnSetting;
import io.firebreak.incident.Mailer;
import io.firebreak.integration.OutsideCallFailed;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Tells the stakeholders by email that an incident is resolved, where {@code communication.dmn} asks for it: one
 * message to the configured addresses, with a plain-text and an HTML part.
 */
@Component
@Primary
@ConditionalOnSetting({"spring.mail.host", "firebreak.mail.stakeholders"})
@EnableConfigurationProperties(MailProperties.class)
class SmtpMailer implements Mailer {

  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final Template HTML = template("/templates/stakeholder-mail.html");

  private final JavaMailSender sender;
  private final MailProperties properties;

  SmtpMailer(JavaMailSender sender, MailProperties properties) {
    this.sender = sender;
    this.properties = properties;
  }

  @Override
  public void notifyStakeholders(Incident incident) {
    try {
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper mail = new MimeMessageHelper(message, true, "UTF-8");
      mail.setFrom(properties.from());
      mail.setTo(properties.stakeholders().toArray(String[]::new));
      mail.setSubject("[Resolved] " + incident.key() + " (" + incident.severity() + "): " + incident.title());
      mail.setText(text(incident), html(incident));
      sender.send(message);
    } catch (MessagingException | MailException e) {
      throw new OutsideCallFailed("The mail server did not take the stakeholder email for " + incident.key() + ": "
          + e.getMessage(), e);
    }
  }

  static String text(Incident incident) {
    StringBuilder text = new StringBuilder();
    text.append(incident.key()).append(" is resolved.\n\n")
        .append(incident.title()).append('\n')
        .append("Severity: ").append(incident.severity()).append(", customer impact: ")
        .append(incident.impact().value()).append('\n');
    if (incident.product() != null) {
      text.append("Product: ").append(incident.product()).append('\n');
    }
    text.append("Opened: ").append(utc(incident.openedAt())).append('\n')
        .append("Resolved: ").append(utc(incident.resolvedAt())).append("\n\n")
        .append(incident.resolutionSummary() == null ? "" : incident.resolutionSummary()).append("\n\n");
    for (String[] link : links(incident)) {
      text.append(link[0]).append(": ").append(link[1]).append('\n');
    }
    text.append("\nA postmortem follows; it will be published when reviewed.\n");
    return text.toString();
  }

  /** The HTML part from {@code templates/stakeholder-mail.html}; Mustache HTML-escapes every {@code {{field}}}. */
  static String html(Incident incident) {
    Map<String, Object> values = new HashMap<>();
    values.put("key", incident.key());
    values.put("title", orEmpty(incident.title()));
    values.put("severity", incident.severity().name());
    values.put("impact", incident.impact().value());
    values.put("resolutionSummary", orEmpty(incident.resolutionSummary()));
    values.put("links", links(incident).stream().map(link -> Map.of("label", link[0], "url", link[1])).toList());
    return HTML.execute(values);
  }

  private static List<String[]> links(Incident incident) {
    List<String[]> links = new ArrayList<>();
    add(links, "Status page", incident.statusPage());
    add(links, "Ticket", incident.ticket());
    add(links, "Incident channel", incident.chatChannel());
    return links;
  }

  private static void add(List<String[]> links, String label, ExternalLink link) {
    if (link != null && link.url() != null) {
      links.add(new String[] {label, link.url()});
    }
  }

  private static String utc(OffsetDateTime time) {
    return time == null ? "" : time.atZoneSameInstant(ZoneOffset.UTC).format(MINUTES) + " UTC";
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  private static Template template(String path) {
    try (InputStream in = SmtpMailer.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the mail template " + path + " is missing");
      }
      return Mustache.compiler().compile(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
