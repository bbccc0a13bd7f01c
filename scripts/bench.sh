#!/usr/bin/env bash
# Time the release binary over generated post-mortems with hyperfine, against the
# parse-only baseline (examples/parse_corpus: comrak + document model, no rules) and, when
# installed, the peer tools. Ratios measured in the same run are what to compare: the
# machines are noisy.
#
#   scripts/bench.sh                  # corpus, one file, scaling, memory
#   PEERS=1 scripts/bench.sh          # also rumdl and markdownlint-cli2
#                                     # (install: ../shared/bench/install_peers.sh)
#   RUNS=20 scripts/bench.sh          # more runs per command (default 10)
#
# Needs hyperfine (apt-get install hyperfine) and GNU time (/usr/bin/time) for memory.
# Run it on an otherwise idle machine, under `nice` if others share it.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/pmlint-bench}
PEERS_DIR=${PEERS_DIR:-$HOME/.cache/pmlint-peers}
mkdir -p "$WORK"

cargo build --release --quiet --bin pmlint --example gen_corpus --example parse_corpus
BIN=$PWD/target/release/pmlint
GEN=$PWD/target/release/examples/gen_corpus
PARSE=$PWD/target/release/examples/parse_corpus

# Deterministic inputs: the same seed always gives the same bytes.
[ -d "$WORK/corpus-2000" ] || "$GEN" "$WORK/corpus-2000" --files 2000
[ -d "$WORK/corpus-20000" ] || "$GEN" "$WORK/corpus-20000" --files 20000
[ -f "$WORK/doc-5mb.md" ] || "$GEN" "$WORK/doc-5mb.md" --one-file 5000000
[ -f "$WORK/doc-50mb.md" ] || "$GEN" "$WORK/doc-50mb.md" --one-file 50000000
[ -f "$WORK/one-10kb.md" ] || head -c 10000 "$WORK/doc-5mb.md" > "$WORK/one-10kb.md"
echo "corpus-2000: $(du -sh --apparent-size "$WORK/corpus-2000" | cut -f1)," \
  "corpus-20000: $(du -sh --apparent-size "$WORK/corpus-20000" | cut -f1)"

HF=(hyperfine --style basic --warmup 2 --ignore-failure --shell=none)
CHECK="$BIN check --no-config --format json"

echo "== 2,000 files: full lint against parse-only, one and two threads"
"${HF[@]}" --runs "$RUNS" --export-json "$WORK/corpus.json" \
  -n parse-1t "env RAYON_NUM_THREADS=1 $PARSE $WORK/corpus-2000" \
  -n lint-1t "env RAYON_NUM_THREADS=1 $CHECK $WORK/corpus-2000" \
  -n parse-2t "env RAYON_NUM_THREADS=2 $PARSE $WORK/corpus-2000" \
  -n lint-2t "env RAYON_NUM_THREADS=2 $CHECK $WORK/corpus-2000"

echo "== one 10 KB post-mortem, whole process (and the floor: a process that only prints its version)"
"${HF[@]}" --runs $((RUNS * 5)) -n one-file "$CHECK $WORK/one-10kb.md" \
  -n one-file-concise "$BIN check --no-config --format concise $WORK/one-10kb.md" \
  -n version "$BIN --version"

echo "== scaling: 10x the files, 10x the document (two threads)"
"${HF[@]}" --runs 3 --export-json "$WORK/scaling.json" \
  -n files-2000 "$CHECK $WORK/corpus-2000" \
  -n files-20000 "$CHECK $WORK/corpus-20000" \
  -n doc-5mb "$CHECK $WORK/doc-5mb.md" \
  -n doc-50mb "$CHECK $WORK/doc-50mb.md"

echo "== peak memory (max RSS): proportional to the largest file, not the corpus"
for input in corpus-2000 corpus-20000 doc-5mb.md doc-50mb.md; do
  /usr/bin/time -f "$input: %M KB max RSS, %e s" $CHECK "$WORK/$input" > /dev/null || true
done

if [ "${PEERS:-0}" = 1 ]; then
  echo "== peers on the same 2,000 files (exit codes ignored)"
  RUMDL=$PEERS_DIR/py/bin/rumdl
  MDL=$PEERS_DIR/markdownlint-cli2/node_modules/.bin/markdownlint-cli2
  "${HF[@]}" --runs 3 --export-json "$WORK/peers.json" \
    -n pmlint "$CHECK $WORK/corpus-2000" \
    -n rumdl "$RUMDL check --no-cache --no-config $WORK/corpus-2000" \
    -n markdownlint-cli2 "bash -c 'cd $WORK/corpus-2000 && $MDL \"*.md\" >/dev/null 2>&1'"
fi

# Ratios from the exported medians of the runs above.
python3 - "$WORK" <<'EOF'
import json, sys, os
work = sys.argv[1]
def medians(name):
    p = os.path.join(work, name)
    if not os.path.exists(p):
        return {}
    return {r["command"]: r["median"] for r in json.load(open(p))["results"]}
c = medians("corpus.json")
s = medians("scaling.json")
p = medians("peers.json")
print("\n== ratios (medians)")
if c:
    print(f"lint-1t / parse-1t  = {c['lint-1t'] / c['parse-1t']:.2f}   (target <= 1.3)")
    print(f"lint-2t / parse-1t  = {c['lint-2t'] / c['parse-1t']:.2f}   (target < 1)")
if s:
    print(f"20,000 / 2,000 files = {s['files-20000'] / s['files-2000']:.2f}   (target <= 11)")
    print(f"50 MB / 5 MB doc     = {s['doc-50mb'] / s['doc-5mb']:.2f}   (target <= 11)")
if p:
    print(f"rumdl / pmlint             = {p['rumdl'] / p['pmlint']:.1f}   (target >= 5)")
    print(f"markdownlint-cli2 / pmlint = {p['markdownlint-cli2'] / p['pmlint']:.1f}   (target >= 50)")
EOF
