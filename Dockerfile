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
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/firebreak.jar"]
