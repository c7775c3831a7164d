"""Checks reference.py's vectorised point estimates against a slow, loop-by-loop re-implementation
of the same definitions (constructs.md §1-4, 6), on generated canonical CSV files that exercise the
awkward cases: missing confidence or preparedness, `NA` versus empty sets, stage codes, org_stage,
survey weights, self-nominations, two respondents of one role, small organisations, suppressed roles.

Run: python3 -m pytest benchmarks/reference/test_reference.py -q
Set ROLELAYER_REFERENCE_CSV=path.csv to also check a file of your own (for example one written by
`rolelayer simulate`).
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import os
import random
import statistics
import sys
from collections import defaultdict

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference as ref  # noqa: E402

REL = 1e-9


def close(a, b, rel=REL, abs_=1e-12):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


# ------------------------------------------------------------------------------------------------
# A generator of awkward canonical CSV files
# ------------------------------------------------------------------------------------------------

def write_fixture(path: str, seed: int, organisations: int = 60, waves=("2026-Q1", "2026-Q2"),
                  weights: bool = True) -> None:
    rng = random.Random(seed)
    rows = []
    rid = 0
    for w in waves:
        for o in range(organisations):
            supplies_org_stage = rng.random() < 0.3
            org_stage = rng.randint(0, 6)
            present = [r for r in ref.ROLES if rng.random() < (0.02 if r == "gc" else 0.6)]  # gc mostly suppressed
            for role in present:
                for _slot in range(2 if rng.random() < 0.15 else 1):
                    rid += 1
                    stage = rng.randint(0, 6)
                    stage_text = ref.STAGES[stage] if rng.random() < 0.2 else str(stage)
                    conf = "" if rng.random() < 0.1 else str(rng.randint(1, 7))
                    prep = "NA" if rng.random() < 0.1 else str(rng.randint(1, 7))
                    u = rng.random()
                    if u < 0.1:
                        blockers = "NA"
                    elif u < 0.2:
                        blockers = ""
                    else:
                        blockers = ";".join(rng.sample(ref.BLOCKERS, rng.randint(1, 4)))
                    u = rng.random()
                    if u < 0.1:
                        priorities = ""
                    else:
                        priorities = ";".join(rng.sample(ref.PRIORITIES, rng.randint(1, 3)))
                    ownership = "" if rng.random() < 0.1 else rng.choice(ref.ROLES + ["shared", "unclear"])
                    direction = "" if rng.random() < 0.1 else (
                        rng.choice(list(ref.DIRECTIONS)) if rng.random() < 0.2 else str(rng.randint(-2, 2)))
                    u = rng.random()
                    if u < 0.1:
                        influences = "NA"
                    elif u < 0.25:
                        influences = ""
                    else:
                        influences = ";".join(rng.sample(ref.ROLES, rng.randint(1, 3)))   # may name itself
                    weight = f"{rng.uniform(0.3, 3):.4f}" if weights else "1"
                    rows.append([f"r-{rid}", f"org-{o:04d}", w, role, stage_text, conf, prep, blockers, "",
                                 priorities, ownership, direction, influences, "",
                                 str(org_stage) if supplies_org_stage else "", "sector", "sme", "NA", weight, ""])
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["respondent_id", "organisation_id", "wave", "role", "stage", "confidence", "preparedness",
                      "blockers", "primary_blocker", "priorities", "ownership", "direction", "influences",
                      "signoff", "org_stage", "sector", "size_band", "region", "weight", "comment"])
        out.writerows(rows)


# ------------------------------------------------------------------------------------------------
# The slow re-implementation: one respondent at a time, plain Python
# ------------------------------------------------------------------------------------------------

MISSING = {"", "na", "n/a", "null", "nan"}


def parse_int(text, codes=None):
    t = text.strip()
    if t.lower() in MISSING:
        return None
    if codes and t.lower() in codes:
        return codes[t.lower()]
    return int(float(t))


def parse_set(text):
    if text.strip() == "":
        return set()
    if text.strip().lower() in MISSING:
        return None
    return {x.strip() for x in text.split(";") if x.strip()}


def load(path):
    stage_codes = {c: i for i, c in enumerate(ref.STAGES)}
    out = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            s = parse_int(row["stage"], stage_codes)
            c = parse_int(row["confidence"])
            p = parse_int(row["preparedness"])
            num, den = 0.5 * s / 6, 0.5
            if c is not None:
                num += 0.25 * (c - 1) / 6
                den += 0.25
            if p is not None:
                num += 0.25 * (p - 1) / 6
                den += 0.25
            pr = row["priorities"].strip()
            prio = None if pr.lower() in MISSING else [x.strip() for x in pr.split(";") if x.strip()] or None
            own = row["ownership"].strip()
            infl = parse_set(row["influences"])
            if infl is not None:
                infl.discard(row["role"].strip())
            w = row.get("weight", "").strip()
            out.append({
                "org": row["organisation_id"].strip(), "wave": row["wave"].strip(), "role": row["role"].strip(),
                "stage": s, "conf": c, "x": 100 * num / den, "w": 1.0 if w.lower() in MISSING else float(w),
                "blockers": parse_set(row["blockers"]), "prio": prio, "own": None if own.lower() in MISSING else own,
                "dir": parse_int(row["direction"], ref.DIRECTIONS), "infl": infl,
                "org_stage": parse_int(row["org_stage"], stage_codes),
            })
    return out


def footrule(a, b, k=3):
    ell = k + 1
    total = 0
    for ia, x in enumerate(a):
        rb = b.index(x) + 1 if x in b else ell
        total += abs((ia + 1) - rb)
    for ib, y in enumerate(b):
        if y not in a:
            total += ell - (ib + 1)
    maximum = sum(ell - r for r in range(1, len(a) + 1)) + sum(ell - r for r in range(1, len(b) + 1))
    return total / maximum


def pair_alignment(i, j):
    d = []
    if i["prio"] and j["prio"]:
        d.append(footrule(i["prio"], j["prio"]))
    if i["own"] is not None and j["own"] is not None:
        d.append(0.0 if i["own"] == j["own"] else 1.0)
    if i["dir"] is not None and j["dir"] is not None:
        d.append(abs(i["dir"] - j["dir"]) / 4)
    if i["conf"] is not None and j["conf"] is not None:
        d.append(abs(i["conf"] - j["conf"]) / 6)
    if i["blockers"] is not None and j["blockers"] is not None:
        u = i["blockers"] | j["blockers"]
        d.append(0.0 if not u else 1 - len(i["blockers"] & j["blockers"]) / len(u))
    return d


def pagerank(nodes, weights, alpha=0.85, tol=1e-14):
    n = len(nodes)
    out = {a: sum(weights.get((a, b), 0.0) for b in nodes) for a in nodes}
    x = {v: 1 / n for v in nodes}
    for _ in range(10000):
        dangling = sum(x[a] for a in nodes if out[a] == 0)
        nxt = {}
        for b in nodes:
            s = sum(x[a] * weights.get((a, b), 0.0) / out[a] for a in nodes if out[a] > 0)
            nxt[b] = alpha * (s + dangling / n) + (1 - alpha) / n
        if sum(abs(nxt[v] - x[v]) for v in nodes) < n * tol:
            return nxt
        x = nxt
    raise RuntimeError("no convergence")


def slow_wave(rows, k_resp=5, k_org=3):
    res = {}
    by_role = defaultdict(list)
    for r in rows:
        by_role[r["role"]].append(r)

    def ok(group):
        return len(group) >= k_resp and len({g["org"] for g in group}) >= k_org

    rsi = {}
    for role, g in by_role.items():
        rsi[role] = sum(r["w"] * r["x"] for r in g) / sum(r["w"] for r in g) if ok(g) else None
    res["rsi"] = rsi
    passing = [r for r in ref.ROLES if rsi.get(r) is not None]
    vals = [rsi[r] for r in passing]
    res["role_gradient"] = max(vals) - min(vals) if len(vals) >= 2 else None
    res["role_sd"] = statistics.stdev(vals) if len(vals) >= 2 else None

    by_org = defaultdict(list)
    for r in rows:
        by_org[r["org"]].append(r)
    maturity = {}
    for o, g in by_org.items():
        given = [r["org_stage"] for r in g if r["org_stage"] is not None]
        maturity[o] = math.floor(statistics.median(given if given else [r["stage"] for r in g]))
    groups = defaultdict(list)
    for r in rows:
        groups[maturity[r["org"]]].append(r)
    gmeans = {s: sum(r["w"] * r["x"] for r in g) / sum(r["w"] for r in g) for s, g in groups.items() if ok(g)}
    res["groups"] = gmeans
    res["stage_gradient"] = max(gmeans.values()) - min(gmeans.values()) if len(gmeans) >= 2 else None

    answered = {role: [r for r in g if r["blockers"] is not None] for role, g in by_role.items()}
    tested = [r for r in ref.ROLES if r in answered and ok(answered[r])]
    shares = {}
    chi = {}
    for b in ref.BLOCKERS:
        for role in tested:
            g = answered[role]
            shares[(b, role)] = sum(r["w"] for r in g if b in r["blockers"]) / sum(r["w"] for r in g)
        if len(tested) >= 2:
            table = [[sum(1 for r in answered[role] if b in r["blockers"]) for role in tested],
                     [sum(1 for r in answered[role] if b not in r["blockers"]) for role in tested]]
            n = sum(map(sum, table))
            rt = [sum(t) for t in table]
            ct = [table[0][c] + table[1][c] for c in range(len(tested))]
            if min(rt) == 0:
                chi[b] = None
            else:
                chi[b] = sum((table[i][c] - rt[i] * ct[c] / n) ** 2 / (rt[i] * ct[c] / n)
                             for i in range(2) for c in range(len(tested)))
    res["shares"], res["chi"] = shares, chi

    pair_orgs = defaultdict(list)
    idx = {r: i for i, r in enumerate(ref.ROLES)}
    for o, g in by_org.items():
        acc = defaultdict(list)
        for i, j in itertools.combinations(g, 2):
            d = pair_alignment(i, j)
            if not d:
                continue
            key = tuple(sorted((i["role"], j["role"]), key=idx.get))
            acc[key].append((1 - sum(d) / len(d), i, j))
        for key, items in acc.items():
            pair_orgs[key].append(sum(a for a, _, _ in items) / len(items))
    res["alignment"] = {k: (sum(v) / len(v) if len(v) >= max(k_resp, k_org) else None) for k, v in pair_orgs.items()}

    present = {r["role"] for r in rows}
    named = set()
    for r in rows:
        if r["infl"]:
            named |= r["infl"]
    nodes = [r for r in ref.ROLES if r in present | named]
    weights = {}
    for a in nodes:
        g = [r for r in by_role.get(a, []) if r["infl"] is not None]
        total_w = sum(r["w"] for r in g)
        if total_w == 0:
            continue
        for b in nodes:
            if a != b:
                v = sum(r["w"] / len(r["infl"]) for r in g if b in r["infl"]) / total_w
                if v > 0:
                    weights[(a, b)] = v
    pr = pagerank(nodes, weights)
    res["rii"] = {v: pr[v] * len(nodes) for v in nodes}
    res["edges"] = weights
    return res


# ------------------------------------------------------------------------------------------------

def compare(path, tmp_path, k_resp=5, k_org=3):
    out = tmp_path / "out.json"
    assert ref.main([str(path), "--bootstrap", "20", "--seed", "3", "--out", str(out),
                     "--k-resp", str(k_resp), "--k-org", str(k_org)]) == 0
    got = json.loads(out.read_text())
    rows = load(path)
    waves = sorted({r["wave"] for r in rows})
    assert list(got["waves"]) == waves
    checked = 0
    for wave in waves:
        want = slow_wave([r for r in rows if r["wave"] == wave], k_resp, k_org)
        g = got["waves"][wave]
        for role, v in want["rsi"].items():
            assert close(g["rsi"][role]["value"], v), (wave, role)
            checked += 1
        assert close(g["gradients"]["role_gradient"]["value"], want["role_gradient"])
        assert close(g["gradients"]["role_means_sd"]["value"], want["role_sd"])
        assert close(g["gradients"]["stage_gradient"]["value"], want["stage_gradient"])
        published_groups = {int(s): e["value"] for s, e in g["gradients"]["maturity_groups"].items() if e["value"] is not None}
        assert published_groups.keys() == want["groups"].keys()
        for s, v in want["groups"].items():
            assert close(published_groups[s], v)
        for (b, role), v in want["shares"].items():
            assert close(g["blockers"]["shares"][b]["roles"][role]["share"], v), (b, role)
            checked += 1
        for b, v in want["chi"].items():
            assert close(g["blockers"]["chi_square"][b]["statistic"], v), b
        for (a, b), v in want["alignment"].items():
            assert close(g["alignment"]["pairs"][f"{a}|{b}"]["value"], v), (a, b)
            checked += 1
        assert set(g["influence"]["nodes"]) == set(want["rii"])
        for role, v in want["rii"].items():
            e = g["influence"]["rii"][role]
            if e["value"] is not None:
                assert close(e["value"], v, rel=1e-10), role
                checked += 1
        for (a, b), v in want["edges"].items():
            key = f"{a}->{b}"
            if key in g["influence"]["edges"]:
                assert close(g["influence"]["edges"][key], v)
    return got, checked


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_point_estimates_match_the_slow_definitions(tmp_path, seed):
    """Every published point estimate equals the loop-by-loop computation of the definitions to 1e-9."""
    path = tmp_path / "fixture.csv"
    write_fixture(str(path), seed)
    got, checked = compare(path, tmp_path)
    assert checked > 100
    # gc is answered by too few respondents: suppressed with its reason, never a value.
    for wave in got["waves"].values():
        if "gc" in wave["rsi"]:
            e = wave["rsi"]["gc"]
            assert e["value"] is None and e["reason"] == "suppressed"


def test_unit_weights_and_other_thresholds(tmp_path):
    """Unit weights and k_resp = 3, k_org = 2 publish more figures, still equal to the definitions."""
    path = tmp_path / "fixture.csv"
    write_fixture(str(path), 9, organisations=25, weights=False)
    compare(path, tmp_path, k_resp=3, k_org=2)


def test_bootstrap_is_seeded_and_intervals_bracket_the_estimate(tmp_path):
    """Same seed, same intervals; every RSI interval is ordered and contains the estimate here."""
    path = tmp_path / "fixture.csv"
    write_fixture(str(path), 4, organisations=80)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for out in (a, b):
        assert ref.main([str(path), "--bootstrap", "200", "--seed", "11", "--out", str(out)]) == 0
    ja, jb = json.loads(a.read_text()), json.loads(b.read_text())
    assert ja["waves"] == jb["waves"]
    for wave in ja["waves"].values():
        for e in wave["rsi"].values():
            if e["value"] is not None:
                assert e["lower"] <= e["value"] <= e["upper"]


def test_vectorised_replicate_pagerank_matches_networkx(tmp_path):
    """--replicate-pagerank numpy gives the same RII intervals as networkx per replicate (to 1e-9)."""
    path = tmp_path / "fixture.csv"
    write_fixture(str(path), 6, organisations=40)
    outs = {}
    for how in ("networkx", "numpy"):
        out = tmp_path / f"{how}.json"
        assert ref.main([str(path), "--bootstrap", "50", "--seed", "5", "--out", str(out),
                         "--replicate-pagerank", how]) == 0
        outs[how] = json.loads(out.read_text())
    compared = 0
    for wave, content in outs["networkx"]["waves"].items():
        for role, e in content["influence"]["rii"].items():
            f = outs["numpy"]["waves"][wave]["influence"]["rii"][role]
            assert e["value"] == f["value"]
            if e["lower"] is not None:
                assert close(e["lower"], f["lower"], rel=1e-9) and close(e["upper"], f["upper"], rel=1e-9)
                compared += 1
    assert compared > 5


def test_zero_replicates_gives_no_intervals(tmp_path):
    """B = 0: values without intervals, with the reason."""
    path = tmp_path / "fixture.csv"
    write_fixture(str(path), 5, organisations=20)
    out = tmp_path / "o.json"
    assert ref.main([str(path), "--bootstrap", "0", "--out", str(out), "--waves", "2026-Q2"]) == 0
    got = json.loads(out.read_text())
    assert list(got["waves"]) == ["2026-Q2"]
    e = got["waves"]["2026-Q2"]["rsi"]["ceo"]
    assert e["value"] is not None and e["lower"] is None and e["interval_reason"] == "bootstrap disabled (B = 0)"


def test_footrule_table_edge_values():
    """Identical lists 0, disjoint lists 1, and a hand value: [a,b,c] vs [b,a] = (1+1+1)/(3+2+1+3+2) = 3/11."""
    t = ref.footrule_table([(0, 1, 2), (1, 0), (3, 4), (0, 1, 2)])
    assert t[0, 3] == 0 and t[0, 2] == 1 and t[1, 2] == 1
    assert t[0, 1] == pytest.approx(3 / 11, rel=1e-15)


@pytest.mark.skipif(not os.environ.get("ROLELAYER_REFERENCE_CSV"), reason="set ROLELAYER_REFERENCE_CSV to check a file")
def test_given_file(tmp_path):
    """The file named by ROLELAYER_REFERENCE_CSV agrees with the slow definitions."""
    compare(os.environ["ROLELAYER_REFERENCE_CSV"], tmp_path)
