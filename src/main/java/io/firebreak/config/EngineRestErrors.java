package io.firebreak.config;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.core.NestedRuntimeException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A form value our process rejects (a {@link BadUserRequestException} thrown by a listener) reaches the engine REST
 * API wrapped in the engine's listener exception, which Camunda answers with a 500. Tasklist users get a 400 with
 * our message instead. An unreachable or busy database ({@link TryAgainLater}) is a 503 with {@code Retry-After};
 * every other error keeps Camunda's own answer.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestErrors {

  @Bean
  ResourceConfigCustomizer formValidationErrors() {
    return config -> config.register(RestExceptions.class).register(EngineExceptions.class)
        .register(SpringExceptions.class);
  }

  static Response respond(Throwable exception) {
    if (TryAgainLater.applies(exception)) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .header("Retry-After", TryAgainLater.RETRY_AFTER_SECONDS)
          .entity(unavailableBody())
          .build();
    }
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof BadUserRequestException rejected) {
        return Response.status(Response.Status.BAD_REQUEST)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(Map.of("type", "BadUserRequestException", "message", rejected.getMessage()))
            .build();
      }
    }
    return ExceptionHandlerHelper.getInstance().getResponse(exception);
  }

  /** Camunda's error shape ({@code type}, {@code message}) for "the database is unavailable, retry". */
  static Map<String, String> unavailableBody() {
    return Map.of("type", "ServiceUnavailable", "message", TryAgainLater.MESSAGE);
  }

  @Priority(1)
  public static class RestExceptions implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException exception) {
      return respond(exception);
    }
  }

  @Priority(1)
  public static class EngineExceptions implements ExceptionMapper<ProcessEngineException> {
    @Override
    public Response toResponse(ProcessEngineException exception) {
      return respond(exception);
    }
  }

  /** Spring's transaction manager fails to begin (no connection) before the engine's command even starts. */
  @Priority(1)
  public static class SpringExceptions implements ExceptionMapper<NestedRuntimeException> {
    @Override
    public Response toResponse(NestedRuntimeException exception) {
      return respond(exception);
    }
  }
}
