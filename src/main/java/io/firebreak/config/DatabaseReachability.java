package io.firebreak.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Whether the database can be reached right now, as the connection pool last found it: the application's
 * {@link DataSource} notes when getting a connection fails and forgets it when one is got again. Places that cannot
 * see the failure itself (the webapps' own REST API answers it as a 500 of its own) ask here.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseReachability {

  /** Wraps the application's data source (once). */
  @Bean
  static BeanPostProcessor watchedDataSource() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof DataSource dataSource && !(bean instanceof Watched) ? new Watched(dataSource) : bean;
      }
    };
  }

  /** True while the last attempt to get a connection failed and none succeeded since. */
  public static boolean unreachable(DataSource dataSource) {
    return dataSource instanceof Watched watched && watched.failingSince != null;
  }

  /** The data source, noting whether connections can be got. */
  static final class Watched extends DelegatingDataSource {
    private volatile Instant failingSince;

    Watched(DataSource target) {
      super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
      return noted(() -> super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return noted(() -> super.getConnection(username, password));
    }

    private Connection noted(ConnectionSource source) throws SQLException {
      try {
        Connection connection = source.get();
        failingSince = null;
        return connection;
      } catch (SQLException | RuntimeException e) {
        if (failingSince == null) {
          failingSince = Instant.now();
        }
        throw e;
      }
    }

    @FunctionalInterface
    private interface ConnectionSource {
      Connection get() throws SQLException;
    }
  }
}
