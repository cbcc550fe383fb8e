package io.firebreak.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * A process owner's Camunda Modeler: changes a file of {@code processes/} and deploys it as Modeler's Deploy button
 * does ({@code POST /engine-rest/deployment/create}, multipart, as paula of {@code process-owners}).
 */
final class Modeler {

  private final Http http;
  private final ProcessEngine engine;

  Modeler(Http http, ProcessEngine engine) {
    this.http = http;
    this.engine = engine;
  }

  /** The file as it is in {@code processes/}, with one text replaced (which must be there exactly once). */
  static String changed(String file, String from, String to) throws IOException {
    String model = Files.readString(Path.of("processes", file));
    assertThat(model.split(java.util.regex.Pattern.quote(from), -1)).as(from + " in " + file).hasSize(2);
    return model.replace(from, to);
  }

  /** Deploys the file; returns the deployment's id, to be removed with {@link #undeploy}. */
  String deploy(String file, String content) {
    String boundary = "----CamundaModeler" + UUID.randomUUID();
    String body = part(boundary, "deployment-name", null, file.replaceAll("\\.\\w+$", ""))
        + part(boundary, "deployment-source", null, "Camunda Modeler")
        + part(boundary, "enable-duplicate-filtering", null, "true")
        + part(boundary, file, file, content)
        + "--" + boundary + "--\r\n";
    Http.Response deployed = http.as("paula")
        .post("/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary, body);
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
    return deployed.json().get("id").asText();
  }

  /**
   * Takes the changed version away again (with what runs on it), so the original in {@code processes/} is the latest
   * once more and later tests of the shared database follow it.
   */
  void undeploy(String deploymentId) {
    if (deploymentId != null) {
      engine.getRepositoryService().deleteDeployment(deploymentId, true);
    }
  }

  private static String part(String boundary, String name, String fileName, String content) {
    String disposition = "Content-Disposition: form-data; name=\"" + name + "\""
        + (fileName == null ? "" : "; filename=\"" + fileName + "\"\r\nContent-Type: text/xml");
    return "--" + boundary + "\r\n" + disposition + "\r\n\r\n" + content + "\r\n";
  }
}
