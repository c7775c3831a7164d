import Foundation
import Testing
import RoleLayerCore
import RoleLayerSimulation
@testable import RoleLayerReport

/// The terminal summary (`rolelayer analyze --format text`, `rolelayer diagnose`) on small
/// simulated panels.
struct TextSummaryTests {
    /// A small panel: 60 organisations, 3 waves.
    static let responses: [Response] = {
        var scenario = Scenario.default
        scenario.organisations = 60
        scenario.waves = 3
        scenario.seed = 23
        return try! PanelSimulator(scenario: scenario).responses()
    }()

    static func analyse(_ responses: [Response], bootstrap: Int = 60) -> AnalysisResult {
        var s = AnalysisSettings()
        s.bootstrapReplicates = bootstrap
        s.permutations = 19
        return Analysis.run(table: ResponseTable(responses: responses, instrument: .default), request: AnalysisRequest(settings: s))
    }

    static let result = analyse(responses)

    /// Every construct has its heading in every wave, the RSI table lists every role sorted
    /// from the most advanced with its interval, and the across-wave part follows the waves.
    @Test func everyConstructWithIntervals() throws {
        let text = TextSummary.render(Self.result)
        for heading in ["Role Shift Index", "Organisational Adoption Gradient", "Blockers", "Role Alignment Map",
                        "Role Influence Index"] {
            #expect(text.components(separatedBy: "\n" + heading + " ").count - 1 == 3, "\(heading)")
        }
        for heading in ["Role Lead-Lag Ranking", "Consensus horizon", "== Across waves: 2026-Q1, 2026-Q2, 2026-Q3 =="] {
            #expect(text.contains("\n" + heading), "\(heading)")
        }
        // The first wave's RSI rows: instrument roles, sorted by RSI, each with an interval.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("Role Shift Index") }) + 2
        let rows = lines[start..<(start + 10)]
        let wave = Self.result.waves[0].roleShiftIndex
        let sorted = wave.roles.sorted { ($0.roleShiftIndex.value ?? -1) > ($1.roleShiftIndex.value ?? -1) }
        #expect(rows.map { $0.split(separator: " ").first.map(String.init) } == sorted.map(\.role.rawValue))
        let top = try #require(sorted.first?.roleShiftIndex)
        #expect(rows.first!.contains("\(NumberText.format(top.value!, .decimals(1))) [\(NumberText.format(top.lower!, .decimals(1))), \(NumberText.format(top.upper!, .decimals(1)))]"))
        #expect(text.contains("role gradient G_role: " + NumberText.format(Self.result.waves[0].adoptionGradient.roleGradient.value!, .decimals(1)) + " ["))
        #expect(text.contains("fault lines (lowest alignment first):"))
        #expect(text.contains("gatekeepers: "))
        #expect(text.hasSuffix("\n") && !text.contains("\n\n\n"))
    }

    /// The same result renders to the same text; the text carries no respondent id.
    @Test func deterministicAndAnonymous() {
        let again = Self.analyse(Self.responses)
        #expect(TextSummary.render(Self.result) == TextSummary.render(again))
        let text = TextSummary.render(Self.result)
        for r in Self.responses.prefix(200) { #expect(!text.contains(r.respondentID)) }
    }

    /// A suppressed role reads "n < k (n = 4)" at the end of the RSI table, and B = 0 says there
    /// are no intervals.
    @Test func suppressionAndNoBootstrap() throws {
        let first = Self.responses.filter { $0.wave == Self.result.waves[0].wave }
        var kept = 0
        let trimmed = first.filter { r in
            guard r.role == "gc" else { return true }
            kept += 1
            return kept <= 4
        }
        let result = Self.analyse(trimmed, bootstrap: 0)
        let text = TextSummary.render(result)
        let lines = text.split(separator: "\n").map(String.init)
        let gc = try #require(lines.first { $0.hasPrefix("  gc ") })
        #expect(gc.contains("n < k (n = 4)"))
        let rsiStart = try #require(lines.firstIndex { $0.hasPrefix("Role Shift Index") })
        #expect(lines[rsiStart + 11] == gc, "suppressed roles come last")
        #expect(text.contains("no intervals (bootstrap disabled, B = 0)"))
        #expect(text.contains("[no interval]"))
    }

    /// Without organisations the text says so, and each construct that needs organisations says
    /// "not available: no organisation has two or more roles".
    @Test func noOrganisations() {
        let lone = Self.responses.map { r -> Response in
            var r = r
            r.organisationID = nil
            return r
        }
        let text = TextSummary.render(Self.analyse(lone))
        let reason = AlignmentMap.noOrganisationsReason
        #expect(text.contains("No organisations in the data: each respondent is their own cluster"))
        #expect(text.components(separatedBy: "Role Alignment Map (0-1, 1 = the roles answer alike)\n  " + reason).count - 1 == 3)
        #expect(text.contains("Consensus horizon (waves from entry until the gatekeepers agree)\n  " + reason))
        #expect(text.contains("median g_o " + reason))
    }

    /// The diagnostic text opens with the notice that it identifies roles, then names the
    /// organisation and lists its roles.
    @Test func diagnosticNoticeFirst() throws {
        let table = ResponseTable(responses: Self.responses, instrument: .default)
        let wave = table.waves[1]
        let organisation = try #require(Self.responses.first { $0.wave == wave }?.organisationID)
        var s = AnalysisSettings()
        s.bootstrapReplicates = 0
        let d = try Analysis.diagnose(table: table, organisation: organisation, wave: wave, request: AnalysisRequest(settings: s))
        let text = TextSummary.render(d)
        #expect(text.hasPrefix("NOTICE: This diagnostic identifies roles."))
        #expect(text.contains("Organisation diagnostic: \(organisation), wave \(wave), \(d.respondents) respondents"))
        for role in d.roles { #expect(text.contains("\n  \(role.role.rawValue) ")) }
        #expect(text.contains("Local capability masquerading as collective preparedness: "))
    }
}
