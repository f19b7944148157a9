#!/usr/bin/env bash
# Generates the deterministic demo customer base and loads it through the gateway's import API (the suite must be
# running: ./run.sh). Options: --customers N, --seed S, --end-date yyyy-MM-dd, --out DIR, --gateway URL,
# --api-key KEY, --generate-only. See tools/Crm.DemoData/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project tools/Crm.DemoData -- "$@"
