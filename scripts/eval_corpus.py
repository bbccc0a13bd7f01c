#!/usr/bin/env python3
"""Score pmlint against hand-labelled real post-mortems.

How to run, from the repository root:

    cargo build --release && python3 scripts/eval_corpus.py ../shared/corpus/real

Options: --pmlint PATH (default target/release/pmlint), --json (a machine-readable
summary on stdout instead of the report), --verbose (also list true positives, hits
and matching documents), --items (also compare the action items pmlint extracts, from
`pmlint stats --format json`, with each labelled document's `action_items_count` and
owner lists: item recall and precision, owner agreement and owner flags per item).

Runs `pmlint check --no-config --format json` once over every *.md in FOLDER and
compares the diagnostics with the NAME.md.labels.toml files beside them (the schema is
described in the corpus's SOURCES.md). Unlabelled documents only count towards the
per-rule table. Labels are matched by line, not column: a diagnostic is "on" every
line from `line` to `end_line`.

Exit code: 0 when blame-language precision >= 0.95 and recall >= 0.90 and the
missing-timeline / missing-action-items agreement is 100% (a measure with nothing to
measure, e.g. a folder without labels, passes); 1 otherwise; 2 on usage errors or when
pmlint itself fails. Python 3.11+, standard library only.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

PRECISION_TARGET = 0.95
RECALL_TARGET = 0.90
INDEX_FILES = {"README.md", "SOURCES.md"}  # corpus bookkeeping, not post-mortems


class UsageError(Exception):
    """A problem the user must fix before anything can be scored (exit code 2)."""


def find_documents(folder):
    """Return the post-mortem *.md files in `folder`, sorted, without index files."""
    if not folder.is_dir():
        raise UsageError(f"not a folder: {folder}")
    return sorted(p for p in folder.glob("*.md") if p.name not in INDEX_FILES)


def run_pmlint(binary, docs):
    """Run pmlint once over all `docs` and return its parsed JSON report."""
    exe = shutil.which(binary)
    if exe is None:
        raise UsageError(f"pmlint binary not found at {binary}: run `cargo build --release` first")
    cmd = [exe, "check", "--no-config", "--format", "json", *map(str, docs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        first = (proc.stderr.strip().splitlines() or ["no output"])[0]
        raise UsageError(f"pmlint exited {proc.returncode} without JSON output: {first}")
    if proc.returncode not in (0, 1):  # 1 only means "findings"
        print(f"warning: pmlint exited {proc.returncode}; scoring what it reported", file=sys.stderr)
    return report


def diag_lines(diag):
    """The 1-based line numbers a diagnostic covers."""
    start = diag["line"]
    return range(start, max(diag.get("end_line") or start, start) + 1)


def lines_with(diags, rule):
    """Map line number -> diagnostics of `rule` covering that line."""
    found = defaultdict(list)
    for d in diags:
        if d["rule"] == rule:
            for n in diag_lines(d):
                found[n].append(d)
    return found


def source_line(lines, n):
    """Line `n` (1-based) of a document, stripped, or '' when out of range."""
    return lines[n - 1].strip() if 0 < n <= len(lines) else ""


def ratio(num, den):
    """num/den, or None when there is nothing to measure."""
    return num / den if den else None


def score_document(doc, labels, diags, s):
    """Compare one labelled document's diagnostics with its labels, adding to `s`."""
    name = doc.name
    lines = doc.read_text(encoding="utf-8", errors="replace").split("\n")
    blame_lines = {e["line"] for e in labels.get("blame_phrases", [])}
    borderline = {e["line"] for e in labels.get("borderline_items", [])}
    nonact_lines = {e["line"] for e in labels.get("non_actionable_items", [])}

    def where(d):
        return f"{name}:{d['line']}:{d['column']}"

    # blame-language: precision over flags, recall over strong+moderate phrases.
    for d in (d for d in diags if d["rule"] == "blame-language"):
        on_label = any(n in blame_lines for n in diag_lines(d))
        on_borderline = any(n in borderline for n in diag_lines(d))
        item = {"at": where(d), "message": d["message"], "source": source_line(lines, d["line"])}
        if on_label:
            s["blame_tp"].append(item)
        elif on_borderline:
            s["blame_borderline"] += 1
        else:
            if d["line"] in nonact_lines:
                item["note"] = "line is a labelled non-actionable item"
            s["blame_fp"].append(item)
    flagged = lines_with(diags, "blame-language")
    for e in labels.get("blame_phrases", []):
        hit = e["line"] in flagged
        sev = "mild" if e.get("severity") == "mild" else "strong+moderate"
        s["phrases"][sev][hit] += 1
        if not hit and sev != "mild":
            s["blame_missed"].append({"at": f"{name}:{e['line']}", "severity": e.get("severity", "?"),
                                      "category": e.get("category", ""), "phrase": e["phrase"]})
    for e in labels.get("not_blame", []):
        for d in flagged.get(e["line"], []):
            s["traps"].append({"at": where(d), "phrase": e["phrase"], "reason": e.get("reason", ""),
                               "message": d["message"]})

    # Document-level rules: agreement with has_timeline / action_items_count.
    rules = Counter(d["rule"] for d in diags)
    for rule, key, expect in (("missing-timeline", "has_timeline", lambda v: v is False),
                              ("missing-action-items", "action_items_count", lambda v: v == 0)):
        if key in labels:
            want, got = expect(labels[key]), rules[rule] > 0
            s["agree"][rule].append({"doc": name, "label": labels[key], "expected_flag": want,
                                     "flagged": got, "agrees": want == got})

    # action-item-owner: count of diagnostics vs labelled owner-less items.
    if "action_items_without_owner" in labels:
        want = len(labels["action_items_without_owner"])
        s["owner"].append({"doc": name, "expected": want, "got": rules["action-item-owner"],
                           "with_owner": len(labels.get("action_items_with_owner", [])),
                           "match": want == rules["action-item-owner"]})

    # non-actionable: recall over labelled items, flags elsewhere are possible FPs.
    nonact = lines_with(diags, "non-actionable")
    for e in labels.get("non_actionable_items", []):
        hit = e["line"] in nonact
        s["nonact_hit" if hit else "nonact_missed"].append({"at": f"{name}:{e['line']}", "text": e["text"]})
    for d in (d for d in diags if d["rule"] == "non-actionable"):
        if not any(n in nonact_lines or n in borderline for n in diag_lines(d)):
            s["nonact_fp"].append({"at": where(d), "message": d["message"],
                                   "source": source_line(lines, d["line"])})


def evaluate(folder, report, docs):
    """Score every labelled document in `folder`; return the summary dict."""
    by_path = defaultdict(list)
    for d in report.get("diagnostics", []):
        by_path[os.path.normpath(d["path"])].append(d)
    unknown = set(by_path) - {os.path.normpath(str(doc)) for doc in docs}
    if unknown:  # a path mismatch would silently score every document as clean
        print(f"warning: diagnostics for paths that were not passed: {sorted(unknown)[:3]}", file=sys.stderr)
    s = {"blame_tp": [], "blame_fp": [], "blame_borderline": 0, "blame_missed": [], "traps": [],
         "phrases": {"strong+moderate": Counter(), "mild": Counter()},
         "agree": {"missing-timeline": [], "missing-action-items": []}, "owner": [],
         "nonact_hit": [], "nonact_missed": [], "nonact_fp": [], "labelled": []}
    for doc in docs:
        label_file = doc.with_name(doc.name + ".labels.toml")
        if label_file.is_file():
            try:
                with label_file.open("rb") as f:
                    labels = tomllib.load(f)
            except tomllib.TOMLDecodeError as err:
                raise UsageError(f"{label_file}: {err}")
            s["labelled"].append(doc.name)
            score_document(doc, labels, by_path[os.path.normpath(str(doc))], s)

    all_diags = report.get("diagnostics", [])
    counts = Counter(d["rule"] for d in all_diags)
    files = {r: len({d["path"] for d in all_diags if d["rule"] == r}) for r in counts}
    sm, mild = s.pop("phrases").values()
    agree = {r: ratio(sum(x["agrees"] for x in rows), len(rows)) for r, rows in s["agree"].items()}
    summary = {
        "folder": str(folder), "documents": len(docs), "labelled_documents": len(s["labelled"]),
        "pmlint_errors": report.get("errors", []),
        "blame_language": {
            "precision": ratio(len(s["blame_tp"]), len(s["blame_tp"]) + len(s["blame_fp"])),
            "recall": ratio(sm[True], sm[True] + sm[False]),
            "mild_recall": ratio(mild[True], mild[True] + mild[False]),
            "true_positives": len(s["blame_tp"]), "false_positives": s["blame_fp"],
            "on_borderline_lines": s["blame_borderline"], "missed": s["blame_missed"],
            "trap_violations": s["traps"], "true_positive_flags": s["blame_tp"]},
        "agreement": agree, "agreement_details": s["agree"],
        "action_item_owner": s["owner"],
        "non_actionable": {
            "recall": ratio(len(s["nonact_hit"]), len(s["nonact_hit"]) + len(s["nonact_missed"])),
            "hit": s["nonact_hit"], "missed": s["nonact_missed"], "possible_false_positives": s["nonact_fp"]},
        "rule_counts": {r: {"diagnostics": counts[r], "files": files[r]} for r in sorted(counts)},
    }
    b = summary["blame_language"]
    summary["passed"] = ((b["precision"] is None or b["precision"] >= PRECISION_TARGET)
                         and (b["recall"] is None or b["recall"] >= RECALL_TARGET)
                         and all(a is None or a == 1.0 for a in agree.values()))
    return summary


# --- --items: the extracted action items against the labels -------------------------

OWNER_GROUPS = (("action_items_without_owner", "none"), ("action_items_with_owner", "person"),
                ("action_items_ambiguous_owner", "team"))
MATCH_THRESHOLD = 0.6  # share of a label's first words found in an extracted item


def run_stats(binary, docs):
    """Run `pmlint stats --format json` over `docs`: {normalised path: action-items object}."""
    exe = shutil.which(binary)
    if exe is None:
        raise UsageError(f"pmlint binary not found at {binary}: run `cargo build --release` first")
    cmd = [exe, "stats", "--no-config", "--format", "json", *map(str, docs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        first = (proc.stderr.strip().splitlines() or ["no output"])[0]
        raise UsageError(f"pmlint stats exited {proc.returncode} without JSON output: {first}")
    return {os.path.normpath(d["path"]): d["metrics"].get("actions", {}) for d in report.get("documents", [])}


def words(text):
    """Lower-case words of `text` without Markdown punctuation."""
    out, word = [], []
    for ch in text.lower():
        if ch.isalnum() or ch in "#'’":
            word.append(ch)
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return [w.strip("'’") for w in out if w.strip("'’")]


def label_words(label):
    """The words a label is matched on: its text before an abbreviation or a note."""
    for cut in (" ...", "…", " (sub-items"):
        label = label.split(cut)[0]
    return words(label)[:8]


def item_words(item):
    """Everything pmlint says about an item, as words (a label may quote its ticket)."""
    parts = [item.get(k) or "" for k in ("text", "priority", "owner", "due", "ticket")]
    return set(words(" ".join(parts)))


def match_items(labels, items):
    """Greedy best matches: [(label index, item index or None, score)]."""
    scores = []
    for li, (text, _) in enumerate(labels):
        lw = label_words(text)
        for ii, item in enumerate(items):
            have = item_words(item)
            score = sum(w in have for w in lw) / len(lw) if lw else 0.0
            if score >= MATCH_THRESHOLD:
                scores.append((score, -abs(li - ii), li, ii))
    scores.sort(reverse=True)
    used_l, used_i, pairs = set(), set(), {}
    for score, _, li, ii in scores:
        if li not in used_l and ii not in used_i:
            used_l.add(li)
            used_i.add(ii)
            pairs[li] = (ii, score)
    return [(li, *pairs.get(li, (None, 0.0))) for li in range(len(labels))]


def owner_kind(item):
    """'none', 'person' or 'team', as pmlint read the item's owner."""
    if not item.get("owner"):
        return "none"
    return "team" if item.get("owner_is_team") else "person"


def score_items(docs, actions_by_path, check_report):
    """Compare each labelled document's extracted action items with its labels."""
    owner_flags = defaultdict(set)
    for d in check_report.get("diagnostics", []):
        if d["rule"] == "action-item-owner":
            owner_flags[os.path.normpath(d["path"])].update(diag_lines(d))
    rows = []
    for doc in docs:
        label_file = doc.with_name(doc.name + ".labels.toml")
        if not label_file.is_file():
            continue
        with label_file.open("rb") as f:
            labels = tomllib.load(f)
        if "action_items_count" not in labels:
            continue
        path = os.path.normpath(str(doc))
        items = actions_by_path.get(path, {}).get("items", [])
        labelled = [(t, kind) for key, kind in OWNER_GROUPS for t in labels.get(key, [])]
        matches = match_items(labelled, items)
        matched = [(labelled[li], items[ii]) for li, ii, _ in matches if ii is not None]
        owner_agree = sum(owner_kind(item) == kind for (_, kind), item in matched)
        ownerless = [item for (_, kind), item in matched if kind == "none"]
        flagged = sum(item["line"] in owner_flags[path] for item in ownerless)
        used = {ii for _, ii, _ in matches if ii is not None}
        rows.append({
            "doc": doc.name, "labelled": labels["action_items_count"], "listed_in_labels": len(labelled),
            "extracted": len(items), "matched": len(matched), "owner_agree": owner_agree,
            "labelled_without_owner": len(labels.get("action_items_without_owner", [])),
            "matched_without_owner": len(ownerless), "flagged_without_owner": flagged,
            "missed": [labelled[li][0] for li, ii, _ in matches if ii is None],
            "extra": [f"{it['line']}: {it['text'] or it.get('ticket') or ''}" for ii, it in enumerate(items) if ii not in used],
            "owner_mismatches": [f"{it['line']}: label {kind}, pmlint {owner_kind(it)} ({it.get('owner')})"
                                 for (_, kind), it in matched if owner_kind(it) != kind],
        })
    total = lambda key: sum(r[key] for r in rows)
    return {
        "documents": rows,
        "count_agreement": ratio(sum(r["labelled"] == r["extracted"] for r in rows), len(rows)),
        "recall": ratio(total("matched"), total("listed_in_labels")),
        "precision": ratio(total("matched"), total("extracted")),
        "owner_agreement": ratio(total("owner_agree"), total("matched")),
        "owner_flag_recall": ratio(total("flagged_without_owner"), total("labelled_without_owner")),
        "totals": {k: total(k) for k in ("labelled", "listed_in_labels", "extracted", "matched", "owner_agree",
                                          "labelled_without_owner", "matched_without_owner", "flagged_without_owner")},
    }


def print_items(a, verbose):
    """Print the --items section."""
    t = a["totals"]
    print("\n== action items (pmlint stats vs labels; matched by the labels' first words)")
    print(f"  count agreement   {fmt(a['count_agreement'])} "
          f"({sum(r['labelled'] == r['extracted'] for r in a['documents'])}/{len(a['documents'])} documents)")
    print(f"  item recall       {fmt(a['recall'])} ({t['matched']}/{t['listed_in_labels']} labelled items extracted)")
    print(f"  item precision    {fmt(a['precision'])} ({t['matched']}/{t['extracted']} extracted items labelled)")
    print(f"  owner agreement   {fmt(a['owner_agreement'])} ({t['owner_agree']}/{t['matched']} matched items: "
          "no owner / person / team as labelled)")
    print(f"  owner flags       {fmt(a['owner_flag_recall'])} ({t['flagged_without_owner']}/{t['labelled_without_owner']} "
          "labelled owner-less items flagged by action-item-owner on their line)")
    for r in a["documents"]:
        ok = (r["labelled"] == r["extracted"] == r["matched"] and not r["owner_mismatches"]
              and r["flagged_without_owner"] == r["labelled_without_owner"])
        if verbose or not ok:
            print(f"  {'ok' if ok else 'MISMATCH':8} labelled {r['labelled']:2} extracted {r['extracted']:2} "
                  f"matched {r['matched']:2} owner-less flagged {r['flagged_without_owner']}/{r['labelled_without_owner']}  {r['doc']}")
        for m in r["missed"]:
            print(f"      not extracted: {m}")
        for e in r["extra"]:
            print(f"      not labelled:  line {e}")
        for o in r["owner_mismatches"]:
            print(f"      owner differs: line {o}")


def fmt(value):
    """Format a ratio for humans: '0.917' or 'n/a'."""
    return "n/a" if value is None else f"{value:.3f}"


def print_report(s, verbose):
    """Print the human-readable report for a summary produced by evaluate()."""
    b = s["blame_language"]
    print(f"pmlint corpus evaluation: {s['folder']} "
          f"({s['documents']} documents, {s['labelled_documents']} labelled)")
    for e in s["pmlint_errors"]:
        print(f"  pmlint error: {e.get('path')}: {e.get('message')}")
    if not s["labelled_documents"]:
        print("\nNo *.md.labels.toml files found: only per-rule counts are reported.")
    else:
        print(f"\n== blame-language\n  precision   {fmt(b['precision'])} "
              f"(target {PRECISION_TARGET}; {b['true_positives']} on labelled lines, "
              f"{len(b['false_positives'])} false positives, {b['on_borderline_lines']} on borderline lines not scored)")
        print(f"  recall      {fmt(b['recall'])} (target {RECALL_TARGET}; strong+moderate phrases, "
              f"{len(b['missed'])} missed)\n  mild recall {fmt(b['mild_recall'])} (informational)")
        for title, rows, show in (("false positives", b["false_positives"], True),
                                  ("true positives", b["true_positive_flags"], verbose)):
            if rows and show:
                print(f"  -- {title}:")
                for r in rows:
                    note = f"  [{r['note']}]" if r.get("note") else ""
                    print(f"    {r['at']}: {r['message']}{note}\n        | {r['source']}")
        if b["missed"]:
            print("  -- missed strong/moderate phrases:")
            for m in b["missed"]:
                print(f"    {m['at']}: [{m['severity']}/{m['category']}] \"{m['phrase']}\"")
        if b["trap_violations"]:
            print("  -- TRAP VIOLATIONS (flag on a labelled not_blame line):")
            for t in b["trap_violations"]:
                print(f"    {t['at']}: \"{t['phrase']}\" is not blame ({t['reason']}); pmlint said: {t['message']}")

        print("\n== document-level rules")
        for rule, rows in s["agreement_details"].items():
            print(f"  {rule:22} agreement {fmt(s['agreement'][rule])} ({sum(r['agrees'] for r in rows)}/{len(rows)})")
            for r in rows:
                if verbose or not r["agrees"]:
                    state = "flagged" if r["flagged"] else "not flagged"
                    verdict = "ok" if r["agrees"] else "DISAGREES"
                    print(f"    {verdict:9} {r['doc']}: label {r['label']!r}, {state}")

        print("\n== action-item-owner (diagnostics vs labelled owner-less items)")
        for r in s["action_item_owner"]:
            print(f"  {'ok' if r['match'] else 'MISMATCH':8} expected {r['expected']:2} got {r['got']:2}  {r['doc']}")

        n = s["non_actionable"]
        print(f"\n== non-actionable\n  recall {fmt(n['recall'])} ({len(n['hit'])}/{len(n['hit']) + len(n['missed'])} labelled items flagged)")
        for title, rows, show in (("missed", n["missed"], True), ("hit", n["hit"], verbose)):
            for r in rows if show else []:
                print(f"    {title}: {r['at']}: \"{r['text']}\"")
        for r in n["possible_false_positives"]:
            print(f"    possible FP: {r['at']}: {r['message']}\n        | {r['source']}")

    print("\n== diagnostics per rule (whole folder)")
    print(f"  {'rule':28} {'count':>6} {'files':>6}")
    for rule, c in s["rule_counts"].items():
        print(f"  {rule:28} {c['diagnostics']:6} {c['files']:6}")
    if not s["rule_counts"]:
        print("  (no diagnostics)")
    print(f"\nresult: {'PASS' if s['passed'] else 'FAIL'}")


def main(argv=None):
    """Parse arguments, run pmlint, score, print; return the process exit code."""
    parser = argparse.ArgumentParser(description="Score pmlint against labelled post-mortems.")
    parser.add_argument("folder", type=Path, help="folder of *.md files and *.md.labels.toml labels")
    parser.add_argument("--pmlint", default="target/release/pmlint", help="pmlint binary (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print a machine-readable summary")
    parser.add_argument("--verbose", action="store_true", help="also list true positives and agreements")
    parser.add_argument("--items", action="store_true",
                        help="also compare the extracted action items with the labels (runs pmlint stats)")
    args = parser.parse_args(argv)  # exits 2 on bad usage
    try:
        docs = find_documents(args.folder)
        if not docs:
            raise UsageError(f"no *.md files in {args.folder}")
        report = run_pmlint(args.pmlint, docs)
        summary = evaluate(args.folder, report, docs)
        if args.items:
            summary["action_items"] = score_items(docs, run_stats(args.pmlint, docs), report)
    except (UsageError, OSError) as err:
        print(f"eval_corpus: {err}", file=sys.stderr)
        return 2
    except KeyError as err:
        print(f"eval_corpus: pmlint JSON or a labels file lacks the field {err}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(summary, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print_report(summary, args.verbose)
        if args.items:
            print_items(summary["action_items"], args.verbose)
    return 0 if summary["passed"] else 1


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):  # `... | head` should end quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
