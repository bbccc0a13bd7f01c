#!/usr/bin/env bash
# The GitHub Action's step (action.yml runs it; tests/ci.rs runs it locally with temporary
# files in GITHUB_STEP_SUMMARY and GITHUB_OUTPUT). Lints, then hands the JSON report to
# `pmlint ci-summary`, which prints the annotations, writes the job summary and the
# outputs, and exits 1 when a finding reaches fail-on.
#
# Inputs, as environment variables:
#   PMLINT          the pmlint binary (default: pmlint on PATH)
#   INPUT_PATHS     files, folders or globs, separated by spaces or newlines; empty: the
#                   post-mortems changed since INPUT_BASE
#   INPUT_BASE      revision to compare with (a pull request's base commit); with no paths
#                   and no base, every post-mortem in the working directory is linted
#   INPUT_FAIL_ON   error | warning | never (default: error)
#   INPUT_BASELINE  baseline file of findings to ignore (optional)
#   INPUT_ARGS      extra arguments for `pmlint check`, e.g. --config ci/pmlint.toml
set -uo pipefail

pmlint="${PMLINT:-pmlint}"
fail_on="${INPUT_FAIL_ON:-error}"
case "$fail_on" in
  error | warning | never) ;;
  *)
    echo "::error title=pmlint::fail-on must be error, warning or never, not '$fail_on'"
    exit 2
    ;;
esac

args=(check --format json)
if [[ -n "${INPUT_BASELINE:-}" ]]; then
  args+=(--baseline "$INPUT_BASELINE")
fi
if [[ -n "${INPUT_ARGS:-}" ]]; then
  read -r -a extra <<<"$INPUT_ARGS"
  args+=("${extra[@]}")
fi
mode=all
if [[ -n "${INPUT_PATHS:-}" ]]; then
  # Split on spaces and newlines; no shell globbing (pmlint expands globs itself).
  read -r -d '' -a paths <<<"$INPUT_PATHS" || true
  args+=(-- "${paths[@]}")
  mode=paths
elif [[ -n "${INPUT_BASE:-}" ]]; then
  args+=(--changed-since "$INPUT_BASE")
  mode=changed
else
  args+=(--only-postmortems .)
fi

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
"$pmlint" "${args[@]}" >"$report"
status=$?
# Exit 2 with a report means some files could not be read: they are listed in the summary.
if [[ $status -gt 2 ]] || { [[ $status -eq 2 ]] && ! grep -q '"version"' "$report"; }; then
  hint=""
  if [[ $mode == changed ]]; then
    hint=" (comparing with $INPUT_BASE needs the history: actions/checkout with fetch-depth: 0)"
  fi
  echo "::error title=pmlint::pmlint check failed with exit code $status$hint"
  exit 2
fi
"$pmlint" ci-summary --report "$report" --fail-on "$fail_on"
