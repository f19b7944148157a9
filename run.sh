#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole suite (broker, database, services, gateway, dashboard).
# Options go to the AppHost: --reset, --replicas service=N, --gateway-port, --dashboard-port, --state-dir.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-prerequisites.sh
dotnet build aspire-host/Crm.AppHost -c Release -nologo -v quiet
exec dotnet aspire-host/Crm.AppHost/bin/Release/net10.0/Crm.AppHost.dll "$@"
