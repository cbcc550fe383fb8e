#!/usr/bin/env bash
# Starts Firebreak as the benchmark expects it (README, Performance): PostgreSQL, demo users and tokens, the storm
# guard off (so distinct alerts open incidents of their own), Slack on the benchmark's fake at 127.0.0.1:8089.
# The database is created when missing; FIREBREAK_BENCH_FRESH=true drops it first.
set -euo pipefail
cd "$(dirname "$0")/../.."

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
DB=${FIREBREAK_BENCH_DB:-firebreak_bench}
SLACK_PORT=${BENCH_SLACK_PORT:-8089}

if [ "${FIREBREAK_BENCH_FRESH:-false}" = true ]; then
  psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
fi
psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -tAq -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" \
  | grep -q 1 || psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -q -c "CREATE DATABASE $DB"

export SPRING_PROFILES_ACTIVE=postgres,demo
export FIREBREAK_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
export FIREBREAK_DB_USER="$PGUSER"
export FIREBREAK_DB_PASSWORD="${FIREBREAK_DB_PASSWORD:-}"
export FIREBREAK_ALERTS_STORM_GUARD_ENABLED=false
export FIREBREAK_SLACK_TOKEN=xoxb-firebreak-bench
export FIREBREAK_SLACK_BASE_URL="http://127.0.0.1:$SLACK_PORT/api/"
# The benchmark's warm-up reads the server's JIT compilation time from /actuator/prometheus (bench.metrics-token).
export FIREBREAK_METRICS_TOKEN="${FIREBREAK_METRICS_TOKEN:-bench-metrics-token}"
# spring-boot:run starts the application with -XX:TieredStopAtLevel=1 by default (its "optimized launch", for quick
# starts while developing): a server that never reaches the C2 compiler. Production runs `java -jar` with both, and
# with the Docker image's -XX:ThreadPriorityPolicy=1 (the job executor's threads below the requests').
exec ./mvnw -B -ntp -q spring-boot:run -Dspring-boot.run.optimizedLaunch=false \
  -Dspring-boot.run.jvmArguments=-XX:ThreadPriorityPolicy=1
