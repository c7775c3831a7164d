import Foundation
import RoleLayerCore
import Testing
@testable import RoleLayerReport

struct HTMLReportTests {
    static let html = HTMLReport.render(SimulatedCohort.input)

    /// The cohort page from real construct results is well formed and has every construct's section.
    @Test func everySectionPresent() throws {
        let root = try #require(parsePage(Self.html))
        let ids = root.all("section").compactMap { $0.attributes["id"] }
        #expect(ids == ["overview", "role-shift-index", "adoption-gradient", "blockers", "alignment", "lead-lag", "influence", "consensus-horizon", "methods"])
        for section in root.all("section") where section.attributes["id"] != "overview" {
            #expect(!section.all("div").filter { $0.attributes["class"] == "findings" }.isEmpty || section.attributes["id"] == "methods",
                    "\(section.attributes["id"] ?? "") has no finding")
        }
        #expect(root.all("svg").filter { $0.attributes["role"] == "img" }.count >= 12)
    }

    /// RSI table cells equal the result values, rows sorted by RSI like the chart; suppressed roles are "n < k".
    @Test func rsiNumbersEqualResult() throws {
        let root = try #require(parsePage(Self.html))
        let section = try #require(root.all("section").first { $0.attributes["id"] == "role-shift-index" })
        let rows = try #require(section.all("tbody").first).children.filter { $0.name == "tr" }
        let names = RoleNames(instrument: .default)
        let result = SimulatedCohort.input.roleShiftIndex
        #expect(rows.count == result.roles.count)
        // Rows in the chart's order: by RSI, highest first (ties by short name), then the unpublished.
        let published = result.roles.filter { $0.roleShiftIndex.value != nil }.sorted { a, b in
            a.roleShiftIndex.value! != b.roleShiftIndex.value! ? a.roleShiftIndex.value! > b.roleShiftIndex.value! : names.short(a.role) < names.short(b.role)
        }
        let ordered = published + result.roles.filter { $0.roleShiftIndex.value == nil }
        for (row, figures) in zip(rows, ordered) {
            #expect(row.children[0].allText == names.full(figures.role))
            if let v = figures.roleShiftIndex.value {
                #expect(Double(row.children[1].attributes["data-value"] ?? "") == v)
                #expect(row.children[1].allText == NumberText.format(v, .decimals(1)))
                #expect(Double(row.children[3].attributes["data-value"] ?? "") == Double(figures.roleShiftIndex.n))
            } else if figures.roleShiftIndex.isSuppressed {
                #expect(row.children[1].attributes["class"] == "suppressed")
                #expect(row.children[1].allText == "n < k")
            }
        }
        // The dot chart's text alternative lists the published values, rounded the same way.
        let desc = section.all("desc").first?.allText ?? ""
        for figures in result.roles {
            if let v = figures.roleShiftIndex.value { #expect(desc.contains("\(names.short(figures.role)) \(NumberText.format(v, .decimals(1)))")) }
        }
    }

    /// The blocker heatmap shows each published share as its rounded percentage, and marks exactly the concentrated cells.
    @Test func blockerHeatmapMatchesResult() throws {
        let root = try #require(parsePage(Self.html))
        let section = try #require(root.all("section").first { $0.attributes["id"] == "blockers" })
        let svg = try #require(section.all("svg").first)
        let cells = svg.all("g").filter { $0.attributes["class"] == "cell" || $0.attributes["class"] == "cell marked" }
        let result = SimulatedCohort.input.blockers
        var expected: [String] = []
        var marked = 0
        for b in result.blockers {
            for r in b.roles {
                if let v = r.share.value { expected.append(NumberText.format(v, .percent(0)) + (r.concentrated ? "*" : "")) }
                if r.concentrated && r.share.value != nil { marked += 1 }
            }
        }
        #expect(cells.map { $0.all("text").first?.allText ?? "" } == expected)
        #expect(cells.filter { $0.attributes["class"] == "cell marked" }.count == marked)
        #expect(marked > 0, "the default scenario plants concentrations")
    }

    /// The findings name what the results say: the leading role, the widest fault line, the gatekeepers.
    @Test func findingsFollowTheNumbers() throws {
        let input = SimulatedCohort.input
        let model = HTMLReport.model(input)
        let names = RoleNames(instrument: .default)
        let rsiFindings = model.sections[0].findings.joined(separator: " ")
        let top = input.roleShiftIndex.roles.filter { $0.roleShiftIndex.value != nil }.max { $0.roleShiftIndex.value! < $1.roleShiftIndex.value! }!
        #expect(rsiFindings.hasPrefix("\(names.short(top.role)) is furthest along at \(NumberText.format(top.roleShiftIndex.value!, .decimals(1)))"))
        if let widest = input.alignment.faultLines.first {
            #expect(model.sections[3].findings.joined().contains("between \(names.short(widest.roleA)) and \(names.short(widest.roleB))"))
        }
        let gatekeepers = input.influence.roles.filter { $0.archetype == .gatekeeper }.map { names.short($0.role) }
        for g in gatekeepers { #expect(model.sections[5].findings.joined().contains(g)) }
        #expect(!gatekeepers.isEmpty)
    }

    /// The methods section counts the suppressed figures of every section.
    @Test func methodsCountSuppression() throws {
        let model = HTMLReport.model(SimulatedCohort.input)
        let methods = try #require(model.methods)
        let rows = methods.tables[0].rows
        #expect(rows.map { row -> String in if case .text(let s) = row[0] { return s }; return "" } ==
                ["Role Shift Index", "Organisational Adoption Gradient", "Blockers", "Role Alignment Map", "Lead-lag", "Influence", "Consensus horizon"])
        let suppressedRSI = SimulatedCohort.input.roleShiftIndex.roles.filter { $0.roleShiftIndex.isSuppressed }.count
        #expect(rows[0][1] == .number(Double(suppressedRSI), .count))
    }

    /// No URL, no script, and the cohort name's markup characters are escaped.
    @Test func selfContainedAndEscaped() {
        #expect(!Self.html.contains("http://") && !Self.html.contains("https://"))
        #expect(!Self.html.contains("<script"))
        #expect(Self.html.contains("Simulated &lt;demo&gt; &amp; co"))
        #expect(!Self.html.contains("class=\"identifying\""))
    }

    /// The same results render to the same bytes.
    @Test func deterministic() {
        #expect(HTMLReport.render(SimulatedCohort.input) == Self.html)
    }

    /// The diagnostic page is marked as identifying roles, and its pair table equals the result.
    @Test func diagnosticPage() throws {
        let d = SimulatedCohort.diagnostic
        #expect(d.unavailableReason == nil)
        let html = HTMLReport.render(diagnostic: d, instrument: .default, settings: SimulatedCohort.settings, cohortName: "Simulated")
        let root = try #require(parsePage(html))
        let notice = try #require(root.all("div").first { $0.attributes["class"] == "identifying" })
        #expect(notice.allText.contains("Identifies roles in organisation \(d.organisation)"))
        #expect(notice.allText.contains(OrganisationDiagnostic.notice))
        let section = try #require(root.all("section").first { $0.attributes["id"] == "alignment" })
        let rows = try #require(section.all("tbody").first).children.filter { $0.name == "tr" }
        #expect(rows.count == d.alignment.count)
        for (row, pair) in zip(rows, d.alignment) {
            #expect(Double(row.children[1].attributes["data-value"] ?? "") == pair.alignment)
        }
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    /// Writes the simulated pages to ROLELAYER_REPORT_OUT (a directory, when set) for a look in a browser.
    @Test func writePagesWhenAsked() throws {
        guard let dir = ProcessInfo.processInfo.environment["ROLELAYER_REPORT_OUT"] else { return }
        try Self.html.write(toFile: dir + "/cohort.html", atomically: true, encoding: .utf8)
        try HTMLReport.render(diagnostic: SimulatedCohort.diagnostic, instrument: .default, settings: SimulatedCohort.settings, cohortName: "Simulated")
            .write(toFile: dir + "/diagnostic.html", atomically: true, encoding: .utf8)
    }
}
