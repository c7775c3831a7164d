import Foundation
import Testing
import RoleLayerCore
import RoleLayerIO
import Yams
@testable import RoleLayerSimulation

/// Same input, same output: seeds, streams and generation order.
struct DeterminismTests {
    /// The same scenario and seed give byte-identical CSV and JSON Lines.
    @Test func sameSeedSameBytes() throws {
        let a = try PanelSimulator(scenario: Fixture.small()).responses()
        let b = try PanelSimulator(scenario: Fixture.small()).responses()
        #expect(CanonicalWriter.render(a, format: .csv) == CanonicalWriter.render(b, format: .csv))
        #expect(CanonicalWriter.render(a, format: .jsonLines) == CanonicalWriter.render(b, format: .jsonLines))
        #expect(a.count > 500)
    }

    /// A different seed gives different records and different respondent ids.
    @Test func differentSeedDiffers() throws {
        let a = try PanelSimulator(scenario: Fixture.small(seed: 7)).responses()
        let b = try PanelSimulator(scenario: Fixture.small(seed: 8)).responses()
        #expect(CanonicalWriter.render(a, format: .csv) != CanonicalWriter.render(b, format: .csv))
        #expect(Set(a.map(\.respondentID)).isDisjoint(with: Set(b.map(\.respondentID))))
    }

    /// Wave-major and organisation-major orders produce the same records, only reordered.
    @Test func orderDoesNotChangeRecords() throws {
        var s = Fixture.small()
        s.order = .wave
        let byWave = try PanelSimulator(scenario: s).responses()
        s.order = .organisation
        let byOrg = try PanelSimulator(scenario: s).responses()
        #expect(byWave.count == byOrg.count)
        #expect(Set(byWave) == Set(byOrg))
        #expect(byWave.map(\.wave) == byWave.map(\.wave).sorted())
        #expect(byOrg.map { $0.organisationID! } == byOrg.map { $0.organisationID! }.sorted())
    }

    /// Adding organisations does not change the records of the existing ones (per-organisation streams).
    @Test func organisationsAreIndependentStreams() throws {
        var s = Fixture.small()
        s.panel.entrants = 0
        let few = try PanelSimulator(scenario: s).responses()
        s.organisations = 90
        let more = try PanelSimulator(scenario: s).responses()
        #expect(Set(few).isSubset(of: Set(more)))
    }
}

/// Every generated record obeys the canonical record rules of data.md.
struct RecordRuleTests {
    /// Codes are known, numbers in range, primary among blockers, no self-nomination, ≤ 3
    /// distinct priorities, (wave, respondent_id) unique, ids pseudonymous.
    @Test func recordsAreValid() {
        let inst = Instrument.default
        var keys = Set<String>()
        for r in Fixture.panel {
            #expect(inst.index(of: r.role) != nil)
            #expect(Stage.range.contains(r.stage.value))
            if let c = r.confidence { #expect((1...7).contains(c)) }
            if let p = r.preparedness { #expect((1...7).contains(p)) }
            if let bs = r.blockers {
                #expect(bs.allSatisfy { inst.index(of: $0) != nil })
                #expect(Set(bs).count == bs.count)
            }
            if let p = r.primaryBlocker { #expect(r.blockers?.contains(p) == true) }
            if let ps = r.priorities {
                #expect((1...3).contains(ps.count))
                #expect(Set(ps).count == ps.count)
                #expect(ps.allSatisfy { inst.index(of: $0) != nil })
            }
            if case .role(let o)? = r.ownership { #expect(inst.index(of: o) != nil) }
            if let i = r.influences {
                #expect(!i.contains(r.role))
                #expect(i.allSatisfy { inst.index(of: $0) != nil })
            }
            if let s = r.signoff { #expect(s.allSatisfy { inst.index(of: $0) != nil }) }
            #expect(r.weight > 0 && r.weight.isFinite)
            #expect(r.respondentID.hasPrefix("r-") && r.respondentID.count == 18)
            #expect(r.organisationID?.hasPrefix("org-") == true)
            #expect(r.sector != nil && r.sizeBand != nil && r.region != nil)
            let key = "\(r.wave)|\(r.respondentID)"
            #expect(!keys.contains(key), "duplicate \(key)")
            keys.insert(key)
        }
    }

    /// Item non-response happens on every optional item, at about the planted rate.
    @Test func itemNonresponse() {
        let n = Double(Fixture.panel.count)
        let missingConfidence = Double(Fixture.panel.filter { $0.confidence == nil }.count) / n
        let missingSignoff = Double(Fixture.panel.filter { $0.signoff == nil }.count) / n
        #expect(abs(missingConfidence - 0.03) < 0.006)
        #expect(abs(missingSignoff - 0.08) < 0.01)
        #expect(Fixture.panel.contains { $0.blockers == [] })
        #expect(Fixture.panel.contains { $0.orgStage != nil } && Fixture.panel.contains { $0.orgStage == nil })
    }

    /// Weights are 1 by default and vary by organisation when enabled.
    @Test func weights() throws {
        #expect(Fixture.panel.allSatisfy { $0.weight == 1 })
        var s = Fixture.small()
        s.weights.enabled = true
        let rs = try PanelSimulator(scenario: s).responses()
        #expect(Set(rs.map(\.weight)).count > 20)
        for (_, group) in Dictionary(grouping: rs, by: { $0.organisationID! }) {
            #expect(Set(group.map(\.weight)).count == 1)
        }
    }
}

/// The planted marginals come back from a generated panel within sampling error.
struct PlantedMarginalTests {
    private func share(_ role: Role, cites blocker: Blocker) -> (Double, Int) {
        let answered = Fixture.panel.filter { $0.role == role && $0.blockers != nil }
        let k = answered.filter { $0.blockers!.contains(blocker) }.count
        return (Double(k) / Double(answered.count), answered.count)
    }

    /// Blocker shares (CFO capital_evidence, GC regulatory_uncertainty, CMO roi_uncertainty, ...)
    /// lie within 4 standard errors of the planted share.
    @Test func blockerShares() {
        let p = Fixture.planted
        for (role, blocker) in [(Role.cfo, Blocker.capitalEvidence), (.gc, .regulatoryUncertainty), (.gc, .liabilityExposure),
                                (.cmo, .roiUncertainty), (.ceo, .roiUncertainty), (.cto, .integrationComplexity),
                                (.ciso, .securityRisk), (.chro, .workforceReadiness), (.coo, .capitalEvidence)] {
            let (observed, n) = share(role, cites: blocker)
            let expected = p.blockerShare[p.roles.firstIndex(of: role)!][p.blockers.firstIndex(of: blocker)!]
            let se = (expected * (1 - expected) / Double(n)).squareRoot()
            #expect(abs(observed - expected) < 4 * se, "\(role) \(blocker): \(observed) vs \(expected)")
        }
        #expect(share(.cfo, cites: .capitalEvidence).0 > 3 * share(.cmo, cites: .capitalEvidence).0)
    }

    /// Each role's mean position x per wave matches the planted expected RSI within 2.5 points,
    /// and the order is as planted: technical roles ahead, cmo behind them, ceo and cfo behind.
    @Test func rsiAndRoleOrder() {
        let p = Fixture.planted
        let s = AnalysisSettings()
        var observed = [[Double]](repeating: [Double](repeating: 0, count: p.waves.count), count: p.roles.count)
        var counts = observed
        for r in Fixture.panel {
            var num = s.stageWeight * Double(r.stage.value) / 6, den = s.stageWeight
            if let c = r.confidence { num += s.confidenceWeight * Double(c - 1) / 6; den += s.confidenceWeight }
            if let q = r.preparedness { num += s.preparednessWeight * Double(q - 1) / 6; den += s.preparednessWeight }
            let i = p.roles.firstIndex(of: r.role)!, w = p.waves.firstIndex(of: r.wave)!
            observed[i][w] += 100 * num / den
            counts[i][w] += 1
        }
        for i in p.roles.indices {
            for w in p.waves.indices {
                let mean = observed[i][w] / counts[i][w]
                #expect(abs(mean - p.expectedRSI[i][w]) < 2.5, "\(p.roles[i]) wave \(w): \(mean) vs \(p.expectedRSI[i][w])")
            }
        }
        let rank = Dictionary(uniqueKeysWithValues: p.roleOrder.enumerated().map { ($1, $0) })
        for tech in [Role.cto, .cio, .cdao, .ciso] {
            #expect(rank[tech]! < rank[.cmo]!)
            #expect(rank[tech]! < rank[.ceo]! && rank[tech]! < rank[.cfo]!)
        }
        #expect(p.roleOrder.first == .cto)
    }

    /// cmo follows cto by 2 waves: the planted lag is exactly 2 and cmo's observed wave-3
    /// position matches cto's wave-1 position.
    @Test func plantedLag() throws {
        let sim = try PanelSimulator()
        let lag = try #require(sim.expectedLag(of: .cmo, behind: .cto))
        #expect(abs(lag - 2) < 1e-6)
        #expect(Fixture.planted.lags == [PlantedEffects.Lag(leader: .cto, follower: .cmo, waves: 2)])
        let p = Fixture.planted
        let cto = p.roles.firstIndex(of: .cto)!, cmo = p.roles.firstIndex(of: .cmo)!
        #expect(abs(p.expectedRSI[cmo][2] - p.expectedRSI[cto][0]) < 1e-9)
        #expect(abs(p.expectedRSI[cmo][3] - p.expectedRSI[cto][1]) < 1e-9)
    }

    /// Gatekeepers cfo and gc, validators cto and ceo, fault lines led by cto–gc.
    @Test func influenceAndFaultLines() {
        let p = Fixture.planted
        #expect(p.gatekeepers == [.cfo, .gc])
        #expect(Set(p.validators) == [.cto, .ceo])
        #expect(abs(p.expectedRII.reduce(0, +) - Double(p.roles.count)) < 1e-9)
        #expect(p.faultLines.count == 5)
        #expect(Set([p.faultLines[0].a, p.faultLines[0].b]) == [.cto, .gc])
        // Sign-off of cfo observed among other roles' answers.
        let others = Fixture.panel.filter { $0.role != .cfo && $0.signoff != nil }
        let g = Double(others.filter { $0.signoff!.contains(.cfo) }.count) / Double(others.count)
        #expect(abs(g - 0.85) < 0.01)
    }

    /// Most organisation-waves have 4 to 10 roles answering, as planted.
    @Test func rolesPerOrganisation() {
        let groups = Dictionary(grouping: Fixture.panel, by: { "\($0.wave)|\($0.organisationID!)" })
        let inRange = groups.values.filter { (4...10).contains(Set($0.map(\.role)).count) }.count
        let share = Double(inRange) / Double(groups.count)
        #expect(abs(share - Fixture.planted.shareWithFourToTenRoles) < 0.02)
        #expect(share > 0.9)
    }

    /// Organisations leave (attrition) and join (entrants) between waves at about the planted rates.
    @Test func attritionAndEntrants() {
        let p = Fixture.planted
        var wavesOf: [String: Set<Int>] = [:]
        for r in Fixture.panel { wavesOf[r.organisationID!, default: []].insert(p.waves.firstIndex(of: r.wave)!) }
        let entrants = wavesOf.values.filter { $0.min()! > 0 }.count
        #expect(entrants > 150 && entrants <= 240)  // 80 per wave after the first, minus a few silent ones
        let inFirst = wavesOf.values.filter { $0.contains(0) }
        let leftBySecond = inFirst.filter { $0.max()! == 0 }.count
        #expect(Double(leftBySecond) / Double(inFirst.count) > 0.04)
        #expect(Double(leftBySecond) / Double(inFirst.count) < 0.13)
        // Panel: respondents keep their id across waves.
        let ids = Dictionary(grouping: Fixture.panel, by: \.respondentID)
        #expect(ids.values.contains { Set($0.map(\.wave)).count == 4 })
    }
}

/// Scenario files: override decoding, validation and the shipped default.
struct ScenarioTests {
    /// An override names only what it changes; role maps and blocker maps merge onto the defaults.
    @Test func overrideDecoding() throws {
        let json = """
            {"organisations": 10, "roles": {"cmo": {"follows": {"role": "cto", "lag_waves": 1}},
             "cfo": {"blockers": {"budget_constraints": 0.5}}}}
            """
        let s = try JSONDecoder().decode(Scenario.self, from: Data(json.utf8))
        #expect(s.organisations == 10)
        #expect(s.waves == Scenario.default.waves)
        #expect(s.roles["cmo"]?.follows == FollowRelation(role: "cto", lagWaves: 1))
        #expect(s.roles["cmo"]?.blockers == Scenario.default.roles["cmo"]?.blockers)
        #expect(s.roles["cfo"]?.blockers["budget_constraints"] == 0.5)
        #expect(s.roles["cfo"]?.blockers["capital_evidence"] == 0.6)
        #expect(s.sectors == Scenario.default.sectors)
        #expect(try JSONDecoder().decode(Scenario.self, from: Data("{}".utf8)) == Scenario.default)
    }

    /// JSON encoding then decoding gives the same scenario.
    @Test func codingRoundTrip() throws {
        var s = Scenario.default
        s.seed = UInt64.max
        s.weights.enabled = true
        let data = try JSONEncoder().encode(s)
        #expect(try JSONDecoder().decode(Scenario.self, from: data) == s)
    }

    /// YAML encoding (sorted keys, as in the sidecar) then decoding gives the same scenario.
    @Test func yamlRoundTrip() throws {
        var s = Scenario.default
        s.seed = 12345678901234567890
        s.roles["gc"]?.follows = FollowRelation(role: "cfo", lagWaves: 0.5)
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        let text = try encoder.encode(s)
        #expect(try YAMLDecoder().decode(Scenario.self, from: text) == s)
        #expect(try encoder.encode(s) == text)
    }

    /// examples/scenarios/default.yaml is the built-in default written out in full.
    @Test func shippedDefaultMatches() throws {
        let url = Fixture.packageRoot.appendingPathComponent("examples/scenarios/default.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let decoded = try YAMLFile.decode(Scenario.self, path: url.path)  // unknown keys rejected
        #expect(decoded == Scenario.default)
        // Written out in full: every top-level key present.
        for key in Scenario.CodingKeys.allCases.map(\.rawValue) { #expect(text.contains("\n\(key):") || text.hasPrefix("\(key):"), "\(key) missing") }
    }

    /// Invalid scenarios are rejected with every problem named.
    @Test func invalidScenarios() {
        var s = Scenario.default
        s.roles["cfo"]?.blockers["capital"] = 0.5
        s.roles["cto"]?.follows = FollowRelation(role: "cmo", lagWaves: 1)
        s.panel.attrition = 1.5
        s.sectors = []
        #expect {
            try PanelSimulator(scenario: s)
        } throws: { error in
            let p = (error as? ScenarioError)?.problems.joined(separator: "\n") ?? ""
            return p.contains("unknown blocker 'capital'") && p.contains("cycle") && p.contains("panel.attrition")
                && p.contains("sectors: must not be empty")
        }
    }
}

/// The canonical CSV and JSON Lines writers.
struct CanonicalWriterTests {
    private static let tricky = Response(
        respondentID: "r-1", organisationID: "org-1", wave: Wave(parsing: "2026-Q1")!, role: .cto, stage: .piloting,
        confidence: 5, preparedness: nil, blockers: [], primaryBlocker: nil, priorities: [.innovation, .talent],
        ownership: .shared, direction: .slowDown, influences: nil, signoff: [.cfo, .gc], orgStage: nil,
        sector: "a, b", sizeBand: " lead", region: "NA", weight: 0.25, comment: "say \"hi\"\nline 2")

    /// CSV: header in field order, RFC 4180 quoting, NA for unanswered sets, empty for none selected.
    @Test func csvRecord() {
        let text = CanonicalWriter.render([Self.tricky], format: .csv)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(String(lines[0]) == Response.fieldNames.joined(separator: ","))
        #expect(text.hasSuffix("\n"))
        let records = splitCSV(text)
        #expect(records.count == 2)
        #expect(records[1] == ["r-1", "org-1", "2026-Q1", "cto", "3", "5", "", "", "", "innovation;talent", "shared", "-1",
                               "NA", "cfo;gc", "", "a, b", " lead", "NA", "0.25", "say \"hi\"\nline 2"])
        #expect(text.contains("\"say \"\"hi\"\"\nline 2\""))
    }

    /// JSON Lines decode back to the same responses (nulls, empty arrays, escapes).
    @Test func jsonLinesRoundTrip() throws {
        let rs = [Self.tricky] + Array(Fixture.panel.prefix(2000))
        let text = CanonicalWriter.render(rs, format: .jsonLines)
        let lines = text.split(separator: "\n")
        #expect(lines.count == rs.count)
        let decoded = try lines.map { try JSONDecoder().decode(Response.self, from: Data($0.utf8)) }
        #expect(decoded == rs)
        #expect(lines[0].hasPrefix("{\"respondent_id\":\"r-1\",\"organisation_id\":\"org-1\""))
        #expect(lines[0].contains("\"influences\":null,\"signoff\":[\"cfo\",\"gc\"]"))
        #expect(lines[0].contains("\"blockers\":[],"))
    }

    /// CSV of a generated panel parses back, field for field, to the generated values.
    @Test func csvRoundTripOfPanel() {
        let rs = Array(Fixture.panel.prefix(3000))
        let records = splitCSV(CanonicalWriter.render(rs, format: .csv))
        #expect(records.count == rs.count + 1)
        for (r, f) in zip(rs, records.dropFirst()) {
            #expect(f.count == Response.fieldNames.count)
            #expect(f[0] == r.respondentID && f[2] == r.wave.description && Int(f[4]) == r.stage.value)
            #expect(f[7] == (r.blockers.map { $0.map(\.rawValue).joined(separator: ";") } ?? "NA"))
            #expect(f[19] == (r.comment ?? ""))
        }
    }

    /// The buffered writer streams to a file handle and writes exactly what render gives.
    @Test func streamsToFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rolelayer-writer-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        let writer = CanonicalWriter(handle: handle, format: .csv, bufferCapacity: 1024)
        let rs = Array(Fixture.panel.prefix(500))
        for r in rs { try writer.write(r) }
        try writer.finish()
        try handle.close()
        #expect(try String(contentsOf: url, encoding: .utf8) == CanonicalWriter.render(rs, format: .csv))
        #expect(writer.count == 500)
        #expect(CanonicalFormat(path: "x.JSONL") == .jsonLines && CanonicalFormat(path: "x.csv") == .csv && CanonicalFormat(path: "x.txt") == nil)
    }
}

/// Generated files pass the canonical readers of RoleLayerIO with zero problems and read back
/// to the generated responses.
struct ReaderRoundTripTests {
    private func roundTrip(_ format: CanonicalFormat, fileName: String) {
        let rs = Fixture.panel
        let bytes = Array(CanonicalWriter.render(rs, format: format).utf8)
        let report = ResponseReader().read(bytes: bytes, fileName: fileName)
        #expect(report.problems.isEmpty, "\(report.problems.prefix(5).map(\.description))")
        #expect(report.accepted.count == rs.count)
        #expect(report.accepted.map(\.response) == rs)
    }

    /// Canonical CSV of the default panel: zero problems, every record read back unchanged.
    @Test func csv() { roundTrip(.csv, fileName: "panel.csv") }

    /// JSON Lines of the default panel: zero problems, every record read back unchanged.
    @Test func jsonLines() { roundTrip(.jsonLines, fileName: "panel.jsonl") }

    /// A panel with survey weights, one wave and organisation order also reads back unchanged.
    @Test func weightedPanel() throws {
        var s = Fixture.small()
        s.weights.enabled = true
        s.order = .organisation
        let rs = try PanelSimulator(scenario: s).responses()
        for format in CanonicalFormat.allCases {
            let name = format == .csv ? "w.csv" : "w.jsonl"
            let report = ResponseReader().read(bytes: Array(CanonicalWriter.render(rs, format: format).utf8), fileName: name)
            #expect(report.problems.isEmpty)
            #expect(report.accepted.map(\.response) == rs)
        }
    }
}
