#!/usr/bin/env python3
"""Cross-check of RoleLayer's statistics kernels against reference libraries (issue 3).

For every statistic family this script
  1. draws random fixtures from a seeded numpy generator (sizes and shapes varied on purpose:
     ties, small n, missing values where the statistic allows them, degenerate inputs),
  2. writes them as one JSON file and runs the Swift adapter `rolelayer-crosscheck`
     (Sources/rolelayer-crosscheck), which calls the RoleLayerCore kernels and writes their values,
  3. computes the same quantities with the reference library (numpy, scipy, statsmodels,
     networkx, krippendorff; the footrule is an independent Python re-implementation), and
  4. compares them within the tolerances of shared/oracles/statistics.md §3: 1e-9 relative for
     closed forms, 1e-6 for iterative ones (PageRank, eigenvector centrality).

"Not available" is part of the contract: where the reference is undefined (NaN, infinite or it
raises) the Swift kernel must throw `StatisticError` (null in its output), and vice versa.

Usage:  python3 tools/crosscheck/crosscheck.py [--swift-bin PATH] [--seed S] [--count N]
Without --swift-bin the adapter is built with `swift build --product rolelayer-crosscheck`
and `.build/debug/rolelayer-crosscheck` is used. Exit status 0 when every family passes.
The closing line counts families: `N passed, M failed`.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import warnings
import zlib
from unittest import mock
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

warnings.filterwarnings("ignore")  # reference libraries warn on the degenerate fixtures we make on purpose

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


class Undefined(Exception):
    """The reference has no value for this fixture (NaN, infinite, or it raised)."""


# --------------------------------------------------------------------------------------------
# Tolerances
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Tol:
    """|swift - reference| <= atol + rtol * |reference| for every element.

    rtol is the tolerance of statistics.md; atol is a floor for values that are zero up to
    rounding (a statistic computed as a difference of nearly equal sums carries an absolute
    error of about 1e-16 times the scale of its inputs, so no relative tolerance can hold near
    zero). Where the floor depends on the data's scale it is multiplied by `scale(fixture)`.
    """
    rtol: float
    atol: float = 0.0
    scale: Callable[[dict], float] | None = None

    def floor(self, fixture: dict) -> float:
        return self.atol * (self.scale(fixture) if self.scale else 1.0)


CLOSED = Tol(1e-9, 1e-12)          # closed forms on a 0...1 (or unit) scale
EXACT = Tol(0.0, 0.0)              # counts, degrees of freedom, set sizes
ITERATIVE = Tol(1e-6, 1e-9)        # power iterations stopped by a tolerance (statistics.md §3)
# p-values: RoleLayer evaluates the chi-square / F / normal tails with its own regularised
# incomplete gamma and beta functions (continued fractions and series, Numerical Recipes §6.2,
# 6.4), scipy with Cephes (igamc, incbet, ndtr). The two agree to about 1e-14 relative in the
# bulk; in the far tail (p < 1e-100) both are still relative-accurate but the series differ, so
# the relative tolerance stays 1e-9 and the absolute floor is 1e-15: a p-value smaller than that
# is "0" for every decision RoleLayer makes (BH at q >= 1e-6 on at most a few thousand tests).
PVALUE = Tol(1e-9, 1e-15)


def scaled(rtol: float, atol: float, scale: Callable[[dict], float]) -> Tol:
    return Tol(rtol, atol, scale)


# --------------------------------------------------------------------------------------------
# Families
# --------------------------------------------------------------------------------------------

@dataclass
class Family:
    name: str
    kernel: str                      # RoleLayer symbol(s) checked
    reference: str                   # the library call it is checked against
    generate: Callable[[np.random.Generator, int], dict]
    compute: Callable[[dict], dict]  # reference values; raise Undefined when none
    tolerances: dict[str, Tol]       # quantity -> tolerance (quantities not listed use CLOSED)
    align: Callable[[dict, dict], dict] | None = None  # reshapes Swift values to the reference's form
    count: int | None = None         # fixtures (default: --count)


FAMILIES: list[Family] = []


def family(**kw):
    FAMILIES.append(Family(**kw))


def finite(x) -> bool:
    if x is None or isinstance(x, (str, bool)):
        return False
    try:
        return math.isfinite(float(x))   # Python and numpy scalars, 0-d arrays
    except (TypeError, ValueError):
        return False


def num(x):
    """A reference scalar as float, or None when NaN/infinite (undefined)."""
    return float(x) if finite(x) else None


def nums(xs):
    return [num(x) for x in xs]


def pick(rng: np.random.Generator, options: list):
    return options[int(rng.integers(len(options)))]


# ---- transport (harness self-check) --------------------------------------------------------

def gen_transport(rng, i):
    exps = rng.integers(-300, 300, size=50)
    vals = (rng.standard_normal(50) * 10.0 ** exps).tolist()
    vals += [5e-324, 1.7976931348623157e308, 0.1, 1 / 3, -0.0, 2.0 ** 53 + 2]
    return {"values": vals}


family(name="transport", kernel="(JSON round trip)", reference="Python float repr",
       generate=gen_transport, compute=lambda fx: {"values": fx["values"]},
       tolerances={"values": EXACT}, count=20)


# ---- weighted mean and variance ------------------------------------------------------------

def gen_moments(rng, i):
    n = int(pick(rng, [0, 1, 1, 2, 2, 3, 5, 10, 30, 100, 500]))
    kind = pick(rng, ["normal", "likert", "offset", "constant"])
    if kind == "normal":
        x = rng.normal(rng.uniform(-10, 10), rng.uniform(0.1, 10), n)
    elif kind == "likert":
        x = rng.integers(1, 6, n).astype(float)
    elif kind == "offset":  # a large mean with a small spread: cancellation would show here
        x = 1000.0 + rng.normal(0, 0.5, n)
    else:
        x = np.full(n, float(rng.integers(0, 7)))
    wkind = pick(rng, ["none", "uniform", "integer", "withzeros"])
    if wkind == "none":
        w = None
    elif wkind == "uniform":
        w = rng.uniform(0.1, 5, n)
    elif wkind == "integer":
        w = rng.integers(1, 5, n).astype(float)
    else:
        w = rng.uniform(0, 3, n) * (rng.random(n) > 0.3)
    parts = int(rng.integers(1, 5))
    splits = sorted(rng.integers(0, n + 1, size=parts - 1).tolist()) if n > 0 else []
    return {"values": x.tolist(), "weights": None if w is None else w.tolist(), "splits": splits}


def ref_moments(fx):
    x = np.array(fx["values"], float)
    w = np.ones(len(x)) if fx["weights"] is None else np.array(fx["weights"], float)
    out = {}
    if len(x) == 0 or w.sum() <= 0:
        out["mean"] = None
    else:
        out["mean"] = num(np.average(x, weights=w))
    # Reliability weights: numpy cov(aweights=w, ddof=1) = sum w (x - m)^2 / (W - sum w^2 / W).
    if (w > 0).sum() < 2:
        out["variance"] = None
    elif fx["weights"] is None:
        out["variance"] = num(np.var(x, ddof=1))
    else:
        out["variance"] = num(np.cov(x, aweights=w, ddof=1))
    out["count"] = len(x)
    out["sumOfWeights"] = float(w.sum())
    out["mergedMean"] = out["mean"]
    out["mergedVariance"] = out["variance"]
    return out


def moments_scale(fx):
    x = fx["values"]
    return max([abs(v) for v in x], default=1.0) or 1.0


def moments_var_scale(fx):
    return moments_scale(fx) ** 2


family(name="moments", kernel="WeightedMoments (init, add, merge, mean, variance)",
       reference="numpy average / var(ddof=1) / cov(aweights, ddof=1)",
       generate=gen_moments, compute=ref_moments,
       tolerances={"mean": scaled(1e-9, 1e-15, moments_scale), "mergedMean": scaled(1e-9, 1e-15, moments_scale),
                   "variance": scaled(1e-9, 1e-15, moments_var_scale),
                   "mergedVariance": scaled(1e-9, 1e-15, moments_var_scale),
                   "count": EXACT, "sumOfWeights": scaled(1e-12, 1e-15, lambda fx: len(fx["values"]) + 1)})


# ---- type-7 quantiles ----------------------------------------------------------------------

def gen_quantile(rng, i):
    n = int(pick(rng, [0, 1, 2, 3, 4, 5, 7, 10, 25, 100, 1001]))
    kind = pick(rng, ["normal", "ties", "likert"])
    if kind == "normal":
        x = rng.normal(0, 10, n)
    elif kind == "ties":
        x = np.round(rng.normal(0, 3, n), 1)
    else:
        x = rng.integers(0, 7, n).astype(float)
    ps = [0.0, 1.0, 0.5, 0.25, 0.75, 0.025, 0.975] + rng.random(3).tolist()
    return {"values": x.tolist(), "ps": ps}


def ref_quantile(fx):
    x = np.array(fx["values"], float)
    if len(x) == 0:
        raise Undefined
    return {"quantiles": np.quantile(x, fx["ps"], method="linear").tolist(),
            "median": float(np.median(x))}


family(name="quantile", kernel="Quantile.type7, Quantile.median",
       reference="numpy quantile(method='linear'), median",
       generate=gen_quantile, compute=ref_quantile,
       tolerances={"quantiles": scaled(1e-9, 1e-15, lambda fx: max([abs(v) for v in fx["values"]], default=1.0) or 1.0),
                   "median": scaled(1e-9, 1e-15, lambda fx: max([abs(v) for v in fx["values"]], default=1.0) or 1.0)})


# ---- Wilson score interval -----------------------------------------------------------------

def gen_wilson(rng, i):
    n = int(pick(rng, [0, 1, 2, 3, 5, 10, 20, 50, 100, 1000, 100000]))
    kind = pick(rng, ["count", "count", "zero", "all", "weighted"])
    if kind == "count":
        s = float(rng.integers(0, n + 1)) if n > 0 else 0.0
    elif kind == "zero":
        s = 0.0
    elif kind == "all":
        s = float(n)
    else:  # a weighted share times the unweighted n (constructs.md §3)
        s = float(rng.random() * n)
    level = float(pick(rng, [0.95, 0.95, 0.9, 0.8, 0.99, 0.999, rng.uniform(0.5, 0.999)]))
    return {"successes": s, "n": n, "level": level}


def ref_wilson(fx):
    from statsmodels.stats.proportion import proportion_confint
    if fx["n"] <= 0:
        raise Undefined
    lo, hi = proportion_confint(fx["successes"], fx["n"], alpha=1 - fx["level"], method="wilson")
    return {"lower": float(lo), "upper": float(hi)}


family(name="wilson", kernel="WilsonInterval.interval(successes:n:level:)",
       reference="statsmodels proportion_confint(method='wilson')",
       generate=gen_wilson, compute=ref_wilson, tolerances={})


# ---- chi-square test of independence -------------------------------------------------------

def gen_chisquare(rng, i):
    r = int(pick(rng, [1, 2, 2, 2, 3, 3, 4, 5, 6]))
    c = int(pick(rng, [2, 2, 2, 3, 3, 4, 5]))
    scale = float(pick(rng, [0.3, 1, 3, 10, 50, 500]))
    mu = rng.gamma(2, scale, (r, c))
    t = rng.poisson(mu).astype(float)
    if rng.random() < 0.2:          # an all-zero row or column (dropped by both sides)
        if rng.random() < 0.5:
            t[int(rng.integers(r)), :] = 0
        else:
            t[:, int(rng.integers(c))] = 0
    if rng.random() < 0.15:         # weighted (non-integer) counts
        t = t * rng.uniform(0.5, 2, (r, c))
    return {"table": t.tolist()}


def ref_chisquare(fx):
    from scipy.stats import chi2_contingency
    from scipy.stats.contingency import association
    from statsmodels.stats.contingency_tables import Table
    t = np.array(fx["table"], float)
    rows = np.flatnonzero(t.sum(axis=1) > 0)
    cols = np.flatnonzero(t.sum(axis=0) > 0)
    if len(rows) < 2 or len(cols) < 2:
        raise Undefined
    k = t[np.ix_(rows, cols)]
    res = chi2_contingency(k, correction=False)
    g = chi2_contingency(k, correction=False, lambda_="log-likelihood")
    expected = np.zeros_like(t)
    expected[np.ix_(rows, cols)] = res.expected_freq
    resid = np.zeros_like(t)
    resid[np.ix_(rows, cols)] = Table(k, shift_zeros=False).standardized_resids
    out = {}
    if np.all(k == np.round(k)):  # scipy's association() accepts integer tables only
        ki = k.astype(np.int64)
        out = {"cramersV": float(association(ki, method="cramer", correction=False)),
               "tschuprowsT": float(association(ki, method="tschuprow", correction=False)),
               "pearsonsC": float(association(ki, method="pearson", correction=False))}
    return out | {
        "statistic": float(res.statistic), "degreesOfFreedom": int(res.dof), "pValue": float(res.pvalue),
        "gStatistic": float(g.statistic), "gPValue": float(g.pvalue),
        "expected": expected.tolist(), "adjustedResiduals": resid.tolist(),
        "keptRows": rows.tolist(), "keptColumns": cols.tolist(),
    }


family(name="chi-square", kernel="ChiSquare.independence",
       reference="scipy chi2_contingency(correction=False[, lambda_='log-likelihood']), "
                 "scipy.stats.contingency.association, statsmodels Table.standardized_resids",
       generate=gen_chisquare, compute=ref_chisquare,
       tolerances={"statistic": scaled(1e-9, 1e-12, lambda fx: 1 + sum(map(sum, fx["table"]))),
                   "gStatistic": scaled(1e-9, 1e-12, lambda fx: 1 + sum(map(sum, fx["table"]))),
                   "degreesOfFreedom": EXACT, "pValue": PVALUE, "gPValue": PVALUE,
                   "expected": scaled(1e-9, 1e-12, lambda fx: 1 + sum(map(sum, fx["table"]))),
                   "adjustedResiduals": CLOSED, "keptRows": EXACT, "keptColumns": EXACT})


# ---- multiple testing ----------------------------------------------------------------------

def gen_multiple(rng, i):
    m = int(pick(rng, [0, 1, 2, 3, 5, 10, 20, 50, 200]))
    kind = pick(rng, ["uniform", "signal", "ties", "extremes"])
    if kind == "uniform":
        p = rng.random(m)
    elif kind == "signal":
        p = np.where(rng.random(m) < 0.4, rng.beta(0.1, 5, m), rng.random(m))
    elif kind == "ties":
        p = np.round(rng.random(m), 2)
    else:
        p = rng.choice([0.0, 1.0, 0.05, 1e-300, 0.5], m)
    p = p.tolist()
    for j in range(m):
        if rng.random() < 0.1:
            p[j] = None  # not available: left out of m, nil in its place
    return {"p": p}


def ref_multiple(fx):
    from scipy.stats import false_discovery_control
    from statsmodels.stats.multitest import multipletests
    p = fx["p"]
    idx = [j for j, v in enumerate(p) if v is not None]
    valid = np.array([p[j] for j in idx], float)
    out = {k: [None] * len(p) for k in ("bh", "by", "holm")}
    if len(idx):
        # multipletests ends with a gc.collect() (0.2 s a call); skip it, it changes no value
        with mock.patch("gc.collect", lambda *a: 0):
            holm = multipletests(valid, method="holm")[1]
        for name, vals in (("bh", false_discovery_control(valid, method="bh")),
                           ("by", false_discovery_control(valid, method="by")),
                           ("holm", holm)):
            for j, v in zip(idx, vals):
                out[name][j] = float(v)
    return out


family(name="multiple-testing", kernel="BenjaminiHochberg.adjust, BenjaminiYekutieli.adjust, Holm.adjust",
       reference="scipy false_discovery_control(method='bh'/'by'), statsmodels multipletests(method='holm')",
       generate=gen_multiple, compute=ref_multiple,
       tolerances={"bh": Tol(1e-9, 1e-15), "by": Tol(1e-9, 1e-15), "holm": Tol(1e-9, 1e-15)})


# ---- Jensen-Shannon divergence -------------------------------------------------------------

def gen_jsd(rng, i):
    k = int(pick(rng, [1, 2, 2, 3, 4, 6, 10, 20]))
    kind = pick(rng, ["dirichlet", "counts", "sparse", "identical", "near", "disjoint", "zero"])
    p = rng.dirichlet(np.ones(k))
    q = rng.dirichlet(np.ones(k))
    if kind == "counts":
        p, q = rng.integers(0, 10, k).astype(float), rng.integers(0, 10, k).astype(float)
        p[int(rng.integers(k))] += 1
        q[int(rng.integers(k))] += 1
    elif kind == "sparse":
        p = p * (rng.random(k) < 0.5)
        q = q * (rng.random(k) < 0.5)
        p[int(rng.integers(k))] += 0.1
        q[int(rng.integers(k))] += 0.1
    elif kind == "identical":
        q = p * float(rng.uniform(0.5, 3))  # the same distribution on another scale
    elif kind == "near":
        q = p * (1 + rng.normal(0, 1e-4, k))
    elif kind == "disjoint" and k >= 2:
        cut = int(rng.integers(1, k))
        p[cut:] = 0
        q[:cut] = 0
    elif kind == "zero":
        p = np.zeros(k)
    return {"p": p.tolist(), "q": q.tolist()}


def ref_jsd(fx):
    from scipy.spatial.distance import jensenshannon
    p, q = np.array(fx["p"]), np.array(fx["q"])
    if p.sum() <= 0 or q.sum() <= 0:
        raise Undefined
    d = float(jensenshannon(p, q, base=2))
    if not math.isfinite(d):
        # scipy returns NaN when rounding makes the divergence a hair below 0 (equal or nearly
        # equal inputs: sqrt of a negative). The reference there is the same sum scipy forms,
        # from scipy.special.rel_entr, clipped at 0.
        from scipy.special import rel_entr
        p, q = p / p.sum(), q / q.sum()
        m = (p + q) / 2
        js = max(0.0, float((rel_entr(p, m).sum() + rel_entr(q, m).sum()) / 2 / math.log(2)))
        return {"divergence": js, "distance": math.sqrt(js)}
    return {"divergence": d * d, "distance": d}


family(name="jensen-shannon", kernel="JensenShannon.divergence, JensenShannon.distance (base 2)",
       reference="scipy.spatial.distance.jensenshannon(p, q, base=2) (distance; squared for the divergence)",
       generate=gen_jsd, compute=ref_jsd,
       # scipy sums p·log(p/m) terms whose total cancels to ~1e-17 absolute for equal inputs, so the
       # divergence has a 1e-15 floor, and the distance √JSD a floor of √1e-15 ≈ 3.2e-8 (a
       # divergence of 1e-16 ± 1e-17 has a distance of 1e-8 ± 5e-10).
       tolerances={"divergence": Tol(1e-9, 1e-15), "distance": Tol(1e-9, 3.2e-8)})


# ---- Jaccard distance ----------------------------------------------------------------------

def gen_jaccard(rng, i):
    size = int(pick(rng, [1, 3, 8, 20, 64]))
    kind = pick(rng, ["random", "random", "empty-both", "empty-one", "equal", "subset"])
    a = (rng.random(size) < rng.random()).astype(bool)
    b = (rng.random(size) < rng.random()).astype(bool)
    if kind == "empty-both":
        a[:] = False
        b[:] = False
    elif kind == "empty-one":
        a[:] = False
    elif kind == "equal":
        b = a.copy()
    elif kind == "subset":
        b = a & (rng.random(size) < 0.5)
    return {"a": np.flatnonzero(a).tolist(), "b": np.flatnonzero(b).tolist(), "bits": size}


def ref_jaccard(fx):
    from scipy.spatial.distance import jaccard
    u = np.zeros(fx["bits"], bool)
    v = np.zeros(fx["bits"], bool)
    u[fx["a"]] = True
    v[fx["b"]] = True
    d = float(jaccard(u, v))  # scipy returns 0 when both are empty (RoleLayer's convention too)
    return {"distance": d, "similarity": 1 - d}


family(name="jaccard", kernel="Jaccard.distance, Jaccard.similarity (UInt64 bitsets)",
       reference="scipy.spatial.distance.jaccard on boolean vectors",
       generate=gen_jaccard, compute=ref_jaccard, tolerances={"distance": Tol(1e-15, 0), "similarity": Tol(1e-15, 1e-16)})


# ---- top-k Spearman footrule ---------------------------------------------------------------

def gen_footrule(rng, i):
    k = int(pick(rng, [1, 2, 3, 3, 3, 4, 5, 8]))
    universe = int(rng.integers(k, 2 * k + 3))
    la = int(rng.integers(0 if rng.random() < 0.05 else 1, k + 1))
    lb = int(rng.integers(0 if rng.random() < 0.05 else 1, k + 1))
    a = rng.permutation(universe)[:la].tolist()
    b = rng.permutation(universe)[:lb].tolist()
    if rng.random() < 0.1:
        b = list(a)
    return {"a": a, "b": b, "k": k}


def footrule_F(a: list, b: list, l: int) -> int:
    """F^(l) of Fagin, Kumar & Sivakumar (2003, SIAM J. Discrete Math. 17:134-160, §3.1):
    the L1 distance between the two lists' rank functions extended by placing every item absent
    from a list at position l."""
    pos_a = {item: r + 1 for r, item in enumerate(a)}
    pos_b = {item: r + 1 for r, item in enumerate(b)}
    return sum(abs(pos_a.get(i, l) - pos_b.get(i, l)) for i in set(a) | set(b))


def ref_footrule(fx):
    # An independent re-implementation (not a library): the definition above, with l = k + 1 and
    # constructs.md §4's normalisation "divided by its value for two disjoint lists of the same
    # two lengths", evaluated literally on two freshly built disjoint lists.
    a, b, k = fx["a"], fx["b"], fx["k"]
    if not a or not b:
        raise Undefined
    l = k + 1
    disjoint_a = [("a", r) for r in range(len(a))]
    disjoint_b = [("b", r) for r in range(len(b))]
    return {"distance": footrule_F(a, b, l) / footrule_F(disjoint_a, disjoint_b, l)}


family(name="footrule", kernel="SpearmanFootrule.normalisedDistance(_:_:k:)",
       reference="independent Python re-implementation of Fagin, Kumar & Sivakumar (2003) F^(l), l = k+1",
       generate=gen_footrule, compute=ref_footrule, tolerances={})


# ---- Kendall tau-b -------------------------------------------------------------------------

def gen_kendall_tau(rng, i):
    n = int(pick(rng, [1, 2, 3, 4, 5, 8, 10, 20, 33, 34, 50, 100]))
    kind = pick(rng, ["continuous", "continuous", "likert", "ranks", "constant"])
    if kind == "continuous":
        x = rng.normal(0, 1, n)
        y = rng.uniform(-1, 1) * x + rng.normal(0, 1, n)
    elif kind == "likert":
        x = rng.integers(1, 6, n).astype(float)
        y = np.clip(x + rng.integers(-2, 3, n), 1, 5).astype(float)
    elif kind == "ranks":
        x = rng.permutation(n).astype(float) + 1
        y = rng.permutation(n).astype(float) + 1
    else:
        x = np.full(n, 3.0)
        y = rng.normal(0, 1, n)
        if rng.random() < 0.5:
            x, y = y, x
    return {"x": x.tolist(), "y": y.tolist()}


def ref_kendall_tau(fx):
    from scipy.stats import kendalltau
    if len(fx["x"]) < 2:
        raise Undefined
    r = kendalltau(fx["x"], fx["y"])
    if not (finite(r.statistic) and finite(r.pvalue)):
        raise Undefined
    return {"tau": float(r.statistic), "pValue": float(r.pvalue)}


family(name="kendall-tau", kernel="KendallTau.tauB", reference="scipy kendalltau (variant 'b', method 'auto')",
       generate=gen_kendall_tau, compute=ref_kendall_tau, tolerances={"tau": CLOSED, "pValue": PVALUE})


# ---- Kendall's W ---------------------------------------------------------------------------

def gen_kendall_w(rng, i):
    m = int(pick(rng, [2, 3, 4, 6, 8, 12, 20]))      # judges (waves)
    n = int(pick(rng, [3, 3, 4, 5, 7, 10]))          # objects (roles)
    kind = pick(rng, ["random", "concordant", "likert", "alltied"])
    if kind == "random":
        data = np.array([rng.permutation(n) + 1 for _ in range(m)], float)
    elif kind == "concordant":
        base = rng.normal(0, 1, n)
        data = base + rng.normal(0, rng.uniform(0.1, 2), (m, n))
    elif kind == "likert":
        data = rng.integers(1, 5, (m, n)).astype(float)
    else:
        data = np.ones((m, n))
        if rng.random() < 0.5:
            data[0] = rng.permutation(n) + 1
    return {"ranks": data.tolist()}


def ref_kendall_w(fx):
    from scipy.stats import friedmanchisquare
    data = np.array(fx["ranks"], float)    # [judge][object]
    m, n = data.shape
    res = friedmanchisquare(*[data[:, j] for j in range(n)])  # one sample per object
    if not (finite(res.statistic) and finite(res.pvalue)):
        raise Undefined
    chi2 = float(res.statistic)
    return {"w": chi2 / (m * (n - 1)), "friedmanChiSquare": chi2, "pValue": float(res.pvalue)}


family(name="kendall-w", kernel="KendallW.test(ranks:)",
       reference="scipy friedmanchisquare (tie-corrected); W = chi2 / (m (n - 1))",
       generate=gen_kendall_w, compute=ref_kendall_w,
       tolerances={"w": CLOSED, "friedmanChiSquare": scaled(1e-9, 1e-12, lambda fx: len(fx["ranks"]) * len(fx["ranks"][0])),
                   "pValue": PVALUE})


# ---- Krippendorff's alpha ------------------------------------------------------------------

def gen_krippendorff(rng, i):
    metric = ["nominal", "ordinal", "interval", "ratio"][i % 4]
    units = int(pick(rng, [1, 2, 3, 5, 10, 10, 20, 20, 50]))
    coders = int(pick(rng, [2, 2, 3, 4, 6, 10]))
    missing = float(pick(rng, [0, 0, 0.2, 0.2, 0.5, 0.8]))
    kind = pick(rng, ["categories", "categories", "reals", "agree", "constant"])
    if kind == "categories" or (kind == "reals" and metric in ("nominal", "ordinal")):
        v = int(rng.integers(2, 8))
        truth = rng.integers(1, v + 1, units)
        data = np.where(rng.random((units, coders)) < 0.6, truth[:, None], rng.integers(1, v + 1, (units, coders))).astype(float)
    elif kind == "reals":
        data = rng.normal(5, 2, (units, 1)) + rng.normal(0, 1, (units, coders))
        data = np.abs(data) + 0.1
    elif kind == "agree":
        data = np.repeat(rng.integers(1, 4, (units, 1)), coders, axis=1).astype(float)
        data[int(rng.integers(units)), int(rng.integers(coders))] = 4
    else:
        data = np.full((units, coders), float(pick(rng, [2.0, 0.1, 2.7])))
    out = [[None if rng.random() < missing else float(x) for x in row] for row in data]
    return {"data": out, "metric": metric}


def ref_krippendorff(fx):
    import krippendorff
    data = np.array([[np.nan if x is None else x for x in row] for row in fx["data"]], float)
    pairable = (np.sum(~np.isnan(data), axis=1) >= 2)
    if not pairable.any() or len(np.unique(data[pairable][~np.isnan(data[pairable])])) < 2:
        raise Undefined  # no pairable unit, or D_e = 0 (one distinct pairable value)
    try:
        a = krippendorff.alpha(reliability_data=data.T, level_of_measurement=fx["metric"])
    except (ValueError, ZeroDivisionError) as e:
        raise Undefined from e
    if not finite(a):
        raise Undefined
    return {"alpha": float(a)}


family(name="krippendorff", kernel="KrippendorffAlpha.alpha(_:metric:) (nominal, ordinal, interval, ratio)",
       reference="krippendorff.alpha(reliability_data=coders x units, level_of_measurement=...)",
       generate=gen_krippendorff, compute=ref_krippendorff, tolerances={"alpha": CLOSED}, count=480)


# ---- one-way ANOVA and ICC(1)/ICC(2) -------------------------------------------------------

def gen_oneway(rng, i):
    g = int(pick(rng, [1, 2, 2, 2, 3, 3, 4, 6, 10]))
    sizes = [int(pick(rng, [1, 2, 3, 5, 8, 20, 50])) for _ in range(g)]
    kind = pick(rng, ["normal"] * 6 + ["likert"] * 3 + ["singletons", "constant", "constant-within"])
    if kind == "singletons":
        sizes = [1] * g
    values, groups = [], []
    effects = rng.normal(0, pick(rng, [0, 0.3, 1, 3]), g)
    constant = float(pick(rng, [4.0, 0.1, 2.7, 1 / 3]))   # not all dyadic: their means carry rounding
    for j, s in enumerate(sizes):
        if kind == "normal":
            v = effects[j] + rng.normal(0, 1, s) + 50
        elif kind == "likert":
            v = np.clip(np.round(3 + effects[j] + rng.normal(0, 1, s)), 1, 5)
        elif kind == "constant":
            v = np.full(s, constant)
        elif kind == "constant-within":
            v = np.full(s, float(j) * constant)
        else:
            v = rng.normal(0, 1, s)
        values += v.tolist()
        groups += [j] * s
    order = rng.permutation(len(values))
    # group labels need not be 0...G-1 in order: use sparse dense indices
    label = rng.permutation(g) * int(pick(rng, [1, 1, 3]))
    return {"values": [values[k] for k in order], "groups": [int(label[groups[k]]) for k in order]}


def _oneway_table(fx):
    """SS_between and SS_within by numpy's two-pass sums over the groups (the F and p of
    scipy's f_oneway, compared alongside, check them independently)."""
    y = np.array(fx["values"], float)
    g = np.array(fx["groups"])
    labels = np.unique(g)
    G, N = len(labels), len(y)
    if N == 0 or G < 2 or N == G or np.all(y == y[0]):
        raise Undefined
    grand = y.mean()
    ssb = float(sum(np.sum(g == lab) * (y[g == lab].mean() - grand) ** 2 for lab in labels))
    ssw = float(sum(np.sum((y[g == lab] - y[g == lab].mean()) ** 2) for lab in labels))
    return y, g, G, N, ssb, ssw


def ref_oneway(fx):
    from scipy.stats import f_oneway
    y, g, G, N, ssb, ssw = _oneway_table(fx)
    res = f_oneway(*[y[g == lab] for lab in np.unique(g)])
    msb, msw = ssb / (G - 1), ssw / (N - G)
    sst = ssb + ssw
    return {"ssBetween": ssb, "ssWithin": ssw, "dfBetween": G - 1, "dfWithin": N - G,
            "f": num(res.statistic) if ssw > 1e-12 * sst else None,
            "pValue": num(res.pvalue) if ssw > 1e-12 * sst else None,
            "etaSquared": ssb / sst,
            "omegaSquared": (ssb - (G - 1) * msw) / (sst + msw),
            "epsilonSquared": (ssb - (G - 1) * msw) / sst}


def anova_scale(fx):
    y = np.array(fx["values"], float)
    return float(np.sum((y - y.mean()) ** 2)) if len(y) else 1.0


family(name="anova-oneway", kernel="AnalysisOfVariance.oneWay(values:groups:)",
       reference="scipy f_oneway (F, p); numpy two-pass SS between/within; η², ω², ε² from those SS",
       generate=gen_oneway, compute=ref_oneway,
       tolerances={"ssBetween": scaled(1e-9, 1e-12, anova_scale), "ssWithin": scaled(1e-9, 1e-12, anova_scale),
                   "dfBetween": EXACT, "dfWithin": EXACT,
                   # F divides by MSW; when SSW is tiny against SST both sides lose digits alike
                   "f": Tol(1e-8, 1e-9), "pValue": PVALUE,
                   "etaSquared": CLOSED, "omegaSquared": CLOSED, "epsilonSquared": CLOSED})


def ref_icc(fx):
    y, g, G, N, ssb, ssw = _oneway_table(fx)
    msb, msw = ssb / (G - 1), ssw / (N - G)
    sizes = np.array([np.sum(g == lab) for lab in np.unique(g)], float)
    k_mean = N / G                                           # multilevel::ICC1
    k_n0 = (N - np.sum(sizes ** 2) / N) / (G - 1)            # Searle, Casella & McCulloch 1992
    out = {"icc1": (msb - msw) / (msb + (k_mean - 1) * msw),
           "icc1n0": (msb - msw) / (msb + (k_n0 - 1) * msw),
           # all group means equal: MSB = 0 and ICC(2) is undefined; a computed SSB is then
           # rounding noise (~1e-31), so "zero" is SSB <= 1e-12 SST
           "icc2": (msb - msw) / msb if ssb > 1e-12 * (ssb + ssw) else None}
    return out


family(name="icc", kernel="IntraclassCorrelation.icc1 (k = N/G and n0), icc2",
       reference="Bliese (2000) formulas on numpy's one-way mean squares",
       generate=gen_oneway, compute=ref_icc, tolerances={"icc1": CLOSED, "icc1n0": CLOSED, "icc2": CLOSED})


# ---- two-factor additive ANOVA, Type II SS -------------------------------------------------

def gen_twofactor(rng, i):
    n = int(pick(rng, [6, 8, 10, 15, 30, 60, 200]))
    la, lb = int(pick(rng, [2, 2, 3, 4, 6])), int(pick(rng, [2, 2, 3, 5]))
    a = rng.integers(0, la, n)
    confound = float(pick(rng, [0, 0.3, 0.7]))  # role and stage correlated (unbalanced design)
    b = np.where(rng.random(n) < confound, a % lb, rng.integers(0, lb, n))
    # every level of each factor observed at least once
    a[:la] = np.arange(la)
    b[la:la + lb] = np.arange(lb) if n >= la + lb else b[la:la + lb]
    ea, eb = rng.normal(0, 1, la), rng.normal(0, 1, lb)
    y = 10 + ea[a] + eb[b] + rng.normal(0, pick(rng, [0.5, 1, 3]), n)
    if rng.random() < 0.3:
        y = np.clip(np.round(y - 7), 1, 5)
    if rng.random() < 0.05:   # all outcomes equal: not available
        y = np.full(n, float(pick(rng, [3.0, 0.1, 2.7])))
    w = rng.uniform(0.2, 3, n).tolist() if rng.random() < 0.3 else None
    return {"y": y.tolist(), "a": a.tolist(), "b": b.tolist(), "weights": w}


def ref_twofactor(fx):
    import pandas as pd
    import statsmodels.formula.api as smf
    from scipy.stats import f as f_dist
    from statsmodels.stats.anova import anova_lm
    df = pd.DataFrame({"y": fx["y"], "a": fx["a"], "b": fx["b"]})
    w = np.ones(len(df)) if fx["weights"] is None else np.array(fx["weights"], float)

    def fit(formula):
        return smf.wls(formula, df, weights=w).fit()
    full, only_a, only_b = fit("y ~ C(a) + C(b)"), fit("y ~ C(a)"), fit("y ~ C(b)")
    if len(set(fx["y"])) < 2:
        raise Undefined  # all outcomes equal (tested exactly: a computed SST is rounding noise there)
    sst = float(full.centered_tss)
    # Type II SS by its definition (Herr 1986), as model comparisons of statsmodels fits: SS_II(A)
    # = RSS(B) - RSS(A + B), df_A = rank(A + B) - rank(B). statsmodels' fits use the pseudo-inverse,
    # so this also covers designs where a level of one factor is aliased with the other (small
    # cohorts), where anova_lm(typ=2)'s Wald tests refuse to run.
    rss = float(full.ssr)
    ssa, ssb = float(only_b.ssr) - rss, float(only_a.ssr) - rss
    dfa, dfb = int(round(full.df_model - only_b.df_model)), int(round(full.df_model - only_a.df_model))
    dfr = int(round(full.df_resid))
    perfect = rss <= 1e-12 * sst
    out = {"ssTotal": sst, "typeIISSA": ssa, "typeIISSB": ssb, "residualSS": rss,
           "dfA": dfa, "dfB": dfb, "residualDF": dfr}
    full_rank = full.df_model == (len(set(fx["a"])) - 1) + (len(set(fx["b"])) - 1)
    if full_rank and dfr > 0 and not perfect:
        tab = anova_lm(full, typ=2)   # the library's own Type II table where it is defined
        out |= {"typeIISSA": float(tab["sum_sq"]["C(a)"]), "typeIISSB": float(tab["sum_sq"]["C(b)"]),
                "residualSS": float(tab["sum_sq"]["Residual"]),
                "fA": float(tab["F"]["C(a)"]), "pA": float(tab["PR(>F)"]["C(a)"]),
                "fB": float(tab["F"]["C(b)"]), "pB": float(tab["PR(>F)"]["C(b)"])}
    elif dfr > 0 and not perfect:
        for key, ss, d in (("A", ssa, dfa), ("B", ssb, dfb)):
            f = (ss / d) / (rss / dfr) if d > 0 else None
            out["f" + key] = f
            out["p" + key] = float(f_dist.sf(f, d, dfr)) if f is not None else None
    # else: the additive model fits exactly (RSS is rounding noise, or no residual df); F and its
    # p-value have no reference value (statsmodels returns noise or raises) and are not compared.
    r2a, r2b, r2 = float(only_a.rsquared), float(only_b.rsquared), float(full.rsquared)
    out |= {"etaSquaredA": r2a, "etaSquaredB": r2b, "rSquared": r2,
            "lmgA": 0.5 * (r2a + r2 - r2b), "lmgB": 0.5 * (r2b + r2 - r2a)}
    for key, ss in (("A", out["typeIISSA"]), ("B", out["typeIISSB"])):
        if not (perfect and ss <= 1e-12 * sst):   # 0/0 up to rounding: no reference value
            out["partialEtaSquared" + key] = ss / (ss + out["residualSS"]) if ss + out["residualSS"] > 0 else None
    return out


def twofactor_scale(fx):
    y = np.array(fx["y"], float)
    w = np.ones(len(y)) if fx["weights"] is None else np.array(fx["weights"], float)
    m = np.average(y, weights=w)
    return float(np.sum(w * (y - m) ** 2)) or 1.0


family(name="anova-twofactor", kernel="AnalysisOfVariance.twoFactorAdditive (Type II SS, η², partial η², LMG)",
       reference="statsmodels anova_lm(wls('y ~ C(a) + C(b)'), typ=2); R² of the one-factor fits for η² and LMG",
       generate=gen_twofactor, compute=ref_twofactor,
       tolerances={k: scaled(1e-9, 1e-12, twofactor_scale) for k in ("ssTotal", "typeIISSA", "typeIISSB", "residualSS")}
       | {"dfA": EXACT, "dfB": EXACT, "residualDF": EXACT, "fA": Tol(1e-8, 1e-9), "fB": Tol(1e-8, 1e-9),
          "pA": PVALUE, "pB": PVALUE})


# ---- ordinary least squares slope ----------------------------------------------------------

def gen_ols(rng, i):
    n = int(pick(rng, [1, 2, 3, 4, 5, 8, 20, 100]))
    kind = pick(rng, ["continuous", "waves", "ties", "constant-x", "constant-y", "exact"])
    x = rng.normal(0, 3, n) if kind == "continuous" else rng.integers(0, 8, n).astype(float)
    if kind == "waves":
        x = np.arange(n, dtype=float)
    # constants that are not dyadic fractions, so a computed mean of them carries rounding
    constant = float(pick(rng, [2.0, 1.5, 0.1, 2.7, 1 / 3]))
    if kind == "constant-x":
        x = np.full(n, constant)
    y = rng.normal(0, 5) + rng.normal(0, 2) * x + rng.normal(0, 1, n)
    if kind == "constant-y":
        y = np.full(n, constant)
    if kind == "exact":
        y = 0.5 - 0.25 * x
    w = rng.uniform(0.1, 4, n).tolist() if rng.random() < 0.3 else None
    return {"x": x.tolist(), "y": y.tolist(), "weights": w}


def ref_ols(fx):
    import statsmodels.api as sm
    from scipy.stats import linregress
    x, y = np.array(fx["x"], float), np.array(fx["y"], float)
    n = len(x)
    if n < 2 or np.all(x == x[0]):
        raise Undefined
    w = np.ones(n) if fx["weights"] is None else np.array(fx["weights"], float)
    model = sm.WLS(y, sm.add_constant(x, has_constant="add"), weights=w).fit()
    out = {"slope": float(model.params[1]), "intercept": float(model.params[0])}
    if fx["weights"] is None:
        lr = linregress(x, y)
        out["slope"], out["intercept"] = float(lr.slope), float(lr.intercept)
        out["slopeOnly"], out["interceptOnly"] = out["slope"], out["intercept"]   # OrdinaryLeastSquares.slope
    # R² is undefined for constant y (Syy = 0; OrdinaryLeastSquares documents nil there). Test
    # the input exactly: a weighted Syy computed in floating point is rounding noise, not 0.
    out["rSquared"] = None if np.all(y == y[0]) else float(model.rsquared)
    out["slopeStandardError"] = float(model.bse[1]) if n >= 3 else None
    return out


def ols_scale(fx):
    x, y = np.array(fx["x"], float), np.array(fx["y"], float)
    if len(x) < 2:
        return 1.0
    return float(np.std(y) / max(np.std(x), 1e-300) + 1)


family(name="ols", kernel="OrdinaryLeastSquares.fit(x:y:weights:) (slope, intercept, R², slope SE)",
       reference="scipy linregress (unweighted slope, intercept); statsmodels WLS (weighted fit, R², slope SE from residuals)",
       generate=gen_ols, compute=ref_ols,
       tolerances={"slope": scaled(1e-9, 1e-12, ols_scale),
                   "intercept": scaled(1e-9, 1e-12, lambda fx: 1 + max(map(abs, fx["y"]), default=0) + ols_scale(fx) * max(map(abs, fx["x"]), default=0)),
                   "rSquared": CLOSED, "slopeStandardError": scaled(1e-9, 1e-12, ols_scale)}
       | {"slopeOnly": scaled(1e-9, 1e-12, ols_scale),
          "interceptOnly": scaled(1e-9, 1e-12, lambda fx: 1 + max(map(abs, fx["y"]), default=0) + ols_scale(fx) * max(map(abs, fx["x"]), default=0))})


# ---- Fleiss' kappa, Cochran's Q, Somers' D (further kernels with a library oracle) --------

def gen_fleiss(rng, i):
    subjects = int(pick(rng, [1, 2, 3, 5, 10, 30]))
    categories = int(pick(rng, [2, 3, 5]))
    raters = int(pick(rng, [2, 3, 5, 14]))
    kind = pick(rng, ["random"] * 4 + ["agree", "agree", "one-category"])
    counts = []
    for _ in range(subjects):
        if kind == "agree":
            p = np.full(categories, 0.1 / categories)
            p[int(rng.integers(categories))] += 0.9
        else:
            p = rng.dirichlet(np.ones(categories))
        counts.append(rng.multinomial(raters, p / p.sum()).tolist())
    if kind == "one-category":
        counts = [[raters] + [0] * (categories - 1) for _ in range(subjects)]
    return {"counts": counts}


def ref_fleiss(fx):
    from statsmodels.stats.inter_rater import fleiss_kappa
    k = fleiss_kappa(np.array(fx["counts"]), method="fleiss")
    if not finite(k):
        raise Undefined   # every rating in one category (P_e = 1)
    return {"kappa": float(k)}


family(name="fleiss-kappa", kernel="FleissKappa.estimate", reference="statsmodels fleiss_kappa(method='fleiss')",
       generate=gen_fleiss, compute=ref_fleiss, tolerances={})


def gen_cochran(rng, i):
    n = int(pick(rng, [1, 2, 4, 10, 30, 100]))
    k = int(pick(rng, [2, 3, 5, 8]))
    share = rng.uniform(0.05, 0.95, k)
    x = rng.random((n, k)) < share
    if rng.random() < 0.1:
        x[:] = rng.random((n, 1)) < 0.5   # every respondent all-or-nothing: Q undefined
    return {"responses": x.tolist()}


def ref_cochran(fx):
    from statsmodels.stats.contingency_tables import cochrans_q
    x = np.array(fx["responses"], int)
    rows = x.sum(axis=1)
    if np.all((rows == 0) | (rows == x.shape[1])):
        raise Undefined   # denominator k T - sum R^2 = 0
    r = cochrans_q(x)
    return {"statistic": float(r.statistic), "degreesOfFreedom": int(r.df), "pValue": float(r.pvalue)}


family(name="cochran-q", kernel="CochranQ.test", reference="statsmodels cochrans_q",
       generate=gen_cochran, compute=ref_cochran,
       tolerances={"statistic": scaled(1e-9, 1e-12, lambda fx: len(fx["responses"]) + 1),
                   "degreesOfFreedom": EXACT, "pValue": PVALUE})


def gen_somers(rng, i):
    n = int(pick(rng, [1, 2, 3, 5, 10, 10, 30, 30, 80]))
    x = rng.integers(1, int(pick(rng, [2, 3, 5, 7])) + 1, n).astype(float)
    y = np.clip(x + rng.integers(-2, 3, n), 1, 7).astype(float)
    if rng.random() < 0.3:
        y = rng.normal(0, 1, n)
    if rng.random() < 0.05:
        x = np.full(n, 2.7)
    return {"x": x.tolist(), "y": y.tolist()}


def ref_somers(fx):
    from scipy.stats import somersd
    if len(fx["x"]) < 2 or len(set(fx["x"])) < 2:
        raise Undefined   # no pair untied on X
    if len(set(fx["y"])) < 2:
        # scipy returns NaN for a constant Y; the formula (n_c - n_d) / (pairs untied on X) gives
        # 0 / positive = 0, which RoleLayer returns (a convention difference, see README)
        return {"d": 0.0}
    return {"d": float(somersd(fx["x"], fx["y"]).statistic)}


family(name="somers-d", kernel="SomersD.d(y:x:)", reference="scipy somersd(x, y) (D(Y|X))",
       generate=gen_somers, compute=ref_somers, tolerances={})


# ---- PageRank ------------------------------------------------------------------------------

def gen_pagerank(rng, i):
    n = int(pick(rng, [1, 2, 3, 4, 6, 8, 10, 12, 20]))
    density = float(rng.uniform(0.1, 0.9))
    w = np.where(rng.random((n, n)) < density, rng.uniform(0.05, 3, (n, n)), 0.0)
    if rng.random() < 0.3:
        w = np.round(w)  # integer nomination counts
    np.fill_diagonal(w, 0)
    if n > 1 and rng.random() < 0.5:   # dangling nodes (roles nominating nobody)
        w[rng.random(n) < 0.3, :] = 0
    damping = float(pick(rng, [0.85, 0.85, 0.5, 0.9, 0.99, 0.0, rng.uniform(0, 0.99)]))
    dangling = None
    if rng.random() < 0.3:
        d = rng.uniform(0, 3, n) * (rng.random(n) < 0.7)
        d[int(rng.integers(n))] += 1
        dangling = d.tolist()
    return {"weights": w.tolist(), "damping": damping, "dangling": dangling,
            "tolerance": 1e-13, "maxIterations": 100000}


def ref_pagerank(fx):
    import networkx as nx
    w = np.array(fx["weights"], float)
    n = len(w)
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    for a in range(n):
        for b in range(n):
            if w[a, b] > 0:
                G.add_edge(a, b, weight=float(w[a, b]))
    dangling = None if fx["dangling"] is None else {j: float(v) for j, v in enumerate(fx["dangling"])}
    pr = nx.pagerank(G, alpha=fx["damping"], weight="weight", dangling=dangling, tol=1e-14, max_iter=100000)
    return {"scores": [pr[j] for j in range(n)]}


family(name="pagerank", kernel="PageRank.scores(weights:damping:dangling:tolerance:maximumIterations:)",
       reference="networkx pagerank(weight='weight', dangling=..., tol=1e-14)",
       generate=gen_pagerank, compute=ref_pagerank, tolerances={"scores": ITERATIVE})


# ---- centralities --------------------------------------------------------------------------

def gen_centrality(rng, i):
    n = int(pick(rng, [1, 2, 3, 4, 6, 8, 10, 15]))
    directed = bool(rng.random() < 0.5)
    p = float(rng.uniform(0.1, 0.8))
    edges = []
    for a in range(n):
        for b in range(n):
            if a != b and (directed or a < b) and rng.random() < p:
                edges.append([a, b])
    return {"nodes": n, "edges": edges, "directed": directed}


def ref_centrality(fx):
    import networkx as nx
    n = fx["nodes"]
    G = nx.DiGraph() if fx["directed"] else nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from(map(tuple, fx["edges"]))
    order = range(n)
    out = {
        "degree": [nx.degree_centrality(G)[v] for v in order] if n > 1 else [1.0] * n,
        "closeness": [nx.closeness_centrality(G)[v] for v in order],
        "betweenness": [nx.betweenness_centrality(G, normalized=True)[v] for v in order],
        "betweennessRaw": [nx.betweenness_centrality(G, normalized=False)[v] for v in order],
    }
    if fx["directed"]:
        out["inDegree"] = [nx.in_degree_centrality(G)[v] for v in order] if n > 1 else [1.0] * n
        out["outDegree"] = [nx.out_degree_centrality(G)[v] for v in order] if n > 1 else [1.0] * n
    connected = n >= 1 and (nx.is_strongly_connected(G) if fx["directed"] else nx.is_connected(G))
    if n == 1:
        out["eigenvector"] = [1.0]
    elif connected:
        # ARPACK needs N >= 3; the power-iteration version covers N = 2 (K2: both 1/sqrt 2)
        ev = nx.eigenvector_centrality_numpy(G) if n >= 3 else nx.eigenvector_centrality(G, max_iter=100000, tol=1e-14)
        out["eigenvector"] = [abs(ev[v]) for v in order]
    else:
        out["eigenvector"] = None
    return out


family(name="centrality", kernel="Centrality.degree/inDegree/outDegree/closeness/betweenness/eigenvector",
       reference="networkx degree/in_degree/out_degree/closeness/betweenness_centrality, eigenvector_centrality_numpy",
       generate=gen_centrality, compute=ref_centrality,
       tolerances={"eigenvector": ITERATIVE, "degree": CLOSED, "inDegree": CLOSED, "outDegree": CLOSED,
                   "closeness": CLOSED, "betweenness": CLOSED, "betweennessRaw": scaled(1e-9, 1e-12, lambda fx: fx["nodes"] ** 2)})


# ---- Kaplan-Meier --------------------------------------------------------------------------

def gen_km(rng, i):
    n = int(pick(rng, [0, 1, 2, 3, 5, 10, 30, 100, 300]))
    kind = pick(rng, ["waves", "waves", "continuous"])
    if kind == "waves":   # consensus reached in wave t (integer, heavy ties), as constructs.md §7
        t = rng.integers(1, int(pick(rng, [3, 6, 12])) + 1, n).astype(float)
    else:
        t = np.round(rng.exponential(5, n), 3)
    events = (rng.random(n) < float(pick(rng, [0, 0.3, 0.7, 1, rng.random()]))).tolist()
    level = float(pick(rng, [0.95, 0.95, 0.9, 0.99]))
    return {"times": t.tolist(), "events": events, "level": level}


def ref_km(fx):
    from scipy.stats import norm
    from statsmodels.duration.survfunc import SurvfuncRight
    n = len(fx["times"])
    if n == 0:
        raise Undefined
    t = np.array(fx["times"], float)
    d = np.array(fx["events"], float)
    if d.sum() == 0:
        empty = {k: [] for k in ("time", "atRisk", "events", "survival", "standardError",
                                 "lower_logLog", "upper_logLog", "lower_log", "upper_log", "lower_plain", "upper_plain")}
        return empty | {"median": None}
    sf = SurvfuncRight(t, d)
    s, se = sf.surv_prob, sf.surv_prob_se
    z = norm.ppf(1 - (1 - fx["level"]) / 2)
    out = {"time": sf.surv_times.tolist(), "atRisk": sf.n_risk.astype(float).tolist(),
           "events": sf.n_events.astype(float).tolist(), "survival": s.tolist(),
           "standardError": [None if sv <= 0 else num(e) for sv, e in zip(s, se)]}
    # Pointwise bands from statsmodels' S and Greenwood SE (sigma = SE / S), by the textbook
    # transforms (Kalbfleisch & Prentice 1980; R survival conf.type):
    ll_lo, ll_hi, lg_lo, lg_hi, pl_lo, pl_hi = [], [], [], [], [], []
    for sv, e in zip(s, se):
        if sv <= 0 or not finite(e):
            for lst in (ll_lo, ll_hi, lg_lo, lg_hi, pl_lo, pl_hi):
                lst.append(None)
            continue
        sigma = e / sv
        pl_lo.append(max(0.0, sv - z * e)); pl_hi.append(min(1.0, sv + z * e))
        lg_lo.append(math.exp(math.log(sv) - z * sigma)); lg_hi.append(min(1.0, math.exp(math.log(sv) + z * sigma)))
        if sv >= 1:
            ll_lo.append(None); ll_hi.append(None)
        else:
            theta, spread = math.log(-math.log(sv)), z * sigma / abs(math.log(sv))
            ll_lo.append(math.exp(-math.exp(theta + spread))); ll_hi.append(math.exp(-math.exp(theta - spread)))
    out |= {"lower_logLog": ll_lo, "upper_logLog": ll_hi, "lower_log": lg_lo, "upper_log": lg_hi,
            "lower_plain": pl_lo, "upper_plain": pl_hi}
    # Median: statsmodels takes the first time S < 0.5 (SAS), R and RoleLayer the first time
    # S <= 0.5 with a midpoint rule where S = 0.5 over a stretch. They coincide unless some step
    # equals 0.5, so the median is compared only there.
    if not np.any(np.abs(s - 0.5) < 1e-9):
        out["median"] = num(sf.quantile(0.5))
    return out


def align_km(fx, values):
    """statsmodels keeps only event times; RoleLayer (like R survfit) keeps a step for every
    distinct time. Compare RoleLayer's steps at event times."""
    keep = [j for j, e in enumerate(values.get("events") or []) if e and e > 0]
    return {k: ([v[j] for j in keep] if isinstance(v, list) else v) for k, v in values.items()}


family(name="kaplan-meier", kernel="KaplanMeier.estimate (log-log, log, plain bands), KaplanMeier.medianTime",
       reference="statsmodels SurvfuncRight (S, Greenwood SE, n at risk, median); bands from those by formula",
       generate=gen_km, compute=ref_km, align=align_km,
       tolerances={"time": EXACT, "atRisk": EXACT, "events": EXACT, "median": EXACT})


# --------------------------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------------------------

@dataclass
class FamilyReport:
    name: str
    fixtures: int = 0
    compared: int = 0         # fixtures with a reference value
    not_available: int = 0    # fixtures where both sides agree there is no value
    max_abs: float = 0.0
    max_rel: float = 0.0
    failures: list[str] = field(default_factory=list)
    failed_fixtures: set[int] = field(default_factory=set)
    status: str = "pass"
    seconds: float = 0.0

    def fail(self, message: str, fixture: int = -1):
        self.failures.append(message)
        self.failed_fixtures.add(fixture)
        self.status = "FAIL"


def flatten(v, path=""):
    """Yields (path, scalar-or-None) for nested lists; the shape is part of the path."""
    if isinstance(v, list):
        yield f"{path}#len", len(v)
        for j, x in enumerate(v):
            yield from flatten(x, f"{path}[{j}]")
    else:
        yield path, v


def compare_fixture(fam: Family, fx: dict, ref: dict | None, swift: dict, report: FamilyReport, idx: int):
    if "adapterError" in swift:
        report.fail(f"fixture {idx}: adapter error: {swift['adapterError']}", idx)
        return
    swift_values = swift.get("values")
    if ref is None:
        if swift_values is None:
            report.not_available += 1
            return
        # Swift gave values; the reference has none. Acceptable only if every value is null.
        if all(x is None for v in swift_values.values() for path, x in flatten(v) if not path.endswith("#len")):
            report.not_available += 1
            return
        report.fail(f"fixture {idx}: reference undefined, RoleLayer gave {json.dumps(swift_values)[:200]}", idx)
        return
    if swift_values is None:
        report.fail(f"fixture {idx}: RoleLayer not available ({swift.get('error')}), reference {json.dumps(ref)[:200]}", idx)
        return
    if fam.align:
        swift_values = fam.align(fx, swift_values)
    reasons = swift.get("reasons", {})
    report.compared += 1
    for key, rv in ref.items():
        if key not in swift_values:
            report.fail(f"fixture {idx}: RoleLayer has no '{key}'", idx)
            continue
        sv = swift_values[key]
        tol = fam.tolerances.get(key, CLOSED)
        floor = tol.floor(fx)
        if rv is None:  # the whole quantity is undefined: RoleLayer must say "not available"
            if sv is not None:
                report.fail(f"fixture {idx}: '{key}': reference undefined, RoleLayer {json.dumps(sv)[:200]}", idx)
            continue
        rflat, sflat = dict(flatten(rv, key)), dict(flatten(sv, key))
        if rflat.keys() != sflat.keys() or any(rflat[p] != sflat[p] for p in rflat if p.endswith("#len")):
            report.fail(f"fixture {idx}: '{key}' shape differs: RoleLayer {json.dumps(sv)[:200]} vs reference {json.dumps(rv)[:200]}", idx)
            continue
        for path, r in rflat.items():
            s = sflat.get(path)
            if path.endswith("#len"):
                continue
            if r is None or s is None:
                if not (r is None and s is None):
                    why = f" ({reasons[key]})" if key in reasons else ""
                    report.fail(f"fixture {idx}: {path}: RoleLayer {s}{why} vs reference {r}", idx)
                continue
            diff = abs(float(s) - float(r))
            report.max_abs = max(report.max_abs, diff)
            if abs(r) >= 1e-6:
                report.max_rel = max(report.max_rel, diff / abs(r))
            if not diff <= floor + tol.rtol * abs(r):
                report.fail(f"fixture {idx}: {path}: RoleLayer {s!r} vs reference {r!r} "
                            f"(diff {diff:.3g}, allowed {floor + tol.rtol * abs(r):.3g})", idx)


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------

def build_adapter() -> str:
    print("building rolelayer-crosscheck (swift build --product rolelayer-crosscheck) ...", flush=True)
    subprocess.run(["swift", "build", "--product", "rolelayer-crosscheck"], cwd=REPO, check=True)
    return os.path.join(REPO, ".build", "debug", "rolelayer-crosscheck")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--swift-bin", help="path of the built rolelayer-crosscheck (default: build it)")
    ap.add_argument("--seed", type=int, default=20260301, help="fixture seed (default 20260301)")
    ap.add_argument("--count", type=int, default=300, help="fixtures per family (default 300; at least 200)")
    ap.add_argument("--families", help="comma-separated subset of families")
    ap.add_argument("--keep", metavar="DIR", help="keep fixtures.json and results.json in DIR")
    ap.add_argument("--show", type=int, default=5, help="failures printed per family (default 5)")
    args = ap.parse_args(argv)

    started = time.monotonic()
    selected = FAMILIES
    if args.families:
        wanted = set(args.families.split(","))
        unknown = wanted - {f.name for f in FAMILIES}
        if unknown:
            ap.error(f"unknown families: {', '.join(sorted(unknown))}")
        selected = [f for f in FAMILIES if f.name in wanted]

    binary = args.swift_bin or build_adapter()

    fixtures: dict[str, list[dict]] = {}
    for fam in selected:
        # One generator per family, seeded by (seed, crc32(name)): adding a family or changing one
        # family's generator leaves every other family's fixtures unchanged.
        rng = np.random.default_rng([args.seed, zlib.crc32(fam.name.encode())])
        fixtures[fam.name] = [fam.generate(rng, i) for i in range(fam.count or args.count)]

    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.keep or tmp
        os.makedirs(out_dir, exist_ok=True)
        fixture_path = os.path.join(out_dir, "fixtures.json")
        result_path = os.path.join(out_dir, "results.json")
        with open(fixture_path, "w") as fh:
            json.dump({"seed": args.seed, "families": fixtures}, fh, allow_nan=False)
        t0 = time.monotonic()
        subprocess.run([binary, "--input", fixture_path, "--output", result_path], check=True)
        swift_seconds = time.monotonic() - t0
        with open(result_path) as fh:
            results = json.load(fh)

    unsupported = set(results.get("unsupported", []))
    reports: list[FamilyReport] = []
    skipped: list[Family] = []
    t0 = time.monotonic()
    for fam in selected:
        if fam.name in unsupported:
            skipped.append(fam)
            continue
        report = FamilyReport(fam.name, fixtures=len(fixtures[fam.name]))
        swift_list = results["families"].get(fam.name, [])
        if len(swift_list) != len(fixtures[fam.name]):
            report.fail(f"RoleLayer returned {len(swift_list)} results for {len(fixtures[fam.name])} fixtures")
        t1 = time.monotonic()
        for idx, (fx, sw) in enumerate(zip(fixtures[fam.name], swift_list)):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")   # statsmodels re-enables some of its warnings on import
                try:
                    ref = fam.compute(fx)
                except Undefined:
                    ref = None
            compare_fixture(fam, fx, ref, sw, report, idx)
        report.seconds = time.monotonic() - t1
        reports.append(report)
    reference_seconds = time.monotonic() - t0

    header = (f"{'family':<18} {'fixtures':>8} {'compared':>8} {'n/a both':>8} {'max abs diff':>13} {'max rel diff':>13}"
              f" {'seconds':>7}  result")
    print(header)
    print("-" * len(header))
    for r in reports:
        status = r.status if r.status == "pass" else f"FAIL ({len(r.failed_fixtures)} fixtures)"
        print(f"{r.name:<18} {r.fixtures:>8} {r.compared:>8} {r.not_available:>8} {r.max_abs:>13.3e} {r.max_rel:>13.3e}"
              f" {r.seconds:>7.1f}  {status}")
    for fam in skipped:
        print(f"{fam.name:<18} {'-':>8} {'-':>8} {'-':>8} {'-':>13} {'-':>13} {'-':>7}  skipped (kernel not in this build)")
    for r in reports:
        if r.failures:
            print(f"\n{r.name}: {len(r.failures)} mismatches in {len(r.failed_fixtures)} fixtures")
            for line in r.failures[:args.show]:
                print(f"  {line}")
    passed = sum(r.status == "pass" for r in reports)
    failed = len(reports) - passed
    print(f"\nseed {args.seed}; Swift adapter {swift_seconds:.1f} s, references and comparison {reference_seconds:.1f} s, "
          f"total {time.monotonic() - started:.1f} s; counts below are families"
          + (f"; skipped: {', '.join(f.name for f in skipped)}" if skipped else ""))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
