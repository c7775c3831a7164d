#!/usr/bin/env python3
"""Compares reference.py's point estimates with RoleLayer's construct results on the same file.

Usage: compare_constructs.py REFERENCE.json SWIFT.json

SWIFT.json is a JSON array with one object per wave, {"wave", "rsi", "gradient", "blockers",
"alignment", "influence"}, holding RoleLayer's `RoleShiftIndexResult`, `AdoptionGradientResult`,
`BlockerDistributionResult`, `AlignmentMapResult` and `InfluenceIndexResult` as Swift's
JSONEncoder writes them (see README.md, "Agreement with RoleLayer"). Values must agree to 1e-9
relative (p-values: or 1e-300 absolute), published/suppressed status must match, and so must
respondent and organisation counts, roles tested, degrees of freedom, leading/lagging roles and the
edge sets. Exit status 0 when everything agrees, 1 otherwise.
"""

import json
import sys

ref = json.load(open(sys.argv[1]))
sw = json.load(open(sys.argv[2]))
n = 0
bad = []
worst = 0.0


def cmp(path, a, b, rel=1e-9, abs_=0.0):
    global n, worst
    if a is None and b is None:
        return
    if (a is None) != (b is None):
        bad.append((path, a, b))
        return
    n += 1
    if a == b:
        return
    d = abs(a - b) / max(abs(a), abs(b))
    if not (d <= rel or abs(a - b) <= abs_):
        bad.append((path, a, b, d))
    if abs(a - b) > abs_:
        worst = max(worst, d)

def same(path, a, b):
    """Exact agreement of counts, codes and sets."""
    if a != b:
        bad.append((path, a, b))


for w in sw:
    wave = w["wave"]
    r = ref["waves"][wave]
    for ro in w["rsi"]["roles"]:
        e = r["rsi"].get(ro["role"])
        cmp(f"{wave}/rsi/{ro['role']}", e["value"] if e else None, ro["roleShiftIndex"].get("value"))
        if e:
            same(f"{wave}/rsi/{ro['role']}/n", (e["n"], e["organisations"]),
                 (ro["roleShiftIndex"]["n"], ro["roleShiftIndex"]["organisations"]))
    g = w["gradient"]
    rg = r["gradients"]
    cmp(f"{wave}/role_gradient", rg["role_gradient"]["value"], g["roleGradient"].get("value"))
    cmp(f"{wave}/role_sd", rg["role_means_sd"]["value"], g["roleMeansStandardDeviation"].get("value"))
    cmp(f"{wave}/stage_gradient", rg["stage_gradient"]["value"], g["stageGradient"].get("value"))
    cmp(f"{wave}/ratio", rg["gradient_ratio"]["value"], g["gradientRatio"].get("value"))
    same(f"{wave}/leading_lagging", (rg["leading_role"], rg["lagging_role"]), (g.get("leadingRole"), g.get("laggingRole")))
    for mg in g["maturityGroups"]:
        e = rg["maturity_groups"].get(str(mg["stage"]))
        cmp(f"{wave}/group/{mg['stage']}", e["value"] if e else None, mg["mean"].get("value"))
    b = w["blockers"]
    rb = r["blockers"]
    same(f"{wave}/roles_tested", rb["roles_tested"], b["rolesTested"])
    for bf in b["blockers"]:
        code = bf["blocker"]
        cmp(f"{wave}/cell/{code}", rb["shares"][code]["cell"], bf["cellShare"].get("value"))
        for rs in bf["roles"]:
            e = rb["shares"][code]["roles"].get(rs["role"])
            cmp(f"{wave}/share/{code}/{rs['role']}", e["share"] if e else None, rs["share"].get("value"))
            cmp(f"{wave}/lift/{code}/{rs['role']}", e["lift"] if e else None, rs["lift"].get("value"))
        t = bf["test"]
        rt = rb["chi_square"][code]
        cmp(f"{wave}/chi2/{code}", rt["statistic"], t.get("chiSquare"))
        cmp(f"{wave}/p/{code}", rt["p_value"], t.get("pValue"), abs_=1e-300)
        cmp(f"{wave}/padj/{code}", rt["p_adjusted"], t.get("adjustedPValue"), abs_=1e-300)
        cmp(f"{wave}/V/{code}", rt["cramers_v"], t.get("cramersV"))
        same(f"{wave}/dof/{code}", rt["dof"], t.get("degreesOfFreedom"))
    for p in w["alignment"]["pairs"]:
        key = f"{p['roleA']}|{p['roleB']}"
        e = r["alignment"]["pairs"].get(key)
        cmp(f"{wave}/align/{key}", e["value"] if e else None, p["alignment"].get("value"))
        if e:
            same(f"{wave}/align/{key}/organisations", e["organisations"], p["alignment"]["organisations"])
        for d in p["dimensions"]:
            de = e["dimensions"].get(d["dimension"]) if e else None
            cmp(f"{wave}/align/{key}/{d['dimension']}", de["value"] if de else None, d["alignment"].get("value"))
    inf = w["influence"]
    for ro in inf["roles"]:
        e = r["influence"]["rii"].get(ro["role"])
        cmp(f"{wave}/rii/{ro['role']}", e["value"] if e else None, ro["rii"].get("value"))
    edges = {f"{e['source']}->{e['target']}": e["weight"] for e in inf["edges"]}
    same(f"{wave}/edges", sorted(r["influence"]["edges"]), sorted(edges))
    for k, v in edges.items():
        cmp(f"{wave}/edge/{k}", r["influence"]["edges"].get(k), v)
print(f"compared {n} values, {len(bad)} disagreements, worst relative difference {worst:.3g}")
for x in bad[:20]:
    print(x)
sys.exit(1 if bad else 0)
