"""Expected values of the hand-computed cases in Tests/RoleLayerCoreTests/{AlignmentMap,InfluenceIndex,
ConsensusHorizon,OrganisationDiagnostic}Tests.swift, straight from constructs.md (sections 4, 6, 7, 8).

Run: pip install numpy==2.4.6 krippendorff==0.9.0 networkx==3.4.2 ; python3 tools/oracles/constructs-b-expected.py
"""
import itertools, math
import numpy as np
import krippendorff
import networkx as nx

ROLES = ["ceo", "cfo", "coo", "cto", "cio", "cdao", "ciso", "cmo", "chro", "gc"]
K = 3

def footrule(a, b, k=K):
    l = k + 1
    ra = {x: i + 1 for i, x in enumerate(a)}; rb = {x: i + 1 for i, x in enumerate(b)}
    tot = sum(abs(ra.get(x, l) - rb.get(x, l)) for x in set(a) | set(b))
    mx = sum(l - r for r in range(1, len(a) + 1)) + sum(l - r for r in range(1, len(b) + 1))
    return tot / mx

def dist(i, j):
    """Per-dimension distances (None = not both answered) of two respondent dicts."""
    d = {}
    if i.get("prio") and j.get("prio"): d["priorities"] = footrule(i["prio"], j["prio"])
    if i.get("own") is not None and j.get("own") is not None: d["ownership"] = 0.0 if i["own"] == j["own"] else 1.0
    if i.get("dir") is not None and j.get("dir") is not None: d["direction"] = abs(i["dir"] - j["dir"]) / 4
    if i.get("conf") is not None and j.get("conf") is not None: d["conviction"] = abs(i["conf"] - j["conf"]) / 6
    if i.get("blk") is not None and j.get("blk") is not None:
        a, b = set(i["blk"]), set(j["blk"])
        d["risk"] = 0.0 if not (a | b) else 1 - len(a & b) / len(a | b)
    return d

def align(i, j):
    d = dist(i, j)
    return None if not d else 1 - sum(d.values()) / len(d)

def key(a, b):
    return tuple(sorted((a, b), key=ROLES.index))

def org_pairs(resps):
    """Organisation value per role pair: mean alignment over its respondent pairs."""
    acc = {}
    for x, y in itertools.combinations(resps, 2):
        a = align(x, y)
        if a is None: continue
        acc.setdefault(key(x["role"], y["role"]), []).append(a)
    return {k: sum(v) / len(v) for k, v in acc.items()}

def rwg(values, A):
    if len(values) < 2: return None
    s2 = np.var(values, ddof=1); e = (A * A - 1) / 12
    return 1 - min(s2, e) / e

# ---------------------------------------------------------------- alignment fixture
ALIGN = {
    "o1": [dict(role="cfo", prio=["cost_efficiency", "revenue_growth", "productivity"], own="cfo", dir=1, conf=5, blk=["roi_uncertainty"]),
           dict(role="cto", prio=["cost_efficiency", "revenue_growth", "productivity"], own="cfo", dir=1, conf=5, blk=["roi_uncertainty"])],
    "o2": [dict(role="cfo", prio=["cost_efficiency"], own="shared", dir=2, conf=7, blk=[]),
           dict(role="cto", prio=["innovation"], own="cto", dir=-2, conf=1, blk=[])],
    "o3": [dict(role="cfo", prio=["cost_efficiency", "revenue_growth"], dir=0, conf=4),
           dict(role="cto", prio=["revenue_growth", "cost_efficiency"], dir=1, conf=6)],
    "o4": [dict(role="cfo", own="unclear", conf=2, blk=["roi_uncertainty", "security_risk"]),
           dict(role="cto", own="unclear", conf=4, blk=["security_risk", "data_readiness"])],
    "o5": [dict(role="cfo", conf=3), dict(role="cto", conf=3), dict(role="cto", conf=6)],
}

def alignment_case():
    print("== AlignmentMap hand case")
    per_org = {o: org_pairs(r) for o, r in ALIGN.items()}
    for o, v in per_org.items(): print(" ", o, {k: round(x, 12) for k, x in v.items()})
    vals = [v[("cfo", "cto")] for v in per_org.values()]
    A = sum(vals) / len(vals)
    print("  A(cfo,cto) =", repr(A))
    # per-dimension conviction alignment
    conv = []
    for o, rs in ALIGN.items():
        ds = [dist(x, y)["conviction"] for x, y in itertools.combinations(rs, 2)
              if key(x["role"], y["role"]) == ("cfo", "cto") and "conviction" in dist(x, y)]
        conv.append(sum(ds) / len(ds))
    print("  conviction alignment =", repr(1 - sum(conv) / len(conv)))
    lead = sorted(vals)
    print("  leadership mean", repr(sum(lead) / len(lead)), "quartiles", [repr(float(np.quantile(lead, q))) for q in (0.25, 0.5, 0.75)])
    rc = [rwg([r["conf"] for r in rs if r.get("conf") is not None], 7) for rs in ALIGN.values()]
    print("  rwg conviction per org", rc, "mean", repr(sum(rc) / len(rc)))
    # chance baseline: cfo x cto pairs from different organisations
    cross = [align(x, y) for (o1, r1), (o2, r2) in itertools.product(ALIGN.items(), ALIGN.items()) if o1 != o2
             for x in r1 if x["role"] == "cfo" for y in r2 if y["role"] == "cto"]
    used = [a for a in cross if a is not None]
    base = sum(used) / len(used)
    print("  baseline cross pairs", len(cross), "used", len(used), "baseline", repr(base), "excess", repr(A - base))
    # Krippendorff alpha (interval) for conviction: units = organisations, one column per respondent slot
    units = [[r["conf"] for r in rs] for rs in ALIGN.values()]
    width = max(len(u) for u in units)
    data = np.array([[u[c] if c < len(u) else np.nan for u in units] for c in range(width)], dtype=float)
    print("  alpha conviction (interval)", repr(krippendorff.alpha(reliability_data=data, level_of_measurement="interval")))

# ---------------------------------------------------------------- friction fixture
FRICTION = {  # directions of (ceo, cfo, cto) per organisation
    "f1": (2, 2, 0), "f2": (1, 1, -1), "f3": (0, 1, 0), "f4": (2, 1, -2), "f5": (1, 1, 1)}

def pagerank_rii(edges, nodes, damping=0.85):
    g = nx.DiGraph(); g.add_nodes_from(nodes)
    for (a, b), w in edges.items():
        if w > 0: g.add_edge(a, b, weight=w)
    pr = nx.pagerank(g, alpha=damping, weight="weight", tol=1e-15, max_iter=10000)
    return {n: pr[n] * len(nodes) for n in nodes}

def friction_case():
    print("== InfluenceIndex friction case")
    A = {}
    for pair in [("ceo", "cfo"), ("ceo", "cto"), ("cfo", "cto")]:
        ia, ib = ["ceo", "cfo", "cto"].index(pair[0]), ["ceo", "cfo", "cto"].index(pair[1])
        A[pair] = sum(1 - abs(d[ia] - d[ib]) / 4 for d in FRICTION.values()) / len(FRICTION)
    print("  A", {k: repr(v) for k, v in A.items()})
    edges = {("ceo", "cfo"): 1.0, ("cfo", "ceo"): 1.0, ("cto", "ceo"): 0.5, ("cto", "cfo"): 0.5}
    rii = pagerank_rii(edges, ["ceo", "cfo", "cto"])
    print("  RII", {k: repr(v) for k, v in rii.items()})
    F = {p: math.sqrt(rii[p[0]] * rii[p[1]]) * (1 - A[p]) for p in A}
    W = {p: math.sqrt(rii[p[0]] * rii[p[1]]) for p in A}
    print("  F", {k: repr(v) for k, v in F.items()})
    fi = sum(F.values()) / sum(W.values()); un = sum(1 - a for a in A.values()) / 3
    print("  friction", repr(fi), "unweighted", repr(un), "difference", repr(fi - un))

# ---------------------------------------------------------------- influence fixture (no organisations)
INFL = [  # role, influences (None = not answered), signoff
    ("ceo", ["cfo"], ["cfo", "ceo"]), ("ceo", ["cfo", "cto"], ["cfo"]),
    ("cfo", ["ceo"], ["cfo"]), ("cfo", ["ceo", "cto"], ["ceo"]), ("cfo", [], []),
    ("cto", ["cfo"], ["cfo", "ceo"]), ("cto", ["gc"], ["cfo"]), ("cto", None, ["cfo"])]

def influence_case():
    print("== InfluenceIndex individual case")
    nodes = ["ceo", "cfo", "cto", "gc"]
    edges = {}
    for src in ["ceo", "cfo", "cto"]:
        answered = [inf for r, inf, _ in INFL if r == src and inf is not None]
        for tgt in nodes:
            w = sum((1 / len(inf)) for inf in answered if tgt in inf) / len(answered)
            edges[(src, tgt)] = w
    print("  edges", {k: repr(v) for k, v in edges.items() if v > 0})
    rii = pagerank_rii(edges, nodes)
    print("  RII", {k: repr(v) for k, v in rii.items()})
    for b in nodes:
        others = [s for r, _, s in INFL if r != b and s is not None]
        print("  G", b, sum(b in s for s in others), "/", len(others))

# ---------------------------------------------------------------- consensus fixture
def consensus_case():
    print("== ConsensusHorizon case")
    times = [0, 2, 1, 2, 1, 2, 1, 2]; events = [1, 1, 1, 0, 1, 1, 0, 0]
    z = 1.959963984540054
    S, var = 1.0, 0.0
    for t in sorted(set(times)):
        n = sum(1 for x in times if x >= t); d = sum(1 for x, e in zip(times, events) if x == t and e)
        S *= 1 - d / n
        if d: var += d / (n * (n - d))
        sig = math.sqrt(var)
        if 0 < S < 1:
            lo = math.exp(-math.exp(math.log(-math.log(S)) + z * sig / abs(math.log(S))))
            hi = math.exp(-math.exp(math.log(-math.log(S)) - z * sig / abs(math.log(S))))
        else:
            lo = hi = None
        print(f"  t={t} atRisk={n} events={d} S={S!r} band=({lo!r}, {hi!r})")

alignment_case(); friction_case(); influence_case(); consensus_case()

# ---------------------------------------------------------------- diagnostic fixture (target d1)
DIAG = {  # role: (stage, confidence, preparedness, direction, blockers)
    "d1": {"ceo": (5, 6, 6, 2, ["roi_uncertainty"]), "cfo": (1, 2, 2, -1, ["roi_uncertainty", "budget_constraints"]),
           "cto": (4, 5, 5, 0, ["integration_complexity"])},
    "d2": {"ceo": (3, 4, 4, 1, ["roi_uncertainty"]), "cfo": (2, 4, 3, 1, ["roi_uncertainty"]), "cto": (3, 5, 4, 1, ["roi_uncertainty"])},
    "d3": {"ceo": (2, 3, 3, 0, ["skills_gap"]), "cfo": (2, 3, 4, 0, ["skills_gap"]), "cto": (3, 4, 4, 1, [])},
    "d4": {"ceo": (4, 5, 5, 1, []), "cfo": (3, 4, 4, 1, []), "cto": (4, 6, 5, 2, ["data_readiness"])},
    "d5": {"ceo": (1, 2, 2, -1, ["budget_constraints"]), "cfo": (1, 3, 2, -1, ["budget_constraints"]), "cto": (2, 3, 3, 0, ["budget_constraints"])},
    "d6": {"ceo": (3, 5, 4, 1, ["security_risk"]), "cfo": (2, 3, 3, 0, ["roi_uncertainty"]), "cto": (5, 6, 6, 2, ["security_risk", "vendor_maturity"])},
}

def position(s, c, p):
    return 100 * (0.5 * s / 6 + 0.25 * (c - 1) / 6 + 0.25 * (p - 1) / 6)

def midrank(v, values):
    return 100 * (sum(x < v for x in values) + 0.5 * sum(x == v for x in values)) / len(values)

def diagnostic_case():
    print("== OrganisationDiagnostic case (target d1)")
    for o, roles in DIAG.items():
        for r, (s, c, p, d, b) in roles.items():
            blk = ", ".join(f'"{x}"' for x in b)
            print(f'            ("{o}", "{r}", {s}, {c}, {p}, {d}, [{blk}]),')
    resp = {o: [dict(role=r, dir=d, conf=c, blk=b, x=position(s, c, p)) for r, (s, c, p, d, b) in roles.items()] for o, roles in DIAG.items()}
    pairs = {o: org_pairs(rs) for o, rs in resp.items()}
    t = resp["d1"]
    xs = {r["role"]: r["x"] for r in t}
    print("  positions", {k: repr(v) for k, v in xs.items()})
    for role in ["ceo", "cfo", "cto"]:
        cohort = [r["x"] for rs in resp.values() for r in rs if r["role"] == role]
        print("  percentile", role, repr(midrank(xs[role], cohort)))
    grads = {o: max(r["x"] for r in rs) - min(r["x"] for r in rs) for o, rs in resp.items()}
    means = {o: sum(r["x"] for r in rs) / len(rs) for o, rs in resp.items()}
    lead = {o: sum(v.values()) / len(v) for o, v in pairs.items()}
    print("  g_o d1", repr(grads["d1"]), "percentile", repr(midrank(grads["d1"], list(grads.values()))))
    print("  A_o d1", repr(lead["d1"]), "percentile", repr(midrank(lead["d1"], list(lead.values()))))
    print("  pairs d1", {k: repr(v) for k, v in pairs["d1"].items()})
    for k in pairs["d1"]:
        vals = [p[k] for p in pairs.values()]
        print("  cohort", k, "A", repr(sum(vals) / len(vals)), "q25", repr(float(np.quantile(vals, 0.25))))
    med = sorted(xs.values())[1]
    for role in ["ceo", "cfo", "cto"]:
        def with_others(o):
            v = [a for k, a in pairs[o].items() if role in k]
            return sum(v) / len(v)
        cohort = [with_others(o) for o in pairs]
        print("  running ahead", role, "gap", repr(xs[role] - med), "own", repr(with_others("d1")), "cohort median", repr(float(np.median(cohort))))
    print("  org mean d1", repr(means["d1"]), "cohort median", repr(float(np.median(list(means.values())))),
          "g q75", repr(float(np.quantile(list(grads.values()), 0.75))))

diagnostic_case()
