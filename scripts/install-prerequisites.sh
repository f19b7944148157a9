#!/usr/bin/env bash
# Installs what the suite needs and the machine lacks: RabbitMQ and PostgreSQL server binaries (Debian packages).
# The .NET SDK is expected (global.json pins the version). Safe to run again: it installs only what is missing.
set -euo pipefail

missing=()
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
compgen -G "/usr/lib/postgresql/*/bin/postgres" > /dev/null || missing+=(postgresql)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # The packages' own services are not used (the suite starts private servers on free ports): keep them from starting.
  own_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    echo exit 101 | $sudo tee /usr/sbin/policy-rc.d > /dev/null && $sudo chmod +x /usr/sbin/policy-rc.d && own_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
  [ -z "$own_policy" ] || $sudo rm -f /usr/sbin/policy-rc.d
fi

command -v dotnet > /dev/null || { echo "The .NET 10 SDK is required: https://dotnet.microsoft.com/download" >&2; exit 1; }
