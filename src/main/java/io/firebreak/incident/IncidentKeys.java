package io.firebreak.incident;

import io.firebreak.config.Database;
import javax.sql.DataSource;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.stereotype.Component;

/** Hands out incident keys {@code INC-<n>} from a database sequence, so they are unique across Firebreak nodes. */
@Component
public class IncidentKeys {

  static final String SEQUENCE = "incident_number_seq";
  private static final String PREFIX = "INC-";

  private final DataFieldMaxValueIncrementer sequence;

  IncidentKeys(DataSource dataSource) {
    this.sequence = incrementerFor(dataSource);
  }

  public String next() {
    return PREFIX + sequence.nextLongValue();
  }

  public static long numberOf(String key) {
    if (key == null || !key.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not an incident key: " + key);
    }
    return Long.parseLong(key.substring(PREFIX.length()));
  }

  private static DataFieldMaxValueIncrementer incrementerFor(DataSource dataSource) {
    return switch (Database.of(dataSource)) {
      case POSTGRESQL -> new PostgresSequenceMaxValueIncrementer(dataSource, SEQUENCE);
      case H2 -> new H2SequenceMaxValueIncrementer(dataSource, SEQUENCE);
    };
  }
}
