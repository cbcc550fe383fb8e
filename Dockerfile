# Builds and runs Firebreak. docker-compose.yml uses it together with PostgreSQL 16.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp dependency:go-offline
COPY src src
COPY processes processes
COPY forms forms
RUN ./mvnw -B -ntp -DskipTests package && cp target/firebreak-*.jar /firebreak.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 firebreak
USER firebreak
WORKDIR /app
COPY --from=build /firebreak.jar /app/firebreak.jar
EXPOSE 8080
# Memory (README, Performance): the serial collector, a small initial heap and 512 KB thread stacks kept Firebreak at
# about 345 MB resident after start instead of about 610 MB (G1 with Java's defaults; java -jar on PostgreSQL, 2 cores).
# The serial collector is also what the JVM picks by itself for a container of fewer than 2 CPUs or 1792 MB.
# ThreadPriorityPolicy=1: Java's thread priorities become Linux nice values, so the job executor's threads (priority 1,
# nice 4) yield the CPU to the requests' when both want it (config.JobExecutorThreads). The JVM warns that raising a
# priority needs root; it lowers only.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC", "-Xms64m", "-Xss512k", "-XX:ThreadPriorityPolicy=1", \
            "-jar", "/app/firebreak.jar"]
