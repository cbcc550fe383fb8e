package io.firebreak.config;

import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;

/** The databases Firebreak runs on; where their SQL differs (sequences, lock timeouts) the code asks which one. */
public enum Database {
  H2, POSTGRESQL;

  public static Database of(DataSource dataSource) {
    String product;
    try {
      product = JdbcUtils.extractDatabaseMetaData(dataSource, "getDatabaseProductName");
    } catch (Exception e) {
      throw new IllegalStateException("cannot tell which database Firebreak runs on", e);
    }
    return switch (JdbcUtils.commonDatabaseName(product)) {
      case "PostgreSQL" -> POSTGRESQL;
      case "H2" -> H2;
      default -> throw new IllegalStateException("unsupported database " + product + ": use PostgreSQL or H2");
    };
  }
}
