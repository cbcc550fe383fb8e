package io.firebreak;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Firebreak; its scheduled work is the counting of alert repeats (alert.AlertRepeats). */
@SpringBootApplication
@EnableScheduling
public class FirebreakApplication {

  public static void main(String[] args) {
    SpringApplication.run(FirebreakApplication.class, args);
  }
}
