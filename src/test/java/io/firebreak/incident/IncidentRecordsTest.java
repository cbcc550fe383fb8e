package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.FirebreakTest;
import io.firebreak.incident.IncidentRepository.LinkKind;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Our incident tables: keys unique under concurrency, links written once. */
class IncidentRecordsTest extends FirebreakTest {

  @Autowired
  IncidentKeys keys;

  @Test
  void incidentKeysAreUniqueWhenManyAreTakenAtOnce() throws Exception {
    Set<String> taken = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> work = new java.util.ArrayList<>();
    for (int thread = 0; thread < 8; thread++) {
      work.add(pool.submit(() -> {
        go.await();
        for (int i = 0; i < 50; i++) {
          assertThat(taken.add(keys.next())).isTrue();
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> future : work) {
      future.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(taken).hasSize(400).allMatch(key -> key.matches("INC-\\d+"));
  }

  @Test
  void anExternalLinkIsWrittenOnceAndAlwaysReadBack() {
    String key = keys.next();
    incidents.insert(new IncidentRepository.NewIncident(key, "Links", null, Severity.SEV3, Impact.MINOR, false, null,
        null, "manual", null, "no-process", Timestamps.now()));
    ExternalLink first = incidents.link(key, LinkKind.CHAT_CHANNEL, new ExternalLink("C1", "https://chat/C1"));
    ExternalLink retried = incidents.link(key, LinkKind.CHAT_CHANNEL, new ExternalLink("C2", "https://chat/C2"));
    assertThat(first).isEqualTo(new ExternalLink("C1", "https://chat/C1"));
    assertThat(retried).as("a retried step keeps the first channel").isEqualTo(first);
    assertThat(incidents.get(key).chatChannel()).isEqualTo(first);
    assertThat(incidents.get(key).ticket()).isNull();
  }
}
