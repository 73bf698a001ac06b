// Captures a PostgreSQL table's changes with Debezium's embedded engine (pgoutput plugin,
// offsets in a file) and writes each event as one JSON line, as the JSON converter makes
// it with the schema envelope; a tombstone is written as `null`. Stops after the first
// event for the marker table, which the test inserts once its workload is done.
//
//   java -cp JARS CaptureEvents HOST PORT DB USER PASSWORD WORKDIR OUT.jsonl MARKER_TABLE
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;

import java.io.BufferedWriter;
import java.io.FileWriter;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

public class CaptureEvents {
  public static void main(String[] args) throws Exception {
    String host = args[0], port = args[1], db = args[2], user = args[3], password = args[4];
    String work = args[5], out = args[6], marker = args[7];
    Properties p = new Properties();
    p.setProperty("name", "tsum-e2e");
    p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
    p.setProperty("offset.storage.file.filename", work + "/offsets.dat");
    p.setProperty("offset.flush.interval.ms", "0");
    p.setProperty("database.hostname", host);
    p.setProperty("database.port", port);
    p.setProperty("database.user", user);
    p.setProperty("database.password", password);
    p.setProperty("database.dbname", db);
    p.setProperty("topic.prefix", "pg");
    p.setProperty("plugin.name", "pgoutput");
    p.setProperty("slot.name", "tsum_e2e");
    p.setProperty("publication.name", "tsum_e2e");
    p.setProperty("publication.autocreate.mode", "filtered");
    p.setProperty("table.include.list", "public.person,public." + marker);
    p.setProperty("snapshot.mode", "initial");
    p.setProperty("converter.schemas.enable", "true");

    CountDownLatch done = new CountDownLatch(1);
    AtomicBoolean markerSeen = new AtomicBoolean(false);
    BufferedWriter writer = new BufferedWriter(new FileWriter(out));
    DebeziumEngine<ChangeEvent<String, String>> engine = DebeziumEngine.create(Json.class)
        .using(p)
        .notifying(record -> {
          try {
            writer.write(record.value() == null ? "null" : record.value());
            writer.write('\n');
            writer.flush();  // the test watches the file for the snapshot's end
            if (record.destination().endsWith("." + marker)) {
              writer.flush();
              markerSeen.set(true);
              done.countDown();
            }
          } catch (IOException e) {
            throw new RuntimeException(e);
          }
        })
        .using((success, message, error) -> {
          if (!success) {
            System.err.println("CaptureEvents: engine stopped: " + message);
            if (error != null) error.printStackTrace();
          }
          done.countDown();
        })
        .build();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    executor.execute(engine);
    boolean finished = done.await(150, TimeUnit.SECONDS);
    engine.close();
    executor.shutdown();
    executor.awaitTermination(30, TimeUnit.SECONDS);
    writer.close();
    if (!finished || !markerSeen.get()) {
      System.err.println("CaptureEvents: no marker event (within 150 s)");
      System.exit(1);
    }
    System.exit(0);
  }
}
