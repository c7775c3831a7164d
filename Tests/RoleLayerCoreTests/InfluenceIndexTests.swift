import Foundation
import Testing
@testable import RoleLayerCore

/// The Role Influence Index (constructs.md §6 and settled conventions).
struct InfluenceIndexTests {
    typealias F = AlignmentFixtures

    /// Eight respondents without organisations (expected values: tools/oracles/constructs-b-expected.py,
    /// `influence_case`, PageRank by networkx 3.4.2). gc is named but absent; one CFO names nobody;
    /// one CTO did not answer `influences`.
    static func individuals() -> [Response] {
        [
            F.response("a", org: nil, role: "ceo", inf: ["cfo"], sign: ["cfo", "ceo"]),
            F.response("b", org: nil, role: "ceo", inf: ["cfo", "cto"], sign: ["cfo"]),
            F.response("c", org: nil, role: "cfo", inf: ["ceo"], sign: ["cfo"]),
            F.response("d", org: nil, role: "cfo", inf: ["ceo", "cto"], sign: ["ceo"]),
            F.response("e", org: nil, role: "cfo", inf: [], sign: []),
            F.response("f", org: nil, role: "cto", inf: ["cfo"], sign: ["cfo", "ceo"]),
            F.response("g", org: nil, role: "cto", inf: ["gc"], sign: ["cfo"]),
            F.response("h", org: nil, role: "cto", sign: ["cfo"]),
        ]
    }

    static var looseSettings: AnalysisSettings {
        var s = F.noBootstrap
        s.minimumRespondents = 1
        s.minimumOrganisations = 1
        return s
    }

    /// RSI by role index: ceo 60, cfo 40, cto 70 (median 60), others unknown.
    static let rsi: [Double?] = [60, 40, nil, 70, nil, nil, nil, nil, nil, nil]

    /// PageRank, sign-off power, edges, archetypes and bottleneck reproduce the hand case.
    @Test func handComputedIndividuals() throws {
        let (t, cell) = F.table(Self.individuals())
        let r = InfluenceIndex.compute(table: t, cell: cell, settings: Self.looseSettings, roleRSI: Self.rsi)
        #expect(r.nodeCount == 4)
        #expect(r.roles.map(\.role) == ["ceo", "cfo", "cto", "gc"])
        let expected: [Role: Double] = ["ceo": 1.16281364727103, "cfo": 1.3768688924115087,
                                        "cto": 0.824742268041237, "gc": 0.6355751922762232]
        var total = 0.0
        for role in r.roles {
            let v = try #require(role.rii.value)
            #expect(abs(v - expected[role.role]!) < 1e-9)
            total += v
        }
        #expect(abs(total - 4) < 1e-9)
        #expect(abs(r.role("ceo")!.signoffPower.value! - 2.0 / 6) < 1e-12)
        #expect(r.role("cfo")!.signoffPower.value == 1)
        #expect(r.role("cto")!.signoffPower.value == 0)
        #expect(r.role("gc")!.signoffPower.value == 0 && r.role("gc")!.signoffPower.n == 8)
        #expect(r.role("cfo")!.archetype == .gatekeeper)
        #expect(r.role("cfo")!.bottleneck == true)  // RSI 40 < median 60
        #expect(r.role("ceo")!.archetype == .contributor)  // RII 1.163 < 1.25
        #expect(r.role("gc")!.isNode && !r.role("gc")!.present)
        let edges = Dictionary(uniqueKeysWithValues: r.edges.map { ("\($0.source)>\($0.target)", $0.weight) })
        #expect(edges.count == 6)
        #expect(edges["ceo>cfo"] == 0.75 && edges["ceo>cto"] == 0.25)
        #expect(edges["cfo>ceo"] == 0.5 && abs(edges["cfo>cto"]! - 1.0 / 6) < 1e-15)
        #expect(edges["cto>cfo"] == 0.5 && edges["cto>gc"] == 0.5)
        #expect(r.friction.index.reason == AlignmentMap.noOrganisationsReason)
    }

    /// With the default k_resp = 5, RII and sign-off power need five respondents of the other roles
    /// who answered; edges need the source role to pass the anonymity rule.
    @Test func anonymity() throws {
        let (t, cell) = F.table(Self.individuals())
        let r = InfluenceIndex.compute(table: t, cell: cell, settings: F.noBootstrap, roleRSI: Self.rsi)
        let cfo = try #require(r.role("cfo"))
        #expect(cfo.rii.value == nil && cfo.rii.reason == AnonymityRule.suppressedReason && cfo.rii.n == 4)
        #expect(r.role("ceo")!.rii.n == 5 && r.role("ceo")!.rii.value != nil)
        #expect(cfo.signoffPower.value == 1 && cfo.signoffPower.n == 5)
        #expect(cfo.archetype == .gatekeeper)  // sign-off power alone decides a gatekeeper
        #expect(r.edges.isEmpty)  // no source role has five answering respondents
    }

    /// Nobody nominates anybody: every node is dangling, so every RII is exactly 1.
    @Test func nobodyNominates() {
        let rs = (0..<6).map { F.response("n\($0)", org: nil, role: $0 % 2 == 0 ? "cfo" : "cto", inf: [], sign: []) }
        let (t, cell) = F.table(rs)
        let r = InfluenceIndex.compute(table: t, cell: cell, settings: Self.looseSettings, roleRSI: [])
        #expect(r.nodeCount == 2)
        for role in r.roles {
            #expect(abs(role.rii.value! - 1) < 1e-12)
            #expect(role.signoffPower.value == 0)
            #expect(role.archetype == .contributor)
            #expect(role.bottleneck == false)
        }
        #expect(r.edges.isEmpty)
    }

    /// Nobody answered the questions: RII exists on the graph of present roles but rests on nobody,
    /// and sign-off power is not available.
    @Test func nobodyAnswered() {
        let rs = (0..<6).map { F.response("n\($0)", org: nil, role: $0 % 2 == 0 ? "cfo" : "cto") }
        let (t, cell) = F.table(rs)
        let r = InfluenceIndex.compute(table: t, cell: cell, settings: F.noBootstrap, roleRSI: [])
        #expect(r.respondentsAnsweringInfluences == 0)
        for role in r.roles {
            #expect(role.rii.reason == AnonymityRule.suppressedReason && role.rii.n == 0)
            #expect(role.signoffPower.reason?.hasPrefix("not available") == true)
            #expect(role.archetype == nil)
        }
    }

    /// Survey weights weight the edge means; a self-nomination (invalid input) is ignored.
    @Test func weightedEdgesAndSelfNomination() throws {
        let rs = [
            F.response("w1", org: nil, role: "cfo", inf: ["ceo"], weight: 3),
            F.response("w2", org: nil, role: "cfo", inf: ["cto", "cfo"], weight: 1),
            F.response("w3", org: nil, role: "ceo", inf: []),
            F.response("w4", org: nil, role: "cto", inf: []),
        ]
        let (t, cell) = F.table(rs)
        let r = InfluenceIndex.compute(table: t, cell: cell, settings: Self.looseSettings, roleRSI: [])
        let edges = Dictionary(uniqueKeysWithValues: r.edges.map { ("\($0.source)>\($0.target)", $0.weight) })
        #expect(edges == ["cfo>ceo": 0.75, "cfo>cto": 0.25])
    }

    /// Three roles in five organisations, answering direction only (expected: `friction_case`):
    /// RII 1.425, 1.425, 0.15; the friction index weights the pairs by √(RII_a·RII_b).
    static func frictionCase() -> [Response] {
        let directions: [(Int, Int, Int)] = [(2, 2, 0), (1, 1, -1), (0, 1, 0), (2, 1, -2), (1, 1, 1)]
        var rs: [Response] = []
        for (o, d) in directions.enumerated() {
            rs.append(F.response("f\(o)a", org: "f\(o)", role: "ceo", dir: d.0, inf: ["cfo"], sign: ["ceo"]))
            rs.append(F.response("f\(o)b", org: "f\(o)", role: "cfo", dir: d.1, inf: ["ceo"], sign: ["ceo"]))
            rs.append(F.response("f\(o)c", org: "f\(o)", role: "cto", dir: d.2, inf: ["ceo", "cfo"], sign: ["ceo"]))
        }
        return rs
    }

    /// The friction index, ranked pairs and archetypes of the friction case.
    @Test func frictionHandCase() throws {
        let (t, cell) = F.table(Self.frictionCase())
        let r = InfluenceIndex.compute(table: t, cell: cell, settings: F.noBootstrap, roleRSI: [70, 50, nil, 30, nil, nil, nil, nil, nil, nil])
        #expect(abs(r.role("ceo")!.rii.value! - 1.425) < 1e-9)
        #expect(abs(r.role("cto")!.rii.value! - 0.15) < 1e-9)
        #expect(r.role("ceo")!.archetype == .gatekeeper && r.role("ceo")!.bottleneck == false)  // RSI 70 > median 50
        #expect(r.role("cfo")!.archetype == .validator)
        #expect(r.role("cto")!.archetype == .contributor)
        #expect(r.edges.count == 4)
        #expect(abs(r.friction.index.value! - 0.21805894561648964) < 1e-9)
        #expect(abs(r.friction.unweightedMisalignment.value! - 0.3) < 1e-12)
        #expect(abs(r.friction.difference.value! - -0.08194105438351035) < 1e-9)
        #expect(r.friction.pairs.map { "\($0.roleA)-\($0.roleB)" } == ["ceo-cto", "cfo-cto", "ceo-cfo"])
        #expect(abs(r.friction.pairs[0].friction - 0.1849324200890693) < 1e-9)
        #expect(abs(r.friction.pairs[2].friction - 0.14249999999999996) < 1e-9)
    }

    /// With a bootstrap, the friction index gets a joint interval, and results are deterministic;
    /// a precomputed alignment analysis gives the same result as computing it inside.
    @Test func frictionIntervalDeterministic() throws {
        let (t, cell) = F.table(Self.frictionCase())
        var s = AnalysisSettings()
        s.bootstrapReplicates = 100
        let a = InfluenceIndex.compute(table: t, cell: cell, settings: s, roleRSI: [])
        let analysis = AlignmentMap.analyse(table: t, cell: cell, settings: s)
        let b = InfluenceIndex.compute(table: t, cell: cell, settings: s, roleRSI: [], alignment: analysis)
        #expect(a == b)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(a) == encoder.encode(b))
        let f = a.friction.index
        let lower = try #require(f.lower), upper = try #require(f.upper)
        #expect(lower <= f.value! && f.value! <= upper)
        #expect(a.role("ceo")!.rii.lower != nil)
    }
}
