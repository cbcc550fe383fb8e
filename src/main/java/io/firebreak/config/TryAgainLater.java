package io.firebreak.config;

import org.springframework.http.ProblemDetail;
import org.springframework.http.HttpStatus;

/**
 * The one place that tells "nothing was recorded, a retry will do" from a real error: the database is down or busy,
 * a statement or lock wait timed out, or a concurrent change won. Every layer that answers HTTP (our API, the
 * authentication filters, the engine REST API) answers these with {@code 503} and {@code Retry-After}.
 */
public final class TryAgainLater {

  /** Seconds a client should wait before it retries; the database's connection timeout is shorter. */
  public static final String RETRY_AFTER_SECONDS = "5";

  public static final String MESSAGE = "could not record this now; nothing was changed, retry";

  private TryAgainLater() {
  }

  /** Whether {@code e}, or anything it was caused by, says that a retry will do. */
  public static boolean applies(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof org.springframework.dao.TransientDataAccessException
          || cause instanceof org.springframework.dao.DataAccessResourceFailureException
          || cause instanceof org.springframework.transaction.CannotCreateTransactionException
          || cause instanceof java.sql.SQLTransientException
          || cause instanceof java.sql.SQLRecoverableException
          || cause instanceof org.camunda.bpm.engine.OptimisticLockingException) {
        return true;
      }
      if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // connection (08…), rollback: serialization or deadlock (40…), PostgreSQL lock timeout (55P03), cancelled (57014)
        if (state.startsWith("08") || state.startsWith("40") || state.equals("55P03") || state.equals("57014")) {
          return true;
        }
      }
      // The connection died mid-transaction, so the rollback failed too: what counts is what failed first.
      if (cause instanceof org.springframework.transaction.TransactionSystemException rollback
          && rollback.getApplicationException() != null && applies(rollback.getApplicationException())) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** The body of the answer. */
  public static ProblemDetail body() {
    return ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, MESSAGE);
  }
}
