import Foundation
import Testing
import RoleLayerCore
import RoleLayerIO
import RoleLayerSimulation

/// The analysis result through its JSON and tidy tables (the text: RoleLayerReportTests'
/// TextSummaryTests) on small simulated panels, run through the library: the no-organisation case, determinism, and that the tidy
/// tables carry the result's values.
struct AnalysisOutputTests {
    /// A small simulated panel (60 organisations, 3 waves).
    static let panel: [Response] = try! PanelSimulator(scenario: Fixture.small(seed: 17, organisations: 60, waves: 3)).responses()

    static func settings(bootstrap: Int = 100) -> AnalysisSettings {
        var s = AnalysisSettings()
        s.bootstrapReplicates = bootstrap
        s.permutations = 99
        return s
    }

    static func analyse(_ responses: [Response], bootstrap: Int = 100) -> AnalysisResult {
        let table = ResponseTable(responses: responses, instrument: .default)
        return Analysis.run(table: table, request: AnalysisRequest(settings: settings(bootstrap: bootstrap)))
    }

    /// `Analysis.run` runs its waves concurrently; its result equals the constructs called one by
    /// one in wave order (the serial definition), and a second run is identical.
    @Test func concurrentRunEqualsSerialConstructs() {
        let table = ResponseTable(responses: Self.panel, instrument: .default)
        let settings = Self.settings(bootstrap: 40)
        let result = Analysis.run(table: table, request: AnalysisRequest(settings: settings))
        let cells = table.waves.indices.map { Cell(table: table, waveIndex: $0) }
        #expect(cells.count >= 3)
        #expect(result.waves.map(\.wave) == table.waves)
        for (w, cell) in cells.enumerated() {
            let previous = Cell.previous(of: cell, among: cells, table: table)
            let rsi = RoleShiftIndex.compute(table: table, cell: cell, previous: previous, settings: settings)
            let alignment = AlignmentMap.analyse(table: table, cell: cell, settings: settings)
            #expect(result.waves[w].roleShiftIndex == rsi)
            #expect(result.waves[w].adoptionGradient == AdoptionGradient.compute(table: table, cell: cell, settings: settings))
            #expect(result.waves[w].blockers == BlockerDistribution.compute(table: table, cell: cell, settings: settings))
            #expect(result.waves[w].alignment == alignment.result)
            #expect(result.waves[w].influence == InfluenceIndex.compute(table: table, cell: cell, settings: settings,
                                                                        roleRSI: rsi.publishedValues, alignment: alignment))
        }
        #expect(result.acrossWaves.leadLag == LeadLagRanking.compute(table: table, cells: cells, settings: settings))
        #expect(result.acrossWaves.consensusHorizon == ConsensusHorizon.compute(table: table, cells: cells, settings: settings))
        #expect(Analysis.run(table: table, request: AnalysisRequest(settings: settings)) == result)
    }

    /// Data without organisation_id: the constructs that need organisations say "not available:
    /// no organisation has two or more roles" in JSON and tidy tables; RSI, the role
    /// gradient, blockers and influence are computed with each respondent as their own cluster.
    @Test func noOrganisationCase() throws {
        let responses = Self.panel.map { r -> Response in
            var r = r
            r.organisationID = nil
            return r
        }
        let result = Self.analyse(responses, bootstrap: 50)
        let reason = "not available: no organisation has two or more roles"
        #expect(AlignmentMap.noOrganisationsReason == reason)
        #expect(!result.cohort.hasOrganisations)
        #expect(result.cohort.organisations == 0)
        #expect(result.cohort.clusters == responses.count)
        #expect(result.waves.count == 3)
        for w in result.waves {
            // Needs organisations: not available, with the reason.
            #expect(w.alignment.unavailableReason == reason)
            #expect(w.alignment.pairs.isEmpty && w.alignment.faultLines.isEmpty)
            #expect(w.alignment.leadership.mean.value == nil && w.alignment.leadership.mean.reason == reason)
            #expect(w.adoptionGradient.withinOrganisation.median.value == nil)
            #expect(w.adoptionGradient.withinOrganisation.median.reason == reason)
            // Works with lone respondents: every role published with an interval.
            for role in w.roleShiftIndex.roles {
                let e = role.roleShiftIndex
                #expect(e.value != nil && e.lower != nil && e.upper != nil, "\(w.wave) \(role.role)")
                #expect(e.organisations == e.n, "each respondent is a cluster")
                #expect(role.panelShift == nil || role.panelShift?.value == nil)
            }
            #expect(w.adoptionGradient.roleGradient.value != nil)
            #expect(w.adoptionGradient.roleGradient.lower != nil)
            #expect(w.blockers.blockers.contains { $0.cellShare.value != nil })
            #expect(w.influence.roles.contains { $0.rii.value != nil })
        }
        #expect(result.acrossWaves.consensusHorizon.unavailableReason == reason)
        #expect(result.acrossWaves.leadLag.roles.allSatisfy { $0.meanRank != nil })
        #expect(result.notes.contains { $0.contains("no organisations") })

        // The reason reaches every output.
        let json = String(decoding: try ResultJSON.encode(result), as: UTF8.self)
        #expect(json.contains("\"unavailableReason\" : \"\(reason)\""))
        let tables = Dictionary(uniqueKeysWithValues: TidyExport.tables(result).map { ($0.name, $0) })
        let map = try #require(tables["alignment_map"])
        #expect(map.rows.count == 3)
        #expect(map.rows.allSatisfy { $0[map.columns.firstIndex(of: "reason")!] == .text(reason) })
        let horizon = try #require(tables["consensus_horizon"])
        #expect(horizon.rows.first?[horizon.columns.firstIndex(of: "reason")!] == .text(reason))
    }

    /// The same responses and seed give byte-identical JSON and tidy CSV; another seed
    /// moves the intervals but not the point values.
    @Test func deterministicOutputs() throws {
        let a = Self.analyse(Self.panel)
        let b = Self.analyse(Self.panel)
        #expect(try ResultJSON.encode(a) == ResultJSON.encode(b))
        let writer = TidyCSVWriter()
        #expect(TidyExport.tables(a).map(writer.csv) == TidyExport.tables(b).map(writer.csv))

        var s = Self.settings()
        s.seed = 7
        let c = Analysis.run(table: ResponseTable(responses: Self.panel, instrument: .default), request: AnalysisRequest(settings: s))
        #expect(c.seed == 7 && c.settings.seed == 7)
        let ra = a.waves[0].roleShiftIndex.roles.map(\.roleShiftIndex)
        let rc = c.waves[0].roleShiftIndex.roles.map(\.roleShiftIndex)
        #expect(ra.map(\.value) == rc.map(\.value))
        #expect(ra.map(\.lower) != rc.map(\.lower))
    }

    /// Every tidy table is rectangular, has unique snake_case column names, names no respondent
    /// or comment column, and its figures are the result's: RSI rows, the stage distribution
    /// (seven shares summing to 1 per published role), the role gradient and the lead-lag ranks.
    @Test func tidyTablesCarryTheResult() throws {
        let result = Self.analyse(Self.panel)
        let tables = TidyExport.tables(result)
        #expect(Set(tables.map(\.name)).count == tables.count)
        for t in tables {
            #expect(Set(t.columns).count == t.columns.count, "\(t.name)")
            #expect(t.columns.allSatisfy { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } }, "\(t.name)")
            #expect(!t.columns.contains { $0.contains("respondent_id") || $0.contains("comment") }, "\(t.name)")
            #expect(t.rows.allSatisfy { $0.count == t.columns.count })
        }
        let byName = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })

        func column(_ t: TidyTable, _ name: String) -> Int { t.columns.firstIndex(of: name)! }
        let rsi = try #require(byName["role_shift_index"])
        for w in result.waves {
            for role in w.roleShiftIndex.roles {
                let row = try #require(rsi.rows.first {
                    $0[0] == .text(w.wave.description) && $0[column(rsi, "role")] == .text(role.role.rawValue)
                        && $0[column(rsi, "measure")] == "rsi"
                })
                #expect(row[column(rsi, "value")] == TidyCell.number(role.roleShiftIndex.value))
                #expect(row[column(rsi, "lower")] == TidyCell.number(role.roleShiftIndex.lower))
                #expect(row[column(rsi, "n")] == .integer(role.roleShiftIndex.n))
            }
        }
        let stages = try #require(byName["stage_distribution"])
        #expect(stages.rows.count == result.waves.count * result.instrument.roles.entries.count * 7)
        var sums: [String: Double] = [:]
        for row in stages.rows {
            if case .number(let share) = row[column(stages, "share")], case .text(let w) = row[0], case .text(let r) = row[1] {
                sums[w + r, default: 0] += share
            }
        }
        #expect(!sums.isEmpty && sums.values.allSatisfy { abs($0 - 1) < 1e-9 })

        let gradient = try #require(byName["adoption_gradient"])
        let g = try #require(gradient.rows.first { $0[1] == "role_gradient" })
        #expect(g[2] == TidyCell.number(result.waves[0].adoptionGradient.roleGradient.value))

        let ranks = try #require(byName["lead_lag_ranks"])
        #expect(ranks.rows.count == result.acrossWaves.leadLag.roles.count * result.waves.count)
        let settings = try #require(byName["run_info"])
        #expect(settings.rows.contains { $0 == ["setting.bootstrap", "100"] })
        #expect(settings.rows.contains { $0 == ["seed", .text(String(result.seed))] })
    }

    /// A wave range and a segment filter narrow the result: the selection and the counts follow.
    @Test func waveRangeAndSegment() throws {
        let table = ResponseTable(responses: Self.panel, instrument: .default)
        var request = AnalysisRequest(settings: Self.settings(bootstrap: 0))
        request.fromWave = table.waves[1]
        request.toWave = table.waves[2]
        let ranged = Analysis.run(table: table, request: request)
        #expect(ranged.selection.waves == Array(table.waves[1...2]))
        #expect(ranged.acrossWaves.leadLag.waveIndices == [1, 2])
        #expect(ranged.waves[0].roleShiftIndex.previousWave == table.waves[0])

        let sector = try #require(Self.panel.compactMap(\.sector).first)
        request.segment = SegmentFilter(values: [.sector: sector])
        let segment = Analysis.run(table: table, request: request)
        let expected = Self.panel.filter { $0.sector == sector && $0.wave >= table.waves[1] }.count
        #expect(segment.cohort.respondents == expected)
        #expect(segment.selection.segment.values[.sector] == sector)
        let json = String(decoding: try ResultJSON.encode(segment), as: UTF8.self)
        #expect(json.contains("\"sector\" : \"\(sector)\""))
    }
}
