package io.firebreak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what {@link Http} cannot do: come from another loopback address
 * ({@code 127.0.0.x}, as different clients do) or declare a body it does not send.
 */
public final class RawHttp {

  private final String from;
  private final int port;

  private RawHttp(String from, int port) {
    this.from = from;
    this.port = port;
  }

  /** Requests from the local address {@code from} (any of 127.0.0.0/8) to Firebreak on {@code port}. */
  public static RawHttp from(String from, int port) {
    return new RawHttp(from, port);
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Sends the request head (request line and headers, without the blank line) and body, reads the whole answer. */
  public Answer send(String head, byte[] body) {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      return Answer.parse(readAnswer(socket.getInputStream()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Answer get(String path, String authorization) {
    return send("GET " + path + " HTTP/1.1\r\nAccept: application/json\r\nAuthorization: " + authorization, new byte[0]);
  }

  /**
   * The webapps' login form, as Camunda's login page posts it: with the session and CSRF token (cookie and header)
   * the page got first.
   */
  public Answer webappLogin(String user, String password) {
    Answer page = send("GET /camunda/app/tasklist/default/ HTTP/1.1", new byte[0]);
    List<String> cookies = new ArrayList<>();
    String token = null;
    for (String cookie : page.headers().getOrDefault("set-cookie", List.of())) {
      String pair = cookie.split(";")[0].trim();
      cookies.add(pair);
      if (pair.startsWith("XSRF-TOKEN=")) {
        token = pair.substring("XSRF-TOKEN=".length());
      }
    }
    byte[] form = ("username=" + user + "&password=" + password).getBytes(StandardCharsets.UTF_8);
    return send("POST /camunda/api/admin/auth/user/default/login/tasklist HTTP/1.1\r\nAccept: application/json\r\n"
        + "Cookie: " + String.join("; ", cookies) + "\r\nX-XSRF-TOKEN: " + token + "\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length, form);
  }

  /** One answer: until its Content-Length or last chunk (the server may keep the connection open), else the end. */
  private static byte[] readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int read;
    while ((read = in.read(buffer)) != -1) {
      all.write(buffer, 0, read);
      if (complete(all.toString(StandardCharsets.ISO_8859_1))) {
        break;
      }
    }
    return all.toByteArray();
  }

  private static boolean complete(String soFar) {
    int end = soFar.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String head = soFar.substring(0, end).toLowerCase(Locale.ROOT);
    for (String line : head.split("\r\n")) {
      if (line.startsWith("content-length:")) {
        return soFar.length() - end - 4 >= Integer.parseInt(line.substring(15).trim());
      }
      if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
        return soFar.endsWith("\r\n0\r\n\r\n") || soFar.substring(end + 4).startsWith("0\r\n\r\n");
      }
    }
    return false;
  }

  /** Status, headers (names in lower case) and body (chunked bodies decoded). */
  public record Answer(int status, Map<String, List<String>> headers, String body) {

    static Answer parse(byte[] raw) {
      String text = new String(raw, StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, end).split("\r\n");
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
      String body = text.substring(end + 4);
      if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
        body = unchunk(body);
      }
      return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }

    private static String unchunk(String chunked) {
      StringBuilder body = new StringBuilder();
      int at = 0;
      while (true) {
        int lineEnd = chunked.indexOf("\r\n", at);
        int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
        if (size == 0) {
          return body.toString();
        }
        body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
        at = lineEnd + 2 + size + 2;
      }
    }

    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }
  }
}
