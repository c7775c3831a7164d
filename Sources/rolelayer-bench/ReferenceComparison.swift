import Foundation
import RoleLayerCore

/// Checks RoleLayer's point estimates against the Python reference's JSON
/// (benchmarks/reference/README.md, "The JSON result" and "Mapping to RoleLayer's results").
///
/// Compared per wave: RSI per role (value, n, organisations); role gradient, leading and lagging
/// role, role-means SD, maturity-group means, stage gradient, gradient ratio and the roles
/// compared; blocker cell shares, role shares and lifts, and per blocker the chi-square statistic,
/// degrees of freedom, p-value, Benjamini-Hochberg adjusted p-value and Cramér's V, and the roles
/// tested; the cohort alignment map (every role pair's alignment, organisations and its five
/// dimensions); the nomination graph's nodes, edge weights, PageRank and RII.
///
/// A number agrees when |a − b| ≤ tolerance × max(|a|, |b|) (relative), or both are 0; p-values
/// also agree when both are below 1e-300 (scipy underflows there; such pairs are left out of
/// the worst relative difference). A value published on one
/// side only is a disagreement. Intervals are not compared: the two sides draw different random
/// numbers (numpy's generator versus xoshiro256**), so they agree only statistically.
struct ReferenceComparison {
    let tolerance: Double
    private(set) var compared = 0
    private(set) var failures: [String] = []
    private(set) var worst = 0.0
    private(set) var worstPath = ""
    private(set) var families: [String: Int] = [:]

    init(tolerance: Double = 1e-9) { self.tolerance = tolerance }

    var figures: ComparisonFigures {
        ComparisonFigures(compared: compared, disagreements: failures.count, worstRelativeDifference: worst,
                          worstPath: worstPath, tolerance: tolerance, examples: Array(failures.prefix(20)),
                          families: families)
    }

    /// Compares every wave of `reference` (the decoded JSON object) with `swift`.
    mutating func compare(reference: [String: Any], swift: [WaveConstructs]) {
        guard let waves = reference["waves"] as? [String: Any] else {
            fail("waves", "the reference JSON has no waves object")
            return
        }
        let byWave = Dictionary(swift.map { ($0.wave, $0) }, uniquingKeysWith: { a, _ in a })
        for key in Set(waves.keys).union(byWave.keys).sorted() {
            guard let ref = waves[key] as? [String: Any], let ours = byWave[key] else {
                fail("waves/\(key)", "wave present on one side only")
                continue
            }
            let path = "waves/\(key)"
            compareRSI(ref["rsi"] as? [String: Any] ?? [:], ours.rsi, path + "/rsi")
            compareGradients(ref["gradients"] as? [String: Any] ?? [:], ours.gradient, path + "/gradients")
            compareBlockers(ref["blockers"] as? [String: Any] ?? [:], ours.blockers, path + "/blockers")
            compareAlignment(ref["alignment"] as? [String: Any] ?? [:], ours.alignment, path + "/alignment")
            compareInfluence(ref["influence"] as? [String: Any] ?? [:], ours.influence, path + "/influence")
        }
    }

    // MARK: - Constructs

    private mutating func compareRSI(_ ref: [String: Any], _ ours: RoleShiftIndexResult, _ path: String) {
        for figures in ours.roles {
            let code = figures.role.rawValue
            guard let r = ref[code] as? [String: Any] else {
                if figures.roleShiftIndex.n > 0 { fail("\(path)/\(code)", "role with respondents missing from the reference") }
                continue
            }
            estimate(r, figures.roleShiftIndex, "\(path)/\(code)", family: "rsi")
        }
    }

    private mutating func compareGradients(_ ref: [String: Any], _ ours: AdoptionGradientResult, _ path: String) {
        labels(ref["roles_compared"], ours.rolesCompared.map(\.rawValue), "\(path)/roles_compared", family: "gradients")
        value(ref["role_gradient"], ours.roleGradient.value, "\(path)/role_gradient", family: "gradients")
        label(ref["leading_role"], ours.leadingRole?.rawValue, "\(path)/leading_role", family: "gradients")
        label(ref["lagging_role"], ours.laggingRole?.rawValue, "\(path)/lagging_role", family: "gradients")
        value(ref["role_means_sd"], ours.roleMeansStandardDeviation.value, "\(path)/role_means_sd", family: "gradients")
        let groups = ref["maturity_groups"] as? [String: Any] ?? [:]
        for group in ours.maturityGroups {
            let g = String(group.stage)
            if let r = groups[g] {
                value(r, group.mean.value, "\(path)/maturity_groups/\(g)", family: "gradients")
            } else if group.mean.value != nil {
                fail("\(path)/maturity_groups/\(g)", "published by RoleLayer only")
            }
        }
        value(ref["stage_gradient"], ours.stageGradient.value, "\(path)/stage_gradient", family: "gradients")
        value(ref["gradient_ratio"], ours.gradientRatio.value, "\(path)/gradient_ratio", family: "gradients")
    }

    private mutating func compareBlockers(_ ref: [String: Any], _ ours: BlockerDistributionResult, _ path: String) {
        labels(ref["roles_tested"], ours.rolesTested.map(\.rawValue), "\(path)/roles_tested", family: "blockers")
        let shares = ref["shares"] as? [String: Any] ?? [:]
        let tests = ref["chi_square"] as? [String: Any] ?? [:]
        for b in ours.blockers {
            let code = b.blocker.rawValue
            let p = "\(path)/\(code)"
            guard let s = shares[code] as? [String: Any] else {
                fail("\(p)/shares", "blocker missing from the reference")
                continue
            }
            number(s["cell"], b.cellShare.value, "\(p)/cell", family: "blockers")
            let roles = s["roles"] as? [String: Any] ?? [:]
            for share in b.roles {
                let rp = "\(p)/roles/\(share.role.rawValue)"
                guard let r = roles[share.role.rawValue] as? [String: Any] else {
                    if share.share.value != nil { fail(rp, "share published by RoleLayer only") }
                    continue
                }
                number(r["share"], share.share.value, "\(rp)/share", family: "blockers")
                number(r["lift"], share.lift.value, "\(rp)/lift", family: "blockers")
            }
            guard let t = tests[code] as? [String: Any] else {
                if b.test.chiSquare != nil { fail("\(p)/chi_square", "test published by RoleLayer only") }
                continue
            }
            let tp = "\(p)/chi_square"
            number(t["statistic"], b.test.chiSquare, "\(tp)/statistic", family: "chi_square")
            integer(t["dof"], b.test.degreesOfFreedom, "\(tp)/dof", family: "chi_square")
            number(t["p_value"], b.test.pValue, "\(tp)/p_value", family: "chi_square", pValue: true)
            number(t["p_adjusted"], b.test.adjustedPValue, "\(tp)/p_adjusted", family: "chi_square", pValue: true)
            number(t["cramers_v"], b.test.cramersV, "\(tp)/cramers_v", family: "chi_square")
        }
    }

    private mutating func compareAlignment(_ ref: [String: Any], _ ours: AlignmentMapResult, _ path: String) {
        let pairs = ref["pairs"] as? [String: Any] ?? [:]
        var seen = Set<String>()
        for pair in ours.pairs {
            let key = "\(pair.roleA.rawValue)|\(pair.roleB.rawValue)"
            let swapped = "\(pair.roleB.rawValue)|\(pair.roleA.rawValue)"
            let refKey = pairs[key] != nil ? key : swapped
            seen.insert(refKey)
            let p = "\(path)/pairs/\(refKey)"
            guard let r = pairs[refKey] as? [String: Any] else {
                if pair.alignment.value != nil { fail(p, "pair published by RoleLayer only") }
                continue
            }
            value(r, pair.alignment.value, p, family: "alignment")
            if pair.alignment.value != nil { integer(r["organisations"], pair.alignment.organisations, "\(p)/organisations", family: "alignment") }
            let dimensions = r["dimensions"] as? [String: Any] ?? [:]
            for d in pair.dimensions {
                let dp = "\(p)/dimensions/\(d.dimension.rawValue)"
                if let rd = dimensions[d.dimension.rawValue] {
                    value(rd, d.alignment.value, dp, family: "alignment")
                } else if d.alignment.value != nil {
                    fail(dp, "published by RoleLayer only")
                }
            }
        }
        for key in pairs.keys where !seen.contains(key) {
            if let r = pairs[key] as? [String: Any], double(r["value"]) != nil {
                fail("\(path)/pairs/\(key)", "pair published by the reference only")
            }
        }
    }

    private mutating func compareInfluence(_ ref: [String: Any], _ ours: InfluenceIndexResult, _ path: String) {
        let nodes = ours.roles.filter(\.isNode).map(\.role.rawValue)
        labels(ref["nodes"], nodes, "\(path)/nodes", family: "influence")
        let rii = ref["rii"] as? [String: Any] ?? [:]
        let pagerank = ref["pagerank"] as? [String: Any] ?? [:]
        for role in ours.roles where role.isNode {
            let code = role.role.rawValue
            value(rii[code], role.rii.value, "\(path)/rii/\(code)", family: "influence")
            if let v = role.rii.value, ours.nodeCount > 0 {
                number(pagerank[code], v / Double(ours.nodeCount), "\(path)/pagerank/\(code)", family: "influence")
            }
        }
        let edges = ref["edges"] as? [String: Any] ?? [:]
        var seen = Set<String>()
        for e in ours.edges {
            let key = "\(e.source.rawValue)->\(e.target.rawValue)"
            seen.insert(key)
            number(edges[key], e.weight, "\(path)/edges/\(key)", family: "influence")
        }
        for key in edges.keys where !seen.contains(key) {
            fail("\(path)/edges/\(key)", "edge published by the reference only")
        }
    }

    // MARK: - Primitives

    /// An ESTIMATE object (value, n, organisations) against an ``Estimate``.
    private mutating func estimate(_ ref: [String: Any], _ ours: Estimate, _ path: String, family: String) {
        number(ref["value"], ours.value, "\(path)/value", family: family)
        integer(ref["n"], ours.n, "\(path)/n", family: family)
        integer(ref["organisations"], ours.organisations, "\(path)/organisations", family: family)
    }

    /// The `value` of an ESTIMATE object (or a bare number) against a value.
    private mutating func value(_ ref: Any?, _ ours: Double?, _ path: String, family: String) {
        if let object = ref as? [String: Any] {
            number(object["value"], ours, path, family: family)
        } else {
            number(ref, ours, path, family: family)
        }
    }

    private mutating func number(_ ref: Any?, _ ours: Double?, _ path: String, family: String, pValue: Bool = false) {
        let theirs = double(ref)
        count(family)
        switch (theirs, ours) {
        case (nil, nil): return
        case (let t?, nil): fail(path, "reference \(t), RoleLayer not published")
        case (nil, let o?): fail(path, "RoleLayer \(o), reference not published")
        case (let t?, let o?):
            let difference = abs(t - o)
            let scale = max(abs(t), abs(o))
            let relative = scale == 0 ? 0 : difference / scale
            // p-values below 1e-300 on both sides agree (scipy underflows to 0 there) and are
            // left out of the worst relative difference.
            if pValue && scale < 1e-300 { return }
            if relative > worst {
                worst = relative
                worstPath = path
            }
            if relative > tolerance { fail(path, "reference \(t), RoleLayer \(o), relative difference \(relative)") }
        }
    }

    private mutating func integer(_ ref: Any?, _ ours: Int?, _ path: String, family: String) {
        count(family)
        let theirs = double(ref).map { Int($0) }
        if theirs != ours { fail(path, "reference \(theirs.map(String.init) ?? "null"), RoleLayer \(ours.map(String.init) ?? "null")") }
    }

    private mutating func label(_ ref: Any?, _ ours: String?, _ path: String, family: String) {
        count(family)
        let theirs = ref as? String
        if theirs != ours { fail(path, "reference \(theirs ?? "null"), RoleLayer \(ours ?? "null")") }
    }

    private mutating func labels(_ ref: Any?, _ ours: [String], _ path: String, family: String) {
        count(family)
        let theirs = ref as? [String] ?? (ref as? [Any])?.compactMap { $0 as? String } ?? []
        if theirs != ours { fail(path, "reference \(theirs), RoleLayer \(ours)") }
    }

    private func double(_ value: Any?) -> Double? {
        switch value {
        case let n as NSNumber: return n.doubleValue
        case let d as Double: return d
        case let i as Int: return Double(i)
        default: return nil
        }
    }

    private mutating func count(_ family: String) {
        compared += 1
        families[family, default: 0] += 1
    }

    private mutating func fail(_ path: String, _ reason: String) {
        failures.append("\(path): \(reason)")
    }
}
