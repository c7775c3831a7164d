import Foundation
import Testing
@testable import RoleLayerCore

/// Response builders shared by the alignment, influence, consensus and diagnostic tests.
enum AlignmentFixtures {
    static func response(
        _ id: String, org: String?, wave: String = "2026-Q1", role: String, stage: Int = 3,
        prio: [String]? = nil, own: Ownership? = nil, dir: Int? = nil, conf: Int? = nil, prep: Int? = nil,
        blk: [String]? = nil, inf: [String]? = nil, sign: [String]? = nil, weight: Double = 1
    ) -> Response {
        Response(respondentID: id, organisationID: org, wave: Wave(parsing: wave)!, role: Role(role), stage: Stage(stage)!,
                 confidence: conf, preparedness: prep, blockers: blk.map { $0.map { Blocker($0) } },
                 priorities: prio.map { $0.map { Priority($0) } }, ownership: own, direction: dir.flatMap { Direction($0) },
                 influences: inf.map { $0.map { Role($0) } }, signoff: sign.map { $0.map { Role($0) } }, weight: weight)
    }

    /// Settings with the bootstrap off (intervals "bootstrap disabled").
    static var noBootstrap: AnalysisSettings {
        var s = AnalysisSettings()
        s.bootstrapReplicates = 0
        return s
    }

    /// The alignment hand case: five organisations with a CFO and a CTO (o5 has two CTOs).
    /// Expected values: tools/oracles/constructs-b-expected.py, `alignment_case`.
    static func alignmentCase(organisations: Bool = true, dropping: Set<String> = []) -> [Response] {
        func o(_ name: String) -> String? { organisations ? name : nil }
        let all: [Response] = [
            response("1a", org: o("o1"), role: "cfo", prio: ["cost_efficiency", "revenue_growth", "productivity"], own: .role("cfo"), dir: 1, conf: 5, blk: ["roi_uncertainty"]),
            response("1b", org: o("o1"), role: "cto", prio: ["cost_efficiency", "revenue_growth", "productivity"], own: .role("cfo"), dir: 1, conf: 5, blk: ["roi_uncertainty"]),
            response("2a", org: o("o2"), role: "cfo", prio: ["cost_efficiency"], own: .shared, dir: 2, conf: 7, blk: []),
            response("2b", org: o("o2"), role: "cto", prio: ["innovation"], own: .role("cto"), dir: -2, conf: 1, blk: []),
            response("3a", org: o("o3"), role: "cfo", prio: ["cost_efficiency", "revenue_growth"], dir: 0, conf: 4),
            response("3b", org: o("o3"), role: "cto", prio: ["revenue_growth", "cost_efficiency"], dir: 1, conf: 6),
            response("4a", org: o("o4"), role: "cfo", own: .unclear, conf: 2, blk: ["roi_uncertainty", "security_risk"]),
            response("4b", org: o("o4"), role: "cto", own: .unclear, conf: 4, blk: ["security_risk", "data_readiness"]),
            response("5a", org: o("o5"), role: "cfo", conf: 3),
            response("5b", org: o("o5"), role: "cto", conf: 3),
            response("5c", org: o("o5"), role: "cto", conf: 6),
        ]
        return all.filter { !dropping.contains(String($0.respondentID.prefix(1))) }
    }

    static func table(_ rs: [Response]) -> (ResponseTable, Cell) {
        let t = ResponseTable(responses: rs, instrument: .default)
        return (t, Cell(table: t, waveIndex: 0))
    }
}

/// The Role Alignment Map (constructs.md §4).
struct AlignmentMapTests {
    typealias F = AlignmentFixtures

    /// The hand case reproduces the reference script: cohort value, n, dimension, baseline, leadership, rWG, alpha.
    @Test func handComputedCase() throws {
        let (t, cell) = F.table(F.alignmentCase())
        let r = AlignmentMap.compute(table: t, cell: cell, settings: F.noBootstrap)
        #expect(r.unavailableReason == nil)
        #expect(r.organisations == 5)
        #expect(r.pairs.count == 55)
        let p = try #require(r.pair("cto", "cfo"))
        #expect(p.roleA == "cfo" && p.roleB == "cto")
        // o1 1, o2 0.2, o3 0.738889, o4 0.666667, o5 (1 + 0.5)/2 = 0.75
        #expect(abs(p.alignment.value! - 0.6711111111111111) < 1e-12)
        #expect(p.alignment.n == 11)
        #expect(p.alignment.organisations == 5)
        #expect(p.alignment.lower == nil)
        #expect(p.alignment.intervalReason == "bootstrap disabled (B = 0)")
        // Baseline: all 24 CFO x CTO pairs from different organisations.
        let base = try #require(p.baseline)
        #expect(base.crossOrganisationPairs == 24 && base.pairsUsed == 24 && !base.sampled)
        #expect(abs(base.value! - 0.5680976430976431) < 1e-12)
        #expect(abs(p.excess.value! - 0.103013468013468) < 1e-12)
        // Dimensions: conviction answered in all five organisations, priorities in three.
        let conviction = p.dimensions.first { $0.dimension == .conviction }!.alignment
        #expect(abs(conviction.value! - 0.6166666666666667) < 1e-12)
        #expect(conviction.n == 11)
        let priorities = p.dimensions.first { $0.dimension == .priorities }!.alignment
        #expect(priorities.value == nil && priorities.reason == "suppressed" && priorities.organisations == 3)
        // Diagonal: only o5 has two CTOs.
        let diagonal = try #require(r.pair("cto", "cto"))
        #expect(diagonal.alignment.reason == "suppressed")
        #expect(diagonal.alignment.organisations == 1 && diagonal.alignment.n == 2)
        let absent = try #require(r.pair("ceo", "cfo"))
        #expect(absent.alignment.reason == "not available: no organisation has respondents of both roles")
        #expect(r.faultLines.map { [$0.roleA, $0.roleB] } == [["cfo", "cto"]])
        // Leadership alignment: A_o = the organisation's CFO-CTO value.
        #expect(abs(r.leadership.mean.value! - 0.6711111111111111) < 1e-12)
        #expect(abs(r.leadership.lowerQuartile! - 0.6666666666666667) < 1e-12)
        #expect(abs(r.leadership.median! - 0.7388888888888889) < 1e-12)
        #expect(abs(r.leadership.upperQuartile! - 0.75) < 1e-12)
        // rWG conviction per organisation 1, 0, 0.5, 0.5, 0.25; direction answered in three only.
        #expect(abs(r.leadership.convictionAgreement.value! - 0.45) < 1e-12)
        #expect(r.leadership.directionAgreement.reason == "suppressed")
        // Krippendorff's alpha, interval, conviction (krippendorff 0.9.0): -0.43243243243243246.
        let alpha = r.agreement.first { $0.dimension == .conviction }!
        #expect(alpha.metric == "interval")
        #expect(abs(alpha.alpha.value! - -0.43243243243243246) < 1e-9)
        #expect(r.agreement.first { $0.dimension == .ownership }!.alpha.reason == "suppressed")
        #expect(r.agreement.first { $0.dimension == .risk }!.alpha.reason?.hasPrefix("not computed") == true)
    }

    /// A pair with four organisations is suppressed, with its reason, and is no fault line.
    @Test func pairWithFourOrganisationsIsSuppressed() throws {
        let (t, cell) = F.table(F.alignmentCase(dropping: ["5"]))
        let r = AlignmentMap.compute(table: t, cell: cell, settings: F.noBootstrap)
        let p = try #require(r.pair("cfo", "cto"))
        #expect(p.alignment.value == nil)
        #expect(p.alignment.reason == AnonymityRule.suppressedReason)
        #expect(p.alignment.organisations == 4)
        #expect(p.excess.value == nil && p.baseline == nil)
        #expect(r.faultLines.isEmpty)
        #expect(r.leadership.mean.reason == AnonymityRule.suppressedReason)
        #expect(r.leadership.median == nil)
    }

    /// Data without organisations (and organisations of one role) are "not available" with the reason.
    @Test func noOrganisations() {
        let (t, cell) = F.table(F.alignmentCase(organisations: false))
        let r = AlignmentMap.compute(table: t, cell: cell, settings: F.noBootstrap)
        #expect(r.unavailableReason == "not available: no organisation has two or more roles")
        #expect(r.pairs.isEmpty && r.faultLines.isEmpty)
        #expect(r.leadership.mean.reason == AlignmentMap.noOrganisationsReason)
        let single = (0..<6).map { F.response("s\($0)", org: "o\($0)", role: "cfo", conf: 3) }
        let (t2, c2) = F.table(single)
        #expect(AlignmentMap.compute(table: t2, cell: c2, settings: F.noBootstrap).unavailableReason == AlignmentMap.noOrganisationsReason)
    }

    /// The same data and seed give identical results and identical JSON; the interval brackets the value.
    @Test func deterministicWithInterval() throws {
        let (t, cell) = F.table(F.alignmentCase())
        var s = AnalysisSettings()
        s.bootstrapReplicates = 200
        let a = AlignmentMap.compute(table: t, cell: cell, settings: s)
        let b = AlignmentMap.compute(table: t, cell: cell, settings: s)
        #expect(a == b)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(a) == encoder.encode(b))
        let p = try #require(a.pair("cfo", "cto")).alignment
        let lower = try #require(p.lower), upper = try #require(p.upper)
        #expect(lower <= p.value! && p.value! <= upper)
        #expect(lower >= 0.2 && upper <= 1)
        let lead = a.leadership.mean
        #expect(lead.lower != nil && lead.upper != nil)
    }

    /// Above the pair limit the baseline is a seeded sample with replacement, close to the full value.
    @Test func sampledBaseline() throws {
        let (t, cell) = F.table(F.alignmentCase())
        var s = F.noBootstrap
        s.baselinePairLimit = 10
        s.baselineSampleSize = 2000
        let r = AlignmentMap.compute(table: t, cell: cell, settings: s)
        let base = try #require(r.pair("cfo", "cto")?.baseline)
        #expect(base.sampled && base.pairsUsed == 2000 && base.crossOrganisationPairs == 24)
        #expect(abs(base.value! - 0.5680976430976431) < 0.03)
        #expect(AlignmentMap.compute(table: t, cell: cell, settings: s) == r)
    }

    /// Respondents sharing no answered dimension contribute nothing; their organisation does not count.
    @Test func pairsWithoutCommonDimensionAreSkipped() throws {
        var rs = F.alignmentCase()
        rs.append(F.response("6a", org: "o6", role: "cfo", dir: 1))
        rs.append(F.response("6b", org: "o6", role: "cto", conf: 4))
        let (t, cell) = F.table(rs)
        let r = AlignmentMap.compute(table: t, cell: cell, settings: F.noBootstrap)
        let p = try #require(r.pair("cfo", "cto"))
        #expect(p.alignment.organisations == 5 && p.alignment.n == 11)
        #expect(abs(p.alignment.value! - 0.6711111111111111) < 1e-12)
        #expect(r.organisations == 6)  // o6 has two roles, but no defined pair
    }

    /// On random data every published value lies in 0...1, the map is symmetric, excess = A − baseline,
    /// and fault lines are the lowest published off-diagonal pairs in ascending order.
    @Test func invariantsOnRandomData() throws {
        var g = RandomGenerator(seed: 7)
        let roles = ["ceo", "cfo", "cto", "cio", "cmo"]
        let prios = ["cost_efficiency", "revenue_growth", "customer_experience", "productivity", "innovation"]
        var rs: [Response] = []
        for o in 0..<40 {
            for k in 0..<(2 + g.nextInt(below: 5)) {
                var list = prios
                g.shuffle(&list)
                rs.append(F.response("r\(o)-\(k)", org: "o\(o)", role: roles[g.nextInt(below: roles.count)],
                                     prio: g.nextBool(probability: 0.8) ? Array(list.prefix(1 + g.nextInt(below: 3))) : nil,
                                     own: g.nextBool(probability: 0.5) ? .shared : .role(Role(roles[g.nextInt(below: 5)])),
                                     dir: g.nextInt(below: 5) - 2, conf: 1 + g.nextInt(below: 7),
                                     blk: g.nextBool(probability: 0.9) ? Array(["roi_uncertainty", "skills_gap", "security_risk"].prefix(g.nextInt(below: 4))) : nil))
            }
        }
        let (t, cell) = F.table(rs)
        var s = AnalysisSettings()
        s.bootstrapReplicates = 50
        let r = AlignmentMap.compute(table: t, cell: cell, settings: s)
        let m = r.matrix()
        for i in 0..<10 {
            for j in 0..<10 {
                #expect(m[i][j] == m[j][i])
                if let v = m[i][j] { #expect(v >= 0 && v <= 1) }
            }
        }
        var published: [Double] = []
        for p in r.pairs where p.roleA != p.roleB {
            guard let a = p.alignment.value else { continue }
            published.append(a)
            let base = try #require(p.baseline?.value)
            #expect(abs(p.excess.value! - (a - base)) < 1e-12)
            for d in p.dimensions { if let v = d.alignment.value { #expect(v >= 0 && v <= 1) } }
        }
        let faults = r.faultLines.map { $0.alignment.value! }
        #expect(faults == Array(published.sorted().prefix(5)))
        #expect(faults.count == min(5, published.count))
    }
}
