package io.firebreak.integration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository.LinkKind;
import io.firebreak.incident.Severity;
import io.firebreak.integration.ConnectedFirebreakTest;
import io.firebreak.incident.Mailer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SmtpMailerTest extends ConnectedFirebreakTest {

  @Autowired
  Mailer mailer;

  @Test
  void stakeholdersGetOneMessageWithAPlainTextAndAnHtmlPart() throws Exception {
    Incident declared = declare("Invoices <b>doubled</b>", Severity.SEV1, "frida");
    incidents.link(declared.key(), LinkKind.STATUS_PAGE, new ExternalLink(STATUSPAGE_INCIDENT, "https://stspg.io/abc123"));
    incidents.resolve(declared.key(), "Reverted the billing job & refunded duplicates", OffsetDateTime.now());

    mailer.notifyStakeholders(incidents.get(declared.key()));

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2); // one delivery per recipient, the same message
    MimeMessage message = received[0];
    assertThat(Arrays.stream(message.getAllRecipients()).map(Address::toString))
        .containsExactly("stakeholders@acme.example", "exec@acme.example");
    assertThat(message.getFrom()[0].toString()).isEqualTo("firebreak@acme.example");
    assertThat(message.getSubject()).isEqualTo("[Resolved] " + declared.key() + " (SEV1): Invoices <b>doubled</b>");

    List<BodyPart> parts = leaves((Multipart) message.getContent());
    assertThat(parts).extracting(part -> part.getContentType().replaceAll(";.*", "").toLowerCase())
        .containsExactly("text/plain", "text/html");
    String text = ((String) parts.get(0).getContent()).replace("\r\n", "\n");
    String html = (String) parts.get(1).getContent();
    assertThat(text).startsWith(declared.key() + " is resolved.\n\nInvoices <b>doubled</b>\n")
        .contains("Reverted the billing job & refunded duplicates", "Status page: https://stspg.io/abc123")
        .containsPattern("Resolved: \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\n");
    assertThat(html).contains("<strong>Invoices &lt;b&gt;doubled&lt;/b&gt;</strong>",
        "Reverted the billing job &amp; refunded duplicates", "<a href=\"https://stspg.io/abc123\">Status page</a>");
  }

  private static List<BodyPart> leaves(Multipart multipart) throws Exception {
    List<BodyPart> leaves = new ArrayList<>();
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart part = multipart.getBodyPart(i);
      if (part.getContent() instanceof Multipart nested) {
        leaves.addAll(leaves(nested));
      } else {
        leaves.add(part);
      }
    }
    return leaves;
  }
}
