#!/usr/bin/env bash
# Load run: starts the packaged server, measures cold start and idle memory, then replays a signed request with wrk.
#   bench/load.sh [seconds=20] [connections=32]
# Prints a Markdown block for docs/benchmarks.md. Needs wrk (apt-get install wrk).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-20}"
connections="${2:-32}"
port=4848
key_id=AKIABENCHROOTKEY0001
secret=benchRootSecretAccessKey000000000000000

cd "$root"
source <(sed -n '/^java_major()/,/^}/p; /^find_java_home()/,/^}/p' "$root/lanyard")
JAVA_HOME="$(find_java_home)"
export JAVA_HOME
java="$JAVA_HOME/bin/java"
# One reactor run, so the classpath names this checkout's module jars, not older ones installed in ~/.m2.
./mvnw -q -B -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile="$root/bench/target/classpath.txt" >&2
classpath="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"

data="$(mktemp -d)"
trap 'kill $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true; rm -rf "$data"' EXIT

# Cold start: process start to the first answered signed GetCallerIdentity (curl signs it), on a data directory that
# already exists (a restart), after one warm-up run that also records the launcher's startup cache.
start_server() {
    LANYARD_ROOT_ACCESS_KEY_ID=$key_id LANYARD_ROOT_SECRET_ACCESS_KEY=$secret \
        "$root/lanyard" serve --port $port --data-dir "$data" >"$data/server.log" 2>&1 &
    server_pid=$!
}
wait_answered() {
    until curl -sf --aws-sigv4 "aws:amz:us-east-1:sts" --user "$key_id:$secret" \
        -d "Action=GetCallerIdentity&Version=2011-06-15" "http://127.0.0.1:$port/" >/dev/null; do sleep 0.005; done
}
wait_ready() {
    until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.005; done
}
start_server; wait_answered; kill $server_pid; wait $server_pid 2>/dev/null || true
begin=$(date +%s%N); start_server; wait_ready; ready=$(date +%s%N); wait_answered; end=$(date +%s%N)
ready_ms=$(( (ready - begin) / 1000000 ))
cold_ms=$(( (end - begin) / 1000000 ))
sleep 5
java_pid=$(pgrep -f "lanyard-server.jar serve --port $port" | head -n 1)
idle_rss_mb=$(( $(awk '/VmRSS/ {print $2}' /proc/$java_pid/status) / 1024 ))

script="$data/get-caller-identity.lua"
"$java" -cp "$classpath" dev.lanyard.bench.WrkScript "http://127.0.0.1:$port/" $key_id $secret sts "Action=GetCallerIdentity&Version=2011-06-15" > "$script"
# Warm-up, then the measured run.
wrk -t2 -c"$connections" -d5s -s "$script" "http://127.0.0.1:$port/" >/dev/null
result="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$script" "http://127.0.0.1:$port/")"
errors="$(echo "$result" | grep -E 'Non-2xx|Socket errors' || true)"

# The same call with temporary credentials: the session token is decrypted and checked on every request.
session="$(AWS_ACCESS_KEY_ID=$key_id AWS_SECRET_ACCESS_KEY=$secret AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
    aws --endpoint-url "http://127.0.0.1:$port" sts get-session-token --duration-seconds 3600 --output text \
    --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]')"
read -r session_key session_secret session_token <<<"$session"
session_script="$data/get-caller-identity-session.lua"
"$java" -cp "$classpath" dev.lanyard.bench.WrkScript "http://127.0.0.1:$port/" "$session_key" "$session_secret" sts "Action=GetCallerIdentity&Version=2011-06-15" "$session_token" > "$session_script"
wrk -t2 -c"$connections" -d5s -s "$session_script" "http://127.0.0.1:$port/" >/dev/null
session_result="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$session_script" "http://127.0.0.1:$port/")"
session_errors="$(echo "$session_result" | grep -E 'Non-2xx|Socket errors' || true)"
# IAM GetRole of a stored role (a database read per request, then XML with the URL-encoded trust policy).
AWS_ACCESS_KEY_ID=$key_id AWS_SECRET_ACCESS_KEY=$secret AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
    aws --endpoint-url "http://127.0.0.1:$port" iam create-role --role-name bench-role \
    --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}' >/dev/null
role_script="$data/get-role.lua"
"$java" -cp "$classpath" dev.lanyard.bench.WrkScript "http://127.0.0.1:$port/" $key_id $secret iam "Action=GetRole&Version=2010-05-08&RoleName=bench-role" > "$role_script"
wrk -t2 -c"$connections" -d5s -s "$role_script" "http://127.0.0.1:$port/" >/dev/null
role_result="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$role_script" "http://127.0.0.1:$port/")"
role_errors="$(echo "$role_result" | grep -E 'Non-2xx|Socket errors' || true)"
# STS AssumeRole by an IAM user: SigV4, the user's identity policies and the role's trust policy evaluated, credentials
# minted and sealed, on every request.
root_aws() {
    AWS_ACCESS_KEY_ID=$key_id AWS_SECRET_ACCESS_KEY=$secret AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
        aws --endpoint-url "http://127.0.0.1:$port" "$@"
}
root_aws iam create-user --user-name bench-user >/dev/null
root_aws iam put-user-policy --user-name bench-user --policy-name assume \
    --policy-document '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::123456789012:role/bench-assumed"}}'
root_aws iam create-role --role-name bench-assumed \
    --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}' >/dev/null
read -r user_key user_secret <<<"$(root_aws iam create-access-key --user-name bench-user --output text --query 'AccessKey.[AccessKeyId,SecretAccessKey]')"
assume_script="$data/assume-role.lua"
"$java" -cp "$classpath" dev.lanyard.bench.WrkScript "http://127.0.0.1:$port/" "$user_key" "$user_secret" sts \
    "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fbench-assumed&RoleSessionName=bench" > "$assume_script"
wrk -t2 -c"$connections" -d5s -s "$assume_script" "http://127.0.0.1:$port/" >/dev/null
assume_result="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$assume_script" "http://127.0.0.1:$port/")"
assume_errors="$(echo "$assume_result" | grep -E 'Non-2xx|Socket errors' || true)"
loaded_rss_mb=$(( $(awk '/VmRSS/ {print $2}' /proc/$java_pid/status) / 1024 ))

cat <<REPORT
### Load run $(date -u +%Y-%m-%dT%H:%MZ) ($(nproc) cores, $("$java" -version 2>&1 | head -n 1))
- cold start (./lanyard serve on an existing data directory): first answered request (GET /health) ${ready_ms} ms, first answered signed GetCallerIdentity ${cold_ms} ms
- idle resident memory: ${idle_rss_mb} MB; after the load: ${loaded_rss_mb} MB
- signed STS GetCallerIdentity, wrk -t2 -c${connections} -d${seconds}s:
\`\`\`
$result
\`\`\`
${errors:+errors: $errors}
- signed STS GetCallerIdentity with session credentials (token checked per request, opened once and kept; no database read), wrk -t2 -c${connections} -d${seconds}s:
\`\`\`
$session_result
\`\`\`
${session_errors:+errors: $session_errors}
- signed IAM GetRole, wrk -t2 -c${connections} -d${seconds}s:
\`\`\`
$role_result
\`\`\`
${role_errors:+errors: $role_errors}
- signed STS AssumeRole by an IAM user (identity and trust policies evaluated, credentials minted), wrk -t2 -c${connections} -d${seconds}s:
\`\`\`
$assume_result
\`\`\`
${assume_errors:+errors: $assume_errors}
REPORT
