import Foundation
import RoleLayerCore
import RoleLayerSimulation
import Testing

@testable import rolelayer_bench

/// RoleLayer's per-wave construct results on a small simulated panel (B = 0: point estimates only).
private let waves: [WaveConstructs] = {
    var scenario = Scenario.default
    scenario.organisations = 60
    scenario.waves = 2
    let responses = try! PanelSimulator(scenario: scenario).responses()
    let table = ResponseTable(responses: responses, instrument: .default)
    var settings = Instrument.default.settings
    settings.bootstrapReplicates = 0
    settings.permutations = 0
    return table.waves.indices.map { w in
        let cell = Cell(table: table, waveIndex: w)
        let rsi = RoleShiftIndex.compute(table: table, cell: cell, settings: settings)
        let alignment = AlignmentMap.analyse(table: table, cell: cell, settings: settings)
        return WaveConstructs(
            wave: table.waves[w].description, rsi: rsi,
            gradient: AdoptionGradient.compute(table: table, cell: cell, settings: settings),
            blockers: BlockerDistribution.compute(table: table, cell: cell, settings: settings),
            alignment: alignment.result,
            influence: InfluenceIndex.compute(table: table, cell: cell, settings: settings,
                                              roleRSI: rsi.publishedValues, alignment: alignment))
    }
}()

/// The reference's JSON (benchmarks/reference/README.md, "The JSON result") written from
/// RoleLayer's own values, as `JSONSerialization` would decode it.
private func mirror(_ waves: [WaveConstructs]) -> [String: Any] {
    func estimate(_ e: Estimate) -> [String: Any] {
        ["value": e.value.map { $0 as Any } ?? NSNull(), "n": e.n, "organisations": e.organisations]
    }
    func number(_ x: Double?) -> Any { x.map { $0 as Any } ?? NSNull() }
    var out: [String: Any] = [:]
    for w in waves {
        var rsi: [String: Any] = [:]
        for r in w.rsi.roles where r.roleShiftIndex.n > 0 { rsi[r.role.rawValue] = estimate(r.roleShiftIndex) }
        let g = w.gradient
        var groups: [String: Any] = [:]
        for m in g.maturityGroups { groups[String(m.stage)] = estimate(m.mean) }
        let gradients: [String: Any] = [
            "roles_compared": g.rolesCompared.map(\.rawValue), "role_gradient": estimate(g.roleGradient),
            "leading_role": g.leadingRole?.rawValue ?? NSNull(), "lagging_role": g.laggingRole?.rawValue ?? NSNull(),
            "role_means_sd": estimate(g.roleMeansStandardDeviation), "maturity_groups": groups,
            "stage_gradient": estimate(g.stageGradient), "gradient_ratio": estimate(g.gradientRatio),
        ]
        var shares: [String: Any] = [:]
        var tests: [String: Any] = [:]
        for b in w.blockers.blockers {
            var roles: [String: Any] = [:]
            for r in b.roles { roles[r.role.rawValue] = ["share": number(r.share.value), "lift": number(r.lift.value)] }
            shares[b.blocker.rawValue] = ["cell": number(b.cellShare.value), "roles": roles]
            tests[b.blocker.rawValue] = [
                "statistic": number(b.test.chiSquare), "dof": b.test.degreesOfFreedom.map { $0 as Any } ?? NSNull(),
                "p_value": number(b.test.pValue), "p_adjusted": number(b.test.adjustedPValue),
                "cramers_v": number(b.test.cramersV),
            ]
        }
        var pairs: [String: Any] = [:]
        for p in w.alignment.pairs {
            var e = estimate(p.alignment)
            var dimensions: [String: Any] = [:]
            for d in p.dimensions { dimensions[d.dimension.rawValue] = ["value": number(d.alignment.value)] }
            e["dimensions"] = dimensions
            pairs["\(p.roleA.rawValue)|\(p.roleB.rawValue)"] = e
        }
        var rii: [String: Any] = [:]
        var pagerank: [String: Any] = [:]
        for r in w.influence.roles where r.isNode {
            rii[r.role.rawValue] = estimate(r.rii)
            if let v = r.rii.value { pagerank[r.role.rawValue] = v / Double(w.influence.nodeCount) }
        }
        var edges: [String: Any] = [:]
        for e in w.influence.edges { edges["\(e.source.rawValue)->\(e.target.rawValue)"] = e.weight }
        out[w.wave] = [
            "rsi": rsi, "gradients": gradients,
            "blockers": ["roles_tested": w.blockers.rolesTested.map(\.rawValue), "shares": shares, "chi_square": tests],
            "alignment": ["pairs": pairs],
            "influence": ["nodes": w.influence.roles.filter(\.isNode).map(\.role.rawValue), "rii": rii,
                          "pagerank": pagerank, "edges": edges],
        ]
    }
    return ["waves": out]
}

/// Applies `change` to the object at `path` (keys) of a decoded JSON value.
private func edit(_ object: [String: Any], _ path: [String], _ change: (Any?) -> Any?) -> [String: Any] {
    var copy = object
    guard let key = path.first else { return copy }
    if path.count == 1 {
        copy[key] = change(copy[key])
    } else {
        copy[key] = edit(copy[key] as? [String: Any] ?? [:], Array(path.dropFirst()), change)
    }
    return copy
}

private func compare(_ reference: [String: Any]) -> ComparisonFigures {
    var c = ReferenceComparison()
    c.compare(reference: reference, swift: waves)
    return c.figures
}

struct ReferenceComparisonTests {
    /// A reference holding RoleLayer's own values agrees everywhere, and every family is compared.
    @Test func identicalValuesAgree() {
        let figures = compare(mirror(waves))
        #expect(figures.disagreements == 0, "\(figures.examples)")
        #expect(figures.worstRelativeDifference == 0)
        #expect(Set(figures.families.keys) == ["rsi", "gradients", "blockers", "chi_square", "alignment", "influence"])
        #expect(figures.compared > 500)
    }

    /// A relative difference of 2e-9 is a disagreement at its path; 5e-10 is not.
    @Test func toleranceIsRelativeOneInABillion() throws {
        let wave = waves[0].wave
        let role = try #require(waves[0].rsi.roles.first { $0.roleShiftIndex.value != nil }).role.rawValue
        let path = ["waves", wave, "rsi", role, "value"]
        let far = compare(edit(mirror(waves), path) { ($0 as! Double) * (1 + 2e-9) })
        #expect(far.disagreements == 1)
        #expect(far.examples.first?.hasPrefix("waves/\(wave)/rsi/\(role)/value:") == true)
        #expect(abs(far.worstRelativeDifference - 2e-9) < 1e-15)
        let near = compare(edit(mirror(waves), path) { ($0 as! Double) * (1 + 5e-10) })
        #expect(near.disagreements == 0)
    }

    /// A value published by one side only, a wrong label and a missing edge are each one disagreement.
    @Test func oneSidedValuesDisagree() throws {
        let wave = waves[0].wave
        let pair = try #require(waves[0].alignment.pairs.first { $0.alignment.value != nil })
        let key = "\(pair.roleA.rawValue)|\(pair.roleB.rawValue)"
        let nulled = compare(edit(mirror(waves), ["waves", wave, "alignment", "pairs", key, "value"]) { _ in NSNull() })
        #expect(nulled.disagreements == 1)
        let relabelled = compare(edit(mirror(waves), ["waves", wave, "gradients", "leading_role"]) { _ in "nobody" })
        #expect(relabelled.disagreements == 1)
        let edge = try #require(waves[0].influence.edges.first)
        let dropped = compare(edit(mirror(waves), ["waves", wave, "influence", "edges"]) { edges in
            var e = edges as! [String: Any]
            e["\(edge.source.rawValue)->\(edge.target.rawValue)"] = nil
            return e
        })
        #expect(dropped.disagreements == 1)
    }

    /// p-values below 1e-300 on both sides agree (scipy underflows to 0) and stay out of the worst difference.
    @Test func underflowingPValuesAgree() throws {
        let wave = waves[0].wave
        let blocker = try #require(waves[0].blockers.blockers.first { $0.test.pValue != nil }).blocker.rawValue
        var tiny = waves
        let index = tiny[0].blockers.blockers.firstIndex { $0.blocker.rawValue == blocker }!
        tiny[0].blockers.blockers[index].test.pValue = 1e-305
        let reference = edit(mirror(waves), ["waves", wave, "blockers", "chi_square", blocker, "p_value"]) { _ in 0.0 }
        var d = ReferenceComparison()
        d.compare(reference: reference, swift: tiny)
        #expect(d.figures.disagreements == 0)
        #expect(d.figures.worstRelativeDifference == 0)
    }
}

struct SizeTests {
    /// The standard sizes use the calibrated organisation counts; `Norgs` asks for organisations exactly.
    @Test func sizesParse() throws {
        let sizes = try BenchCommand.parseSizes("10k, 100k,1m,100000orgs,2500")
        #expect(sizes.map(\.label) == ["10k", "100k", "1m", "100000orgs", "2500"])
        #expect(sizes.map(\.organisations) == [392, 3_851, 38_394, 100_000, 96])
        #expect(sizes.map(\.respondents) == [10_000, 100_000, 1_000_000, sizes[3].respondents, 2_500])
        #expect(abs(sizes[3].respondents - 2_604_602) <= 1)  // 100,000 × 26.05 rows per organisation
        #expect(throws: (any Error).self) { try BenchCommand.parseSizes("ten") }
        #expect(throws: (any Error).self) { try BenchCommand.parseSizes("0k") }
    }
}
