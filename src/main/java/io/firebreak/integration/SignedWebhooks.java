package io.firebreak.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.config.ApiProblem;
import io.firebreak.config.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * What every vendor's webhook does before it reads its payload: anyone can send one, so the body is read only up to
 * {@code firebreak.webhooks.max-body-size} (413 above it, before the signature is checked), and a body that is not
 * signed with the shared secret (HMAC-SHA256 of the raw body, {@link HubSignature}) is refused with 401 and changes
 * nothing. Events that concern no postmortem are acknowledged with 202 and ignored.
 */
@Component
public class SignedWebhooks {

  private final long maxBodySize;
  private final ObjectMapper json;
  private final TransactionTemplate transactions;

  SignedWebhooks(@Value("${firebreak.webhooks.max-body-size:2MB}") DataSize maxBodySize, ObjectMapper json,
                 PlatformTransactionManager transactionManager) {
    this.maxBodySize = maxBodySize.toBytes();
    this.json = json;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /**
   * A verified delivery is handled in one transaction, so nothing answers 2xx while the database is away: the
   * sender gets the 503 to retry (README, Running several nodes, crashes and database outages).
   */
  public ResponseEntity<?> handle(Supplier<ResponseEntity<?>> handling) {
    return transactions.execute(status -> handling.get());
  }

  /** A verified body, or the answer that refuses the request. */
  public record Delivery(byte[] body, ResponseEntity<?> refusal) {
  }

  /** Read outside a transaction: a slow sender holds no database connection. */
  public Delivery receive(HttpServletRequest request, String system, String secret, String setting, String header,
                          String signature) throws IOException {
    return receive(request, system, secret, setting, header, signature,
        body -> HubSignature.matches(secret, body, signature));
  }

  /** As above, for a vendor with a signature scheme of its own ({@code signed} says whether the body is signed). */
  public Delivery receive(HttpServletRequest request, String system, String secret, String setting, String header,
                          String signature, java.util.function.Predicate<byte[]> signed) throws IOException {
    if (secret == null || secret.isBlank()) {
      return new Delivery(null, ApiProblem.answer(HttpStatus.NOT_FOUND,
          system + " webhooks are not configured (set " + setting + ")"));
    }
    byte[] body = RequestBodies.read(request, maxBodySize);
    if (signature == null) {
      return new Delivery(null, ApiProblem.answer(HttpStatus.UNAUTHORIZED, "missing " + header + " signature"));
    }
    if (!signed.test(body)) {
      return new Delivery(null, ApiProblem.answer(HttpStatus.UNAUTHORIZED,
          header + " does not match the body signed with the " + system + " webhook secret"));
    }
    return new Delivery(body, null);
  }

  /** The body as JSON; empty when it is none. */
  public Optional<JsonNode> parse(byte[] body) {
    try {
      return body.length == 0 ? Optional.empty() : Optional.ofNullable(json.readTree(body));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public static ResponseEntity<?> notJson() {
    return ApiProblem.answer(HttpStatus.BAD_REQUEST, "the body is not JSON");
  }

  public static ResponseEntity<Map<String, String>> outcome(HttpStatus status, String outcome) {
    return ResponseEntity.status(status).body(Map.of("outcome", outcome));
  }

  /** 200 when the event concerned a postmortem (applied now or before), 202 when it concerned none. */
  public static ResponseEntity<Map<String, String>> outcome(boolean concernsPostmortem, String outcome) {
    return outcome(concernsPostmortem ? HttpStatus.OK : HttpStatus.ACCEPTED, outcome);
  }
}
