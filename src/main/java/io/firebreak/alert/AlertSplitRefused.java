package io.firebreak.alert;

import org.springframework.http.HttpStatus;

/** An alert cannot be split off an incident: who may not, what is not there, or what is not open. */
class AlertSplitRefused extends RuntimeException {

  private final HttpStatus status;

  AlertSplitRefused(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }
}
