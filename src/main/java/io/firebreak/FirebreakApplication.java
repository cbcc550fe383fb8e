package io.firebreak;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FirebreakApplication {

  public static void main(String[] args) {
    SpringApplication.run(FirebreakApplication.class, args);
  }
}
