package io.firebreak.config;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * What Tomcat refuses before any of Firebreak sees the request (a URI that does not decode, a NUL in the path, a bad
 * header) is answered as everything else is: a problem detail (ApiProblem), {@code nosniff}, and no server version, instead of
 * Tomcat's HTML error page.
 */
@Configuration(proxyBeanMethods = false)
class TomcatErrors {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
    return factory -> factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof StandardHost host) {
        host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
      }
    });
  }

  /** Tomcat's own error reports as problem details. */
  public static class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      HttpStatus known = HttpStatus.resolve(status);
      String reason = known == null ? "Error" : known.getReasonPhrase();
      String message = status == 400 ? "the request could not be read (its address, headers or encoding are not valid HTTP)"
          : reason;
      try {
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("X-Content-Type-Options", "nosniff");
        Writer writer = response.getReporter();
        if (writer != null) {
          // An RFC 9457 problem detail like every other refusal (ApiProblem); the texts need no JSON escaping.
          writer.write("{\"type\":\"about:blank\",\"title\":\"" + reason + "\",\"status\":" + status
              + ",\"detail\":\"" + message + "\"}");
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // the client is gone or the response committed meanwhile: nothing more to say
      }
    }
  }
}
