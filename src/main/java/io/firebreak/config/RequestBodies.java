package io.firebreak.config;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies up to a limit, for endpoints that anyone may call before they prove who they are (alert
 * sources, webhooks): a declared {@code Content-Length} above the limit is refused before a byte is read, and a body
 * without one (chunked) is counted while reading and refused one byte past the limit.
 */
public final class RequestBodies {

  private RequestBodies() {
  }

  /** Whether the request declares a body longer than {@code limit}; read nothing before asking. */
  public static boolean declaresMoreThan(HttpServletRequest request, long limit) {
    return request.getContentLengthLong() > limit;
  }

  /**
   * The whole body, at most {@code limit} bytes.
   *
   * @throws BodyTooLargeException when it declares or turns out to have more
   */
  public static byte[] read(HttpServletRequest request, long limit) throws IOException {
    if (declaresMoreThan(request, limit)) {
      throw new BodyTooLargeException(limit);
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    }
    if (body.length > limit) {
      throw new BodyTooLargeException(limit);
    }
    return body;
  }
}
