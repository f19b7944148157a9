#!/usr/bin/env bash
# Runs every test against real RabbitMQ and PostgreSQL processes (installed first when missing).
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-prerequisites.sh
dotnet build CrmSuite.sln -c Release
# Two test assemblies at a time: each starts its own broker and database, and the machine has two cores.
dotnet test CrmSuite.sln -c Release --no-build -m:2 "$@"
