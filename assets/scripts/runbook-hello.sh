#!/bin/sh
# runbook-hello.sh - a tiny asset shipped by the runbook provider.
# DRP serves it at {{.ProvisionerURL}}/files/plugin_providers/runbook/scripts/runbook-hello.sh
# Usage: runbook-hello.sh [name...]
set -eu

if [ "$#" -eq 0 ]; then
    echo "Hello from runbook on $(hostname)"
else
    echo "Hello from runbook on $(hostname), $*"
fi
