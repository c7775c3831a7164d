#!/usr/bin/env python3
"""Python reference of RoleLayer's headline statistics (issue 8), for the side-by-side benchmark.

Reads a canonical RoleLayer CSV and computes, per wave, what a competent analyst would compute with
pandas, numpy, scipy and networkx:

  1. Role Shift Index (RSI) per role with a cluster bootstrap over organisations,
  2. role gradient and stage gradient (with the gradient ratio),
  3. blocker shares per role and per-blocker chi-square of citing against role,
  4. the cohort alignment map (five distances, pair alignment, organisation-first averaging),
  5. PageRank of the nomination graph and the Role Influence Index (RII = PageRank x nodes).

Usage:
    reference.py CSV --bootstrap B --seed S --out results.json [--waves W1,W2]
                 [--bootstrap-scope all|rsi] [--k-resp 5] [--k-org 3]

The conventions (formulas, anonymity rules, what is bootstrapped, the JSON schema) are in README.md
beside this file; they follow shared/spec/constructs.md and RoleLayer's settled conventions so that
point estimates agree with RoleLayer's to 1e-9. Bootstrap intervals use numpy's generator, not
RoleLayer's xoshiro256** streams, so they agree only statistically.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import sys
import time
import warnings
from collections import defaultdict

import networkx as nx
import numpy as np
import pandas as pd
import scipy
from scipy import stats

SCHEMA = "rolelayer-reference/1"

# --- The default instrument (shared/spec/data.md), in instrument order -------------------------
ROLES = ["ceo", "cfo", "coo", "cto", "cio", "cdao", "ciso", "cmo", "chro", "gc"]
ROLE_LABELS = {
    "chief_executive_officer": "ceo", "chief_financial_officer": "cfo", "chief_operating_officer": "coo",
    "chief_technology_officer": "cto", "chief_information_officer": "cio",
    "chief_data_&_analytics_officer": "cdao", "chief_information_security_officer": "ciso",
    "chief_marketing_officer": "cmo", "chief_human_resources_officer": "chro", "general_counsel": "gc",
}
STAGES = ["not_started", "evaluating", "experimenting", "piloting", "production", "scaled", "stabilised"]
BLOCKERS = ["roi_uncertainty", "integration_complexity", "security_risk", "data_readiness", "capital_evidence",
            "workforce_readiness", "regulatory_uncertainty", "liability_exposure", "skills_gap",
            "governance_gaps", "vendor_maturity", "change_resistance", "budget_constraints", "other"]
PRIORITIES = ["cost_efficiency", "revenue_growth", "customer_experience", "productivity", "risk_management",
              "innovation", "decision_quality", "talent"]
DIRECTIONS = {"pause": -2, "slow_down": -1, "hold": 0, "accelerate": 1, "accelerate_strongly": 2}
OWNERSHIP = ROLES + ["shared", "unclear"]
DIMENSIONS = ["priorities", "ownership", "direction", "conviction", "risk"]

MAX_PRIORITIES = 3                      # k of the top-k footrule; l = k + 1
STAGE_WEIGHT, CONFIDENCE_WEIGHT, PREPAREDNESS_WEIGHT = 0.5, 0.25, 0.25
DAMPING = 0.85
PAGERANK_TOL = 1e-12                    # networkx's default 1e-6 only gives ~1e-7; RoleLayer uses 1e-12
LEVEL = 0.95
MAX_UNDEFINED_SHARE = 0.10
MISSING = {"", "na", "n/a", "null", "nan"}

R = len(ROLES)
NB = len(BLOCKERS)
PAIRS = [(a, b) for a in range(R) for b in range(a, R)]          # unordered, diagonal included
PAIR_INDEX = np.full((R, R), -1, dtype=np.int64)
for _k, (_a, _b) in enumerate(PAIRS):
    PAIR_INDEX[_a, _b] = PAIR_INDEX[_b, _a] = _k
P = len(PAIRS)


def normalise(text: str) -> str:
    """data.md normalising: trim, lower-case, collapse white space, spaces and hyphens to underscores."""
    return "_".join(text.strip().lower().split()).replace("-", "_")


class Timer:
    """Accumulates wall-clock seconds (time.perf_counter) and CPU seconds of this process, all
    threads (time.process_time), per named step."""

    def __init__(self):
        self.seconds = defaultdict(float)
        self.cpu = defaultdict(float)
        self._cpu = time.process_time()

    def add(self, name: str, start: float) -> float:
        now = time.perf_counter()
        cpu = time.process_time()
        self.seconds[name] += now - start
        self.cpu[name] += cpu - self._cpu
        self._cpu = cpu
        return now

    def restart(self) -> float:
        self._cpu = time.process_time()
        return time.perf_counter()


# ------------------------------------------------------------------------------------------------
# Reading and encoding
# ------------------------------------------------------------------------------------------------

COLUMNS_USED = {"organisation_id", "wave", "role", "stage", "confidence", "preparedness", "blockers", "priorities",
                "ownership", "direction", "influences", "org_stage", "weight"}


def read_csv(path: str) -> pd.DataFrame:
    """The columns the statistics use, as text, nothing turned into NaN (`NA` in a set column means
    "not answered", an empty cell "none selected"). Unused columns (ids, comments, segments,
    signoff, primary_blocker) are skipped while parsing."""
    with open(path, "rb") as f:
        head = f.readline().decode("utf-8-sig")
    counts = {d: head.count(d) for d in (",", ";", "\t")}
    sep = max(counts, key=lambda d: counts[d])          # ties in the order , ; tab
    df = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, na_filter=False,
                     encoding="utf-8-sig", engine="c", usecols=lambda name: name.strip().lower() in COLUMNS_USED)
    df.columns = [c.strip().lower() for c in df.columns]
    return df


def _mapped(series: pd.Series, parse, dtype):
    """Parses each distinct cell once (pd.factorize) and broadcasts: coded columns have few distinct values."""
    codes, uniques = pd.factorize(series, sort=False)
    table = np.array([parse(u) for u in uniques], dtype=dtype)
    if len(table) == 0:
        return np.zeros(len(series), dtype=dtype)
    return table[codes]


def _integer(text: str, lo: int, hi: int, codes: dict | None, column: str):
    t = text.strip()
    if t.lower() in MISSING:
        return None
    if codes is not None:
        key = normalise(t)
        if key in codes:
            return codes[key]
    try:
        v = float(t)
    except ValueError:
        raise ValueError(f"{column}: {text!r} is not a number or code")
    if v != int(v) or not lo <= v <= hi:
        raise ValueError(f"{column}: {text!r} is out of range {lo}...{hi}")
    return int(v)


def _code_index(text: str, codes: list, aliases: dict, column: str) -> int:
    t = text.strip()
    if t.lower() in MISSING:
        return -1
    key = normalise(t)
    key = aliases.get(key, key)
    try:
        return codes.index(key)
    except ValueError:
        raise ValueError(f"{column}: unknown code {text!r}")


def _set_mask(text: str, codes: list, aliases: dict, column: str):
    """(bit mask, answered): empty cell = none selected; a missing-value token = not answered."""
    if text.strip() == "":
        return (0, True)
    if text.strip().lower() in MISSING:
        return (0, False)
    mask = 0
    for item in text.split(";"):
        if item.strip() == "":
            continue
        mask |= 1 << _code_index(item, codes, aliases, column)
    return (mask, True)


def encode(df: pd.DataFrame) -> dict:
    """Column arrays (numpy) for the analysis; codes become indices in instrument order."""
    stage_codes = {c: i for i, c in enumerate(STAGES)}
    stage_codes.update({"none": 0, "in_production": 4, "stabilized": 6})
    role_aliases = dict(ROLE_LABELS)
    n = len(df)

    def col(name):
        return df[name] if name in df.columns else pd.Series([""] * n, index=df.index)

    out = {}
    def wave(text):                                   # 2026-Q1, 2026q1, 2026Q1 -> 2026-Q1; months and years as written
        t = text.strip().upper()
        return t[:4] + "-" + t[-2:] if len(t) in (6, 7) and t[-2] == "Q" else t
    out["wave"] = _mapped(df["wave"], wave, object)
    codes, raw_ids = pd.factorize(df["organisation_id"])   # ids are trimmed: factorize, trim, factorize again
    merged, ids = pd.factorize(pd.Index(raw_ids).str.strip())
    out["organisation"], out["organisation_ids"] = merged[codes], ids
    out["role"] = _mapped(df["role"], lambda t: _code_index(t, ROLES, role_aliases, "role"), np.int64)
    if (out["role"] < 0).any():
        raise ValueError("role: required")
    stage = _mapped(df["stage"], lambda t: (lambda v: -1 if v is None else v)(_integer(t, 0, 6, stage_codes, "stage")),
                    np.int64)
    if (stage < 0).any():
        raise ValueError("stage: required")
    out["stage"] = stage
    to_float = lambda t, lo, hi, codes, name: (lambda v: np.nan if v is None else float(v))(_integer(t, lo, hi, codes, name))
    out["confidence"] = _mapped(col("confidence"), lambda t: to_float(t, 1, 7, None, "confidence"), np.float64)
    out["preparedness"] = _mapped(col("preparedness"), lambda t: to_float(t, 1, 7, None, "preparedness"), np.float64)
    out["direction"] = _mapped(col("direction"), lambda t: to_float(t, -2, 2, DIRECTIONS, "direction"), np.float64)
    out["org_stage"] = _mapped(col("org_stage"), lambda t: to_float(t, 0, 6, stage_codes, "org_stage"), np.float64)
    out["ownership"] = _mapped(col("ownership"), lambda t: _code_index(t, OWNERSHIP, role_aliases, "ownership"), np.int64)

    def weight(t):
        t = t.strip()
        if t.lower() in MISSING:
            return 1.0
        v = float(t)
        if not (math.isfinite(v) and v > 0):
            raise ValueError(f"weight: {t!r} must be a finite number > 0")
        return v
    out["weight"] = _mapped(col("weight"), weight, np.float64)

    # Sets as bit masks (-1 = not answered), parsed once per distinct cell.
    blk = _mapped(col("blockers"), lambda t: (lambda m, a: m if a else -1)(*_set_mask(t, BLOCKERS, {}, "blockers")),
                  np.int64)
    out["blockers_answered"] = blk >= 0
    out["blockers"] = np.where(blk >= 0, blk, 0)
    inf = _mapped(col("influences"), lambda t: (lambda m, a: m if a else -1)(*_set_mask(t, ROLES, role_aliases, "influences")),
                  np.int64)
    out["influences_answered"] = inf >= 0
    out["influences"] = np.where(inf >= 0, inf, 0) & ~(np.int64(1) << out["role"])   # self-nomination: invalid, ignored

    # Priorities: distinct ordered lists get an id; -1 = not answered or empty (no ranking).
    codes, uniques = pd.factorize(col("priorities"))
    lists = []
    list_of_unique = np.full(len(uniques), -1, dtype=np.int64)
    seen = {}
    for u_i, text in enumerate(uniques):
        if text.strip().lower() in MISSING:
            continue
        items = tuple(_code_index(t, PRIORITIES, {}, "priorities") for t in text.split(";") if t.strip() != "")
        if not items:
            continue
        if len(set(items)) != len(items) or len(items) > MAX_PRIORITIES:
            raise ValueError(f"priorities: {text!r} repeats an item or is longer than {MAX_PRIORITIES}")
        if items not in seen:
            seen[items] = len(lists)
            lists.append(items)
        list_of_unique[u_i] = seen[items]
    out["priority_list"] = list_of_unique[codes] if len(uniques) else np.full(n, -1, dtype=np.int64)
    out["priority_lists"] = lists

    x_num = STAGE_WEIGHT * out["stage"] / 6
    x_den = np.full(n, STAGE_WEIGHT)
    c, p = out["confidence"], out["preparedness"]
    x_num = x_num + np.where(np.isnan(c), 0.0, CONFIDENCE_WEIGHT * (c - 1) / 6)
    x_den = x_den + np.where(np.isnan(c), 0.0, CONFIDENCE_WEIGHT)
    x_num = x_num + np.where(np.isnan(p), 0.0, PREPAREDNESS_WEIGHT * (p - 1) / 6)
    x_den = x_den + np.where(np.isnan(p), 0.0, PREPAREDNESS_WEIGHT)
    out["x"] = 100 * x_num / x_den                                    # constructs.md §1, 0...100
    return out


def footrule_table(lists: list) -> np.ndarray:
    """Normalised top-k Spearman footrule (Fagin, Kumar & Sivakumar 2003), l = k + 1, between every
    two distinct lists: Σ_items |rank_a − rank_b| (absent = l) / (Σ_{r≤|a|}(l − r) + Σ_{r≤|b|}(l − r))."""
    ell = MAX_PRIORITIES + 1
    L = len(lists)
    ranks = np.full((L, len(PRIORITIES)), ell, dtype=np.int64)
    maxima = np.zeros(L, dtype=np.int64)
    for i, items in enumerate(lists):
        for r, item in enumerate(items, start=1):
            ranks[i, item] = r
            maxima[i] += ell - r
    total = np.abs(ranks[:, None, :] - ranks[None, :, :]).sum(axis=2)
    return total / (maxima[:, None] + maxima[None, :])


# ------------------------------------------------------------------------------------------------
# Bootstrap helpers
# ------------------------------------------------------------------------------------------------

def interval(replicates: np.ndarray | None, B: int) -> dict:
    """Percentile interval (type-7 quantiles = numpy 'linear') of the defined replicates."""
    if B == 0 or replicates is None:
        return {"lower": None, "upper": None, "undefined_replicates": 0,
                "interval_reason": "bootstrap disabled (B = 0)" if B == 0 else "not bootstrapped"}
    defined = replicates[np.isfinite(replicates)]
    undefined = int(B - defined.size)
    if undefined > MAX_UNDEFINED_SHARE * B or defined.size == 0:
        return {"lower": None, "upper": None, "undefined_replicates": undefined,
                "interval_reason": "more than 10% of replicates undefined"}
    a = (1 - LEVEL) / 2
    lo, hi = np.percentile(defined, [100 * a, 100 * (1 - a)])
    return {"lower": float(lo), "upper": float(hi), "undefined_replicates": undefined, "interval_reason": None}


def estimate(value, n, organisations, replicates=None, B=0, reason=None) -> dict:
    """One figure: value (None when suppressed / not available, with the reason), n, organisations, interval."""
    if value is None or reason is not None:
        return {"value": None, "lower": None, "upper": None, "n": int(n), "organisations": int(organisations),
                "reason": reason or "not available", "interval_reason": None}
    e = {"value": float(value), "n": int(n), "organisations": int(organisations), "reason": None}
    e.update(interval(replicates, B))
    return e


def multiplicities(rng: np.random.Generator, G: int, count: int) -> np.ndarray:
    """`count` cluster-bootstrap replicates: G organisations drawn with replacement, as multinomial
    counts (count x G, float64 for the matrix products)."""
    draws = rng.integers(0, G, size=(count, G), dtype=np.int32 if G < 2**31 else np.int64)
    M = np.empty((count, G))
    for r in range(count):
        M[r] = np.bincount(draws[r], minlength=G)
    return M


# ------------------------------------------------------------------------------------------------
# The statistics of one wave
# ------------------------------------------------------------------------------------------------

def passes(n, orgs, k_resp, k_org):
    return (n >= k_resp) & (orgs >= k_org)


def pagerank_rii(answered: np.ndarray, nominations: np.ndarray, nodes: list) -> dict:
    """PageRank per node: networkx PageRank (alpha 0.85, uniform teleport, dangling nodes spread uniformly)
    of the graph whose edge a -> b is role a's mean nomination weight on b. RII = PageRank x node count."""
    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    for a in nodes:
        if answered[a] <= 0:
            continue
        for b in nodes:
            if a != b and nominations[a, b] > 0:
                g.add_edge(a, b, weight=nominations[a, b] / answered[a])
    return nx.pagerank(g, alpha=DAMPING, weight="weight", tol=PAGERANK_TOL, max_iter=1000)


def pagerank_batch(answered: np.ndarray, nominations: np.ndarray, nodes: list) -> np.ndarray:
    """PageRank of many replicate graphs at once (replicates x nodes): the iteration of networkx's
    pagerank (row-normalised weights, uniform teleport and dangling, stop when Σ|Δx| < N·tol),
    vectorised over replicates with numpy; each replicate stops at its own convergence."""
    idx = np.asarray(nodes)
    N = len(nodes)
    a = answered[:, idx]                                          # replicates x N
    W = nominations[:, idx][:, :, idx]                            # replicates x N x N
    with np.errstate(invalid="ignore", divide="ignore"):
        W = np.where(a[:, :, None] > 0, W / a[:, :, None], 0.0)
    W[:, np.arange(N), np.arange(N)] = 0.0
    S = W.sum(axis=2)
    dangling = S == 0
    with np.errstate(invalid="ignore", divide="ignore"):
        Pm = np.where(dangling[:, :, None], 0.0, W / np.where(dangling, 1.0, S)[:, :, None])
    x = np.full(a.shape, 1.0 / N)
    out = np.full(a.shape, np.nan)
    active = np.arange(len(a))
    for _ in range(1000):
        xa = x[active]
        nxt = DAMPING * (np.einsum("ri,rij->rj", xa, Pm[active])
                         + (xa * dangling[active]).sum(axis=1, keepdims=True) / N) + (1 - DAMPING) / N
        done = np.abs(nxt - xa).sum(axis=1) < N * PAGERANK_TOL
        out[active[done]] = nxt[done]
        x[active] = nxt
        active = active[~done]
        if active.size == 0:
            break
    return out


def analyse_wave(d: dict, rows: np.ndarray, footrule: np.ndarray, B: int, rng: np.random.Generator,
                 scope: str, k_resp: int, k_org: int, timer: Timer, replicate_pagerank: str = "networkx") -> dict:
    t = timer.restart()
    role = d["role"][rows]
    x = d["x"][rows]
    w = d["weight"][rows]
    stage = d["stage"][rows]
    org_ids, org = np.unique(d["organisation"][rows], return_inverse=True)
    G = len(org_ids)
    n = len(rows)
    cell = org * R + role
    t = timer.add("cell", t)

    # ---------------- (1) Role Shift Index: per-organisation per-role sums -------------------------
    ws = np.bincount(cell, weights=w, minlength=G * R).reshape(G, R)
    wx = np.bincount(cell, weights=w * x, minlength=G * R).reshape(G, R)
    cnt = np.bincount(cell, minlength=G * R).reshape(G, R)
    role_n = cnt.sum(axis=0)
    role_orgs = (cnt > 0).sum(axis=0)
    role_w = ws.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        rsi = wx.sum(axis=0) / role_w
    rsi_pass = passes(role_n, role_orgs, k_resp, k_org)
    passing_roles = np.flatnonzero(rsi_pass)
    t = timer.add("rsi", t)

    # ---------------- (2) gradients: maturity groups ---------------------------------------------
    frame = pd.DataFrame({"org": org, "stage": stage, "org_stage": d["org_stage"][rows]})
    by_org = frame.groupby("org", sort=True)
    median_stage = by_org["stage"].median().to_numpy()
    median_org_stage = by_org["org_stage"].median().to_numpy()        # NaN where no respondent gave it
    maturity = np.floor(np.where(np.isnan(median_org_stage), median_stage, median_org_stage)).astype(np.int64)
    org_w = ws.sum(axis=1)
    org_wx = wx.sum(axis=1)
    org_n = cnt.sum(axis=1)
    group_w = np.bincount(maturity, weights=org_w, minlength=7)
    group_wx = np.bincount(maturity, weights=org_wx, minlength=7)
    group_n = np.bincount(maturity, weights=org_n, minlength=7).astype(np.int64)
    group_orgs = np.bincount(maturity, minlength=7)
    with np.errstate(invalid="ignore", divide="ignore"):
        group_mean = group_wx / group_w
    group_pass = passes(group_n, group_orgs, k_resp, k_org)
    passing_groups = np.flatnonzero(group_pass)
    t = timer.add("gradients", t)

    # ---------------- (3) blockers ------------------------------------------------------------------
    ans = d["blockers_answered"][rows]
    masks = d["blockers"][rows]
    r_ans = role[ans]
    w_ans = w[ans]
    m_ans = masks[ans]
    answered = np.bincount(r_ans, minlength=R)
    answered_w = np.bincount(r_ans, weights=w_ans, minlength=R)
    answered_orgs = (np.bincount(org[ans] * R + r_ans, minlength=G * R).reshape(G, R) > 0).sum(axis=0)
    bits = ((m_ans[:, None] >> np.arange(NB)) & 1).astype(np.float64)          # respondents x blockers
    onehot = np.zeros((len(r_ans), R))
    onehot[np.arange(len(r_ans)), r_ans] = 1.0
    cited = (onehot.T @ bits).round().astype(np.int64)                         # roles x blockers
    cited_w = (onehot * w_ans[:, None]).T @ bits
    blk_pass = passes(answered, answered_orgs, k_resp, k_org)
    tested = np.flatnonzero(blk_pass)
    cell_n = int(answered.sum())
    cell_orgs = int(len(np.unique(org[ans])))
    cell_w = answered_w.sum()
    cell_share = cited_w.sum(axis=0) / cell_w if cell_w > 0 else np.full(NB, np.nan)
    blockers_out = {"respondents": cell_n, "organisations": cell_orgs,
                    "roles_tested": [ROLES[r] for r in tested], "shares": {}, "chi_square": {}}
    cell_ok = cell_n >= k_resp and cell_orgs >= k_org
    for b, code in enumerate(BLOCKERS):
        per_role = {}
        for r in range(R):
            if answered[r] == 0:
                continue
            if blk_pass[r]:
                share = cited_w[r, b] / answered_w[r]
                lift = share / cell_share[b] if cell_share[b] > 0 else None
                per_role[ROLES[r]] = {"share": float(share), "lift": None if lift is None else float(lift),
                                      "n": int(answered[r]), "organisations": int(answered_orgs[r]), "reason": None}
            else:
                per_role[ROLES[r]] = {"share": None, "lift": None, "n": int(answered[r]),
                                      "organisations": int(answered_orgs[r]), "reason": "suppressed"}
        blockers_out["shares"][code] = {
            "cell": float(cell_share[b]) if cell_ok else None,
            "roles": per_role}
    p_values = []
    for b, code in enumerate(BLOCKERS):
        test = {"statistic": None, "dof": None, "p_value": None, "p_adjusted": None, "cramers_v": None,
                "n": int(answered[tested].sum()), "reason": None}
        if len(tested) < 2:
            test["reason"] = "not available: fewer than two roles pass the anonymity rule"
        else:
            table = np.array([cited[tested, b], answered[tested] - cited[tested, b]])
            if (table.sum(axis=1) == 0).any():
                test["reason"] = "not available: nobody or everybody cites the blocker"
            else:
                res = stats.chi2_contingency(table, correction=False)
                test.update(statistic=float(res.statistic), dof=int(res.dof), p_value=float(res.pvalue),
                            cramers_v=float(stats.contingency.association(table, method="cramer", correction=False)))
        p_values.append(test["p_value"])
        blockers_out["chi_square"][code] = test
    have = [i for i, p in enumerate(p_values) if p is not None]
    if have:
        adjusted = stats.false_discovery_control([p_values[i] for i in have], method="bh")
        for i, q in zip(have, adjusted):
            blockers_out["chi_square"][BLOCKERS[i]]["p_adjusted"] = float(q)
    t = timer.add("blockers", t)

    # ---------------- (4) alignment map -------------------------------------------------------------
    order = np.argsort(org, kind="stable")
    org_sorted = org[order]
    sizes = np.bincount(org, minlength=G)
    largest = int(sizes.max()) if G else 0
    left, right = [], []
    for k in range(1, largest):                                 # every within-organisation pair i < j
        same = org_sorted[:-k] == org_sorted[k:]
        left.append(order[:-k][same])
        right.append(order[k:][same])
    i = np.concatenate(left) if left else np.zeros(0, np.int64)
    j = np.concatenate(right) if right else np.zeros(0, np.int64)
    ri, rj = rows[i], rows[j]
    dist = np.full((len(i), 5), np.nan)
    li, lj = d["priority_list"][ri], d["priority_list"][rj]
    ok = (li >= 0) & (lj >= 0)
    dist[ok, 0] = footrule[li[ok], lj[ok]]
    oi, oj = d["ownership"][ri], d["ownership"][rj]
    ok = (oi >= 0) & (oj >= 0)
    dist[ok, 1] = (oi[ok] != oj[ok]).astype(np.float64)
    dist[:, 2] = np.abs(d["direction"][ri] - d["direction"][rj]) / 4
    dist[:, 3] = np.abs(d["confidence"][ri] - d["confidence"][rj]) / 6
    ok = d["blockers_answered"][ri] & d["blockers_answered"][rj]
    bi, bj = d["blockers"][ri][ok], d["blockers"][rj][ok]
    union = np.bitwise_count(bi | bj)
    inter = np.bitwise_count(bi & bj)
    with np.errstate(invalid="ignore", divide="ignore"):
        dist[ok, 4] = np.where(union > 0, 1 - inter / np.where(union > 0, union, 1), 0.0)
    defined = ~np.isnan(dist)
    m = defined.sum(axis=1)
    keep = m > 0
    alignment = 1 - np.nansum(dist[keep], axis=1) / m[keep]           # A_ij = 1 - mean defined distance
    pair_key = PAIR_INDEX[role[i[keep]], role[j[keep]]]
    org_pair = org[i[keep]] * P + pair_key
    s = np.bincount(org_pair, weights=alignment, minlength=G * P).reshape(G, P)
    c = np.bincount(org_pair, minlength=G * P).reshape(G, P)
    with np.errstate(invalid="ignore", divide="ignore"):
        org_value = np.where(c > 0, s / np.where(c > 0, c, 1), 0.0)     # organisation's value per pair
    org_has = (c > 0).astype(np.float64)
    pair_orgs = (c > 0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        pair_value = org_value.sum(axis=0) / pair_orgs
    min_pair_orgs = max(k_org, k_resp)
    pair_pass = pair_orgs >= min_pair_orgs
    dim_values = {}
    dk, dd = dist[keep], defined[keep]
    for dim, name in enumerate(DIMENSIONS):
        ds = np.bincount(org_pair, weights=np.where(dd[:, dim], dk[:, dim], 0.0), minlength=G * P).reshape(G, P)
        dc = np.bincount(org_pair, weights=dd[:, dim].astype(np.float64), minlength=G * P).reshape(G, P)
        with np.errstate(invalid="ignore", divide="ignore"):
            per_org = np.where(dc > 0, ds / np.where(dc > 0, dc, 1), 0.0)
        dorgs = (dc > 0).sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            dim_values[name] = (1 - per_org.sum(axis=0) / dorgs, dorgs)
    t = timer.add("alignment", t)

    # ---------------- (5) nomination graph and PageRank ---------------------------------------------
    ia = d["influences_answered"][rows]
    imask = d["influences"][rows]
    present = np.zeros(R, dtype=bool)
    present[np.unique(role)] = True
    named = np.bitwise_or.reduce(imask[ia]) if ia.any() else np.int64(0)
    is_node = present | (((named >> np.arange(R)) & 1) == 1)
    nodes = [int(v) for v in np.flatnonzero(is_node)]
    nominated = np.bitwise_count(imask)
    share_w = np.where(ia & (nominated > 0), w / np.maximum(nominated, 1), 0.0)
    # Per-organisation sums (for the bootstrap): answered weight per role, then nomination weight a -> b.
    org_keys = np.zeros((G, R + R * R))
    org_keys[:, :R] = np.bincount(cell, weights=np.where(ia, w, 0.0), minlength=G * R).reshape(G, R)
    for b in range(R):
        named_b = ((imask >> b) & 1).astype(np.float64)
        org_keys[:, R + b:R + R * R:R] = np.bincount(cell, weights=share_w * named_b, minlength=G * R).reshape(G, R)
    totals = org_keys.sum(axis=0)
    inf_answered = totals[:R]
    nominations = totals[R:].reshape(R, R)
    pagerank = pagerank_rii(inf_answered, nominations, nodes) if nodes else {}
    rii = {v: pagerank[v] * len(nodes) for v in nodes}
    inf_n = np.bincount(role[ia], minlength=R)
    inf_orgs = (np.bincount(org[ia] * R + role[ia], minlength=G * R).reshape(G, R) > 0).sum(axis=0)
    org_roles_inf = (np.bincount(org[ia] * R + role[ia], minlength=G * R).reshape(G, R) > 0)
    t = timer.add("pagerank", t)

    # ---------------- bootstrap ---------------------------------------------------------------------
    reps = {}
    if B > 0 and G > 0:
        do_all = scope == "all"
        reps["rsi"] = np.full((B, len(passing_roles)), np.nan)
        if do_all:
            reps["role_gradient"] = np.full(B, np.nan)
            reps["role_sd"] = np.full(B, np.nan)
            reps["stage_gradient"] = np.full(B, np.nan)
            reps["ratio"] = np.full(B, np.nan)
            reps["groups"] = np.full((B, len(passing_groups)), np.nan)
            pub_pairs = np.flatnonzero(pair_pass)
            reps["alignment"] = np.full((B, len(pub_pairs)), np.nan)
            reps["rii"] = np.full((B, len(nodes)), np.nan)
            group_cols_w = np.zeros((G, 7))
            group_cols_w[np.arange(G), maturity] = org_w
            group_cols_wx = np.zeros((G, 7))
            group_cols_wx[np.arange(G), maturity] = org_wx
            v_pub, h_pub = org_value[:, pub_pairs], org_has[:, pub_pairs]
        chunk = max(1, min(B, 8_000_000 // max(G, 1)))                 # about 64 MB of multiplicities
        for start in range(0, B, chunk):
            count = min(chunk, B - start)
            sl = slice(start, start + count)
            M = multiplicities(rng, G, count)
            t = timer.add("bootstrap_draws", t)
            with np.errstate(invalid="ignore", divide="ignore"):
                means = (M @ wx[:, passing_roles]) / (M @ ws[:, passing_roles])
            reps["rsi"][sl] = means
            t = timer.add("rsi_bootstrap", t)
            if not do_all:
                continue
            if len(passing_roles) >= 2:
                ok = np.isfinite(means).all(axis=1)
                reps["role_gradient"][sl] = np.where(ok, np.ptp(means, axis=1), np.nan)
                reps["role_sd"][sl] = np.where(ok, np.std(means, axis=1, ddof=1), np.nan)
            with np.errstate(invalid="ignore", divide="ignore"):
                gmeans = (M @ group_cols_wx[:, passing_groups]) / (M @ group_cols_w[:, passing_groups])
            reps["groups"][sl] = gmeans
            if len(passing_groups) >= 2:
                ok = np.isfinite(gmeans).all(axis=1)
                gs = np.where(ok, np.ptp(gmeans, axis=1), np.nan)
                reps["stage_gradient"][sl] = gs
                with np.errstate(invalid="ignore", divide="ignore"):
                    reps["ratio"][sl] = np.where(gs > 0, reps["role_gradient"][sl] / gs, np.nan)
            t = timer.add("gradients_bootstrap", t)
            with np.errstate(invalid="ignore", divide="ignore"):
                reps["alignment"][sl] = (M @ v_pub) / (M @ h_pub)
            t = timer.add("alignment_bootstrap", t)
            if nodes and replicate_pagerank == "numpy":
                rep_totals = M @ org_keys
                reps["rii"][sl] = pagerank_batch(rep_totals[:, :R], rep_totals[:, R:].reshape(count, R, R),
                                                 nodes) * len(nodes)
            elif nodes:
                rep_totals = M @ org_keys
                for q in range(count):
                    tq = rep_totals[q]
                    try:
                        v = pagerank_rii(tq[:R], tq[R:].reshape(R, R), nodes)
                        reps["rii"][start + q] = [v[a] * len(nodes) for a in nodes]
                    except nx.PowerIterationFailedConvergence:
                        pass
            t = timer.add("pagerank_bootstrap", t)

    # ---------------- assemble ----------------------------------------------------------------------
    out = {"respondents": int(n), "organisations": int(G)}
    rsi_out = {}
    for r in range(R):
        if role_n[r] == 0:
            continue
        if rsi_pass[r]:
            col = int(np.searchsorted(passing_roles, r))
            rsi_out[ROLES[r]] = estimate(rsi[r], role_n[r], role_orgs[r],
                                         reps["rsi"][:, col] if "rsi" in reps else None, B)
        else:
            rsi_out[ROLES[r]] = estimate(None, role_n[r], role_orgs[r], reason="suppressed")
    out["rsi"] = rsi_out

    grad = {"roles_compared": [ROLES[r] for r in passing_roles]}
    pr_n = int(role_n[passing_roles].sum())
    pr_orgs = int((cnt[:, passing_roles].sum(axis=1) > 0).sum())
    if len(passing_roles) >= 2:
        vals = rsi[passing_roles]
        grad["role_gradient"] = estimate(vals.max() - vals.min(), pr_n, pr_orgs, reps.get("role_gradient"), B)
        grad["leading_role"] = ROLES[passing_roles[int(np.argmax(vals))]]                 # first on a tie
        grad["lagging_role"] = ROLES[passing_roles[len(vals) - 1 - int(np.argmin(vals[::-1]))]]  # last on a tie
        grad["role_means_sd"] = estimate(float(np.std(vals, ddof=1)), pr_n, pr_orgs, reps.get("role_sd"), B)
    else:
        reason = "not available: fewer than two roles pass the anonymity rule"
        grad["role_gradient"] = estimate(None, pr_n, pr_orgs, reason=reason)
        grad["leading_role"] = grad["lagging_role"] = None
        grad["role_means_sd"] = estimate(None, pr_n, pr_orgs, reason=reason)
    groups = {}
    for g in range(7):
        if group_n[g] == 0:
            continue
        if group_pass[g]:
            col = int(np.searchsorted(passing_groups, g))
            groups[str(g)] = estimate(group_mean[g], group_n[g], group_orgs[g],
                                      reps["groups"][:, col] if "groups" in reps else None, B)
        else:
            groups[str(g)] = estimate(None, group_n[g], group_orgs[g], reason="suppressed")
    grad["maturity_groups"] = groups
    grad["organisations_by_maturity"] = {str(g): int(group_orgs[g]) for g in range(7)}
    pg_n = int(group_n[passing_groups].sum())
    pg_orgs = int(group_orgs[passing_groups].sum())
    if len(passing_groups) >= 2:
        gvals = group_mean[passing_groups]
        g_stage = gvals.max() - gvals.min()
        grad["stage_gradient"] = estimate(g_stage, pg_n, pg_orgs, reps.get("stage_gradient"), B)
    else:
        g_stage = None
        grad["stage_gradient"] = estimate(None, pg_n, pg_orgs,
                                          reason="not available: fewer than two maturity groups pass the anonymity rule")
    enters = rsi_pass[role] | group_pass[maturity[org]]        # rows of a passing role or maturity group
    ratio_n, ratio_orgs = int(enters.sum()), int(np.unique(org[enters]).size)
    g_role = grad["role_gradient"]["value"]
    if g_role is not None and g_stage is not None and g_stage > 0:
        grad["gradient_ratio"] = estimate(g_role / g_stage, ratio_n, ratio_orgs, reps.get("ratio"), B)
    else:
        grad["gradient_ratio"] = estimate(None, ratio_n, ratio_orgs, reason="not available")
    out["gradients"] = grad
    out["blockers"] = blockers_out

    pairs_out = {}
    pub_list = list(np.flatnonzero(pair_pass))
    for key, (a, b) in enumerate(PAIRS):
        if pair_orgs[key] == 0:
            continue
        name = f"{ROLES[a]}|{ROLES[b]}"
        if pair_pass[key]:
            col = pub_list.index(key)
            e = estimate(pair_value[key], 0, pair_orgs[key], reps["alignment"][:, col] if "alignment" in reps else None, B)
        else:
            e = estimate(None, 0, pair_orgs[key], reason="suppressed")
        del e["n"]
        dims = {}
        for dim in DIMENSIONS:
            v, dorgs = dim_values[dim]
            if dorgs[key] == 0:
                continue
            dims[dim] = {"value": float(v[key]) if dorgs[key] >= min_pair_orgs else None,
                         "organisations": int(dorgs[key]),
                         "reason": None if dorgs[key] >= min_pair_orgs else "suppressed"}
        e["dimensions"] = dims
        pairs_out[name] = e
    out["alignment"] = {"pairs": pairs_out, "respondent_pairs": int(keep.sum())}

    rii_out = {}
    for t_i, b in enumerate(nodes):
        others = int(inf_n.sum() - inf_n[b])
        others_orgs = int((org_roles_inf & (np.arange(R) != b)).any(axis=1).sum())
        if others < k_resp:
            rii_out[ROLES[b]] = estimate(None, others, others_orgs, reason="suppressed")
        else:
            rii_out[ROLES[b]] = estimate(rii[b], others, others_orgs,
                                         reps["rii"][:, t_i] if "rii" in reps else None, B)
    edges = {}
    for a in nodes:
        if not passes(inf_n[a], inf_orgs[a], k_resp, k_org) or inf_answered[a] <= 0:
            continue
        for b in nodes:
            if a != b and nominations[a, b] > 0:
                edges[f"{ROLES[a]}->{ROLES[b]}"] = float(nominations[a, b] / inf_answered[a])
    out["influence"] = {"nodes": [ROLES[b] for b in nodes], "rii": rii_out,
                        "pagerank": {ROLES[b]: float(pagerank[b]) for b in nodes}, "edges": edges}
    timer.add("assemble", t)
    return out


# ------------------------------------------------------------------------------------------------

def peak_rss_bytes() -> int:
    """Peak resident set size of this process (ru_maxrss is in KiB on Linux, bytes on macOS)."""
    v = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(v if sys.platform == "darwin" else v * 1024)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("csv")
    ap.add_argument("--bootstrap", type=int, default=1000, help="replicates B (0 = no intervals)")
    ap.add_argument("--seed", type=int, default=20260101)
    ap.add_argument("--out", required=True)
    ap.add_argument("--waves", help="comma-separated waves (default: every wave in the file)")
    ap.add_argument("--bootstrap-scope", choices=["all", "rsi"], default="all",
                    help="all: intervals of RSI, gradients, maturity groups, alignment pairs and RII; rsi: RSI only")
    ap.add_argument("--replicate-pagerank", choices=["networkx", "numpy"], default="networkx",
                    help="PageRank of the bootstrap replicates: networkx per replicate (default), or the same "
                         "iteration vectorised over replicates with numpy (point estimates always use networkx)")
    ap.add_argument("--k-resp", type=int, default=5)
    ap.add_argument("--k-org", type=int, default=3)
    args = ap.parse_args(argv)
    if args.bootstrap < 0:
        ap.error("--bootstrap must be >= 0")

    timer = Timer()
    wall = time.perf_counter()
    cpu = time.process_time()
    t = timer.restart()
    df = read_csv(args.csv)
    t = timer.add("read_csv", t)
    data = encode(df)
    rows_total = len(df)
    del df
    footrule = footrule_table(data["priority_lists"]) if data["priority_lists"] else np.zeros((0, 0))
    t = timer.add("encode", t)

    wave_code, wave_names = pd.factorize(data["wave"])
    present = sorted(wave_names)
    if args.waves:
        wanted = [v.strip() for v in args.waves.split(",") if v.strip()]
        missing = [v for v in wanted if v not in present]
        if missing:
            print(f"waves not in the file: {', '.join(missing)}", file=sys.stderr)
            return 2
        waves = sorted(wanted)
    else:
        waves = present
    waves_out = {}
    for position, wave in enumerate(waves):
        rows = np.flatnonzero(wave_code == list(wave_names).index(wave))
        rng = np.random.default_rng(np.random.SeedSequence([args.seed, position]))
        waves_out[wave] = analyse_wave(data, rows, footrule, args.bootstrap, rng, args.bootstrap_scope,
                                       args.k_resp, args.k_org, timer, args.replicate_pagerank)
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu

    steps = ["read_csv", "encode", "cell", "rsi", "gradients", "blockers", "alignment", "pagerank",
             "bootstrap_draws", "rsi_bootstrap", "gradients_bootstrap", "alignment_bootstrap",
             "pagerank_bootstrap", "assemble"]

    def table(source: dict, total: float) -> dict:
        out = {k: source.get(k, 0.0) for k in steps}
        out["analysis"] = sum(v for k, v in source.items() if k not in ("read_csv", "encode"))
        out["total"] = total
        return out
    result = {
        "schema": SCHEMA,
        "input": {"path": os.path.abspath(args.csv), "bytes": os.path.getsize(args.csv), "rows": rows_total},
        "settings": {"bootstrap": args.bootstrap, "seed": args.seed, "bootstrap_scope": args.bootstrap_scope,
                     "replicate_pagerank": args.replicate_pagerank,
                     "k_respondents": args.k_resp, "k_organisations": args.k_org,
                     "minimum_pair_organisations": max(args.k_resp, args.k_org), "confidence_level": LEVEL,
                     "maximum_undefined_share": MAX_UNDEFINED_SHARE, "pagerank_damping": DAMPING,
                     "pagerank_tolerance": PAGERANK_TOL, "weights": [STAGE_WEIGHT, CONFIDENCE_WEIGHT, PREPAREDNESS_WEIGHT],
                     "max_priorities": MAX_PRIORITIES},
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "pandas": pd.__version__,
                     "scipy": scipy.__version__, "networkx": nx.__version__},
        "waves": waves_out,
        "timings_seconds": table(timer.seconds, wall),
        "cpu_seconds": table(timer.cpu, cpu),
        "peak_memory_bytes": peak_rss_bytes(),
    }
    tmp = args.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=1, allow_nan=False)
        f.write("\n")
    os.replace(tmp, args.out)
    ts = result["timings_seconds"]
    print(f"{rows_total} rows, {len(waves)} waves, B = {args.bootstrap}: read {ts['read_csv']:.2f} s, "
          f"encode {ts['encode']:.2f} s, analysis {ts['analysis']:.2f} s, total {ts['total']:.2f} s "
          f"(CPU {result['cpu_seconds']['total']:.2f} s), peak {result['peak_memory_bytes'] / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    warnings.filterwarnings("ignore", category=RuntimeWarning)
    sys.exit(main())
