package io.firebreak.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A NUL character is text no database column takes (PostgreSQL refuses it) and no person means: it is removed from
 * what senders give Firebreak's own API, wherever it comes in — JSON bodies (records and trees, so webhooks and alert
 * payloads too) and query parameters. Other characters are kept as sent.
 */
@Configuration(proxyBeanMethods = false)
class NulFreeInput {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer nulFreeJson() {
    return builder -> builder
        .modulesToInstall(new SimpleModule("nul-free-strings").addDeserializer(String.class, new NulFreeStrings()))
        .postConfigurer(mapper -> mapper.setNodeFactory(new NulFreeNodes()));
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> nulFreeParameters() {
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        chain.doFilter(new NulFreeParameters(request), response);
      }
    });
    registration.setName("firebreak-nul-free-parameters");
    registration.addUrlPatterns("/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  static final class NulFreeStrings extends StringDeserializer {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      return Texts.withoutNul(super.deserialize(parser, context));
    }
  }

  static final class NulFreeNodes extends JsonNodeFactory {
    NulFreeNodes() {
      super(false);
    }

    @Override
    public TextNode textNode(String text) {
      return super.textNode(Texts.withoutNul(text));
    }
  }

  static final class NulFreeParameters extends HttpServletRequestWrapper {
    NulFreeParameters(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getParameter(String name) {
      return Texts.withoutNul(super.getParameter(name));
    }

    @Override
    public String[] getParameterValues(String name) {
      String[] values = super.getParameterValues(name);
      return values == null ? null : Arrays.stream(values).map(Texts::withoutNul).toArray(String[]::new);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      Map<String, String[]> clean = new LinkedHashMap<>();
      super.getParameterMap().forEach((name, values) ->
          clean.put(name, Arrays.stream(values).map(Texts::withoutNul).toArray(String[]::new)));
      return clean;
    }
  }
}
