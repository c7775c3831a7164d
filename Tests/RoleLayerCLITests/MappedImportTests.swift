import Foundation
import RoleLayerCore
@testable import RoleLayerStore
import Testing

/// Small survey-platform exports written by the test, in the layouts of docs/mapping-format.md.
private enum Exports {
    /// A CSV field, quoted when it holds a comma, quote or line break.
    static func quoted(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// A Qualtrics import-id cell: `{"ImportId":"QID5"}` (CSV-quoted by ``quoted(_:)``).
    static func importID(_ id: String, timeZone: String? = nil) -> String {
        "{\"ImportId\":\"\(id)\"" + (timeZone.map { ",\"timeZone\":\"\($0)\"" } ?? "") + "}"
    }

    /// A Qualtrics mapping: dates placed into quarters in London (written in Denver time), a
    /// comma-joined multi-select whose labels contain commas, previews and unfinished filtered.
    static let qualtricsMapping = """
        format: qualtrics
        respondent: ResponseId
        organisation: OrgID
        fields:
          wave:
            column: RecordedDate
            date: quarter
            time_zone: Europe/London
          role: Q1
          stage:
            column: Q2
            values:
              Just looking: evaluating
              Trying things out: experimenting
          blockers:
            column: Q3
            values:
              "Security, privacy and compliance risk": security_risk
              "ROI uncertainty": roi_uncertainty
          confidence: Q4
        filters:
          - name: survey previews
            column: Status
            equals: Survey Preview
          - name: unfinished
            column: Finished
            equals: "False"

        """

    /// A Qualtrics export: three header rows, then one row per (id, status, finished, recorded,
    /// role, stage, blockers, confidence); the first response is row 4.
    static func qualtrics(_ rows: [(id: String, status: String, finished: String, recorded: String, role: String, stage: String, blockers: String, confidence: String)]) -> String {
        let columns = ["StartDate", "Status", "Finished", "RecordedDate", "ResponseId", "OrgID", "Q1", "Q2", "Q3", "Q4"]
        let texts = ["Start Date", "Response Type", "Finished", "Recorded Date", "Response ID", "OrgID", "What is your role?",
                     "Where is your function with AI?", "What holds you back?\nSelect all that apply.", "How confident are you?"]
        let ids = [importID("startDate", timeZone: "America/Denver"), importID("status"), importID("finished"),
                   importID("recordedDate", timeZone: "America/Denver"), importID("_recordId"), importID("OrgID"),
                   importID("QID1"), importID("QID2"), importID("QID3"), importID("QID4")]
        var lines = [columns, texts, ids].map { $0.map(quoted).joined(separator: ",") }
        for r in rows {
            lines.append([r.recorded, r.status, r.finished, r.recorded, r.id, "org1", r.role, r.stage, r.blockers, r.confidence]
                .map(quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A LimeSurvey mapping: constant wave, blockers as `G01Q03[SQ00n]` columns.
    static let limeSurveyMapping = """
        format: limesurvey
        respondent: id
        organisation: org
        constants:
          wave: 2024-Q2
        fields:
          role: G01Q01
          stage: G01Q02
          blockers:
            question: G01Q03
            values:
              SQ001: roi_uncertainty
              SQ002: security_risk
              SQ003: skills_gap
          confidence: G01Q04

        """

    /// A LimeSurvey export: byte-order mark, `;`, every field quoted, CRLF.
    static func limeSurvey(_ rows: [[String]]) -> Data {
        let header = ["id", "submitdate", "lastpage", "startlanguage", "org", "G01Q01", "G01Q02",
                      "G01Q03[SQ001]", "G01Q03[SQ002]", "G01Q03[SQ003]", "G01Q04"]
        let text = ([header] + rows).map { row in
            row.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ";")
        }.joined(separator: "\r\n") + "\r\n"
        return Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))
    }

    static let limeSurveyRows: [[String]] = [
        ["1", "2024-05-02 10:00:00", "3", "en", "acme", "CFO", "3", "Y", "", "Y", "5"],
        ["2", "", "1", "en", "acme", "CTO", "", "", "", "", ""],                      // incomplete
        ["3", "2024-05-03 11:00:00", "3", "en", "acme", "cto", "2", "", "", "", ""],
        ["4", "2024-05-04 09:30:00", "3", "en", "beta", "General Counsel", "1", "", "Y", "", "7"],
        ["5", "", "2", "en", "beta", "ceo", "4", "Y", "", "", "2"],                    // incomplete
    ]
}

/// `rolelayer import --mapping` and `rolelayer validate --mapping`: survey-platform exports
/// through a mapping file, the per-filter counts, exit statuses and the stored records.
struct MappedImportTests {
    typealias Row = (id: String, status: String, finished: String, recorded: String, role: String, stage: String, blockers: String, confidence: String)

    static let qualtricsRows: [Row] = [
        ("R_1", "IP Address", "True", "2024-03-10 09:00:00", "Chief Technology Officer", "Piloting",
         "Security, privacy and compliance risk,ROI uncertainty", "5"),
        ("R_2", "Survey Preview", "True", "2024-03-10 09:05:00", "CEO", "Piloting", "", "4"),
        ("R_3", "IP Address", "False", "2024-03-10 09:10:00", "CFO", "nonsense", "", ""),
        ("R_4", "IP Address", "True", "2024-03-31 18:30:00", "cfo", "Just looking", "ROI uncertainty", "3"),
        ("R_5", "Survey Preview", "True", "2024-03-11 10:00:00", "CIO", "Scaling", "", "6"),
    ]

    /// A Qualtrics export imports: previews and unfinished responses are counted per filter in the
    /// mapping's order and exit 0; the stored records carry the mapped codes, the organisation and
    /// the wave placed by the header's time zone (31 March 18:30 in Denver is 2024-Q2 in London).
    @Test func qualtricsImport() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        try dir.write("q.csv", Exports.qualtrics(Self.qualtricsRows))
        try dir.write("q.yaml", Exports.qualtricsMapping)
        let r = try CLI.run(["import", "q.csv", "--mapping", "q.yaml", "--db", "s.sqlite"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        #expect(r.stdout == """
            q.csv: 5 rows read, 2 accepted, 3 filtered, 0 rejected; 2 stored, 0 unchanged, 0 replaced
              filtered by "survey previews": 2
              filtered by "unfinished": 1
            store s.sqlite: 2 responses, waves 2024-Q1…2024-Q2

            """)
        let store = try ResponseStore(path: dir.path("s.sqlite"))
        let stored = Dictionary(uniqueKeysWithValues: try store.responses().map { ($0.respondentID, $0) })
        #expect(stored.keys.sorted() == ["R_1", "R_4"])
        let first = try #require(stored["R_1"])
        #expect(first.role == .cto && first.stage == .piloting && first.confidence == 5 && first.organisationID == "org1")
        #expect(first.blockers == [.securityRisk, .roiUncertainty])
        #expect(first.wave.description == "2024-Q1")
        #expect(stored["R_4"]?.wave.description == "2024-Q2" && stored["R_4"]?.stage == .evaluating)
        #expect(stored["R_4"]?.blockers == [.roiUncertainty])
        #expect(try store.provenance(of: RecordKey(wave: Wave(parsing: "2024-Q2")!, respondentID: "R_4"))?.row == 7)

        // Importing again stores nothing new and reports the same filters.
        let again = try CLI.run(["import", "q.csv", "--mapping", "q.yaml", "--db", "s.sqlite"], in: dir.url)
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("q.csv: 5 rows read, 2 accepted, 3 filtered, 0 rejected; 0 stored, 2 unchanged, 0 replaced\n"))
    }

    /// A rejected row exits 1 with its row (counting the three header rows), source column and
    /// reason; the filtered rows are not errors; --strict stores nothing.
    @Test func qualtricsRejectedRow() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        var rows = Self.qualtricsRows
        rows.append(("R_6", "IP Address", "True", "2024-03-12 10:00:00", "CFO", "9", "", "4"))
        rows.append(("R_7", "IP Address", "True", "2024-03-12 11:00:00", "Chief Vibes Officer", "Piloting", "", "4"))
        try dir.write("q.csv", Exports.qualtrics(rows))
        try dir.write("q.yaml", Exports.qualtricsMapping)

        let strict = try CLI.run(["import", "q.csv", "--mapping", "q.yaml", "--db", "s.sqlite", "--strict"], in: dir.url)
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("nothing stored (--strict): 2 rows rejected"))
        #expect(try ResponseStore(path: dir.path("s.sqlite")).count() == 0)

        let r = try CLI.run(["import", "q.csv", "--mapping", "q.yaml", "--db", "s.sqlite"], in: dir.url)
        #expect(r.status == 1)
        // The question text of row 2 spans two lines, so row 9 is on line 10.
        #expect(r.stderrLines == [
            "q.csv:9 (line 10):Q2: \"9\": out of range: stage must be 0...6 or a stage code",
            "q.csv:10 (line 11):Q1: \"Chief Vibes Officer\": unknown role (not a role code, label or alias of the instrument)",
        ], "\(r.stderrLines)")
        #expect(r.stdout.hasPrefix("""
            q.csv: 7 rows read, 2 accepted, 3 filtered, 2 rejected; 2 stored, 0 unchanged, 0 replaced
              filtered by "survey previews": 2
              filtered by "unfinished": 1

            """))
        #expect(try ResponseStore(path: dir.path("s.sqlite")).count() == 2)

        // validate: the same counts, no store.
        let v = try CLI.run(["validate", "q.csv", "--mapping", "q.yaml"], in: dir.url)
        #expect(v.status == 1)
        #expect(v.stderrLines == r.stderrLines)
        #expect(v.stdout.hasPrefix("q.csv: 7 rows read, 2 accepted, 3 filtered, 2 rejected, 0 warnings\n  filtered by \"survey previews\": 2\n"))
    }

    /// A LimeSurvey export (byte-order mark, `;`, every field quoted) imports with the incomplete
    /// responses left out under the built-in filter; `Y` columns become the blocker set.
    @Test func limeSurveyImport() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        try Exports.limeSurvey(Exports.limeSurveyRows).write(to: dir.url.appendingPathComponent("ls.csv"))
        try dir.write("ls.yaml", Exports.limeSurveyMapping)

        let v = try CLI.run(["validate", "ls.csv", "--mapping", "ls.yaml"], in: dir.url)
        #expect(v.status == 0, "\(v.stderr)")
        #expect(v.stdout == "ls.csv: 5 rows read, 3 accepted, 2 filtered, 0 rejected, 0 warnings\n  filtered by \"incomplete (empty submitdate)\": 2\n")

        let r = try CLI.run(["import", "ls.csv", "--mapping", "ls.yaml", "--db", "s.sqlite"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            ls.csv: 5 rows read, 3 accepted, 2 filtered, 0 rejected; 3 stored, 0 unchanged, 0 replaced
              filtered by "incomplete (empty submitdate)": 2
            store s.sqlite: 3 responses, wave 2024-Q2

            """)
        let stored = Dictionary(uniqueKeysWithValues: try ResponseStore(path: dir.path("s.sqlite")).responses().map { ($0.respondentID, $0) })
        #expect(stored.keys.sorted() == ["1", "3", "4"])
        #expect(stored["1"]?.role == .cfo && stored["1"]?.stage == .piloting && stored["1"]?.confidence == 5)
        #expect(stored["1"]?.blockers == [.roiUncertainty, .skillsGap] && stored["1"]?.organisationID == "acme")
        #expect(stored["3"]?.blockers == [])  // nothing marked: none selected
        #expect(stored["4"]?.role == .gc && stored["4"]?.blockers == [.securityRisk] && stored["4"]?.organisationID == "beta")
    }

    /// Two exports with one mapping each (paired in file order) import in one run with a total line.
    @Test func oneMappingPerFile() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        try dir.write("q.csv", Exports.qualtrics(Self.qualtricsRows))
        try dir.write("q.yaml", Exports.qualtricsMapping)
        try Exports.limeSurvey(Exports.limeSurveyRows).write(to: dir.url.appendingPathComponent("ls.csv"))
        try dir.write("ls.yaml", Exports.limeSurveyMapping)
        let r = try CLI.run(["import", "q.csv", "ls.csv", "--mapping", "q.yaml", "--mapping", "ls.yaml", "--db", "s.sqlite"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("total: 2 files, 10 rows read, 5 accepted, 5 filtered, 0 rejected; 5 stored, 0 unchanged, 0 replaced\n"))
        #expect(try ResponseStore(path: dir.path("s.sqlite")).count() == 5)

        // Two mappings for three files is a usage error.
        let mismatch = try CLI.run(["validate", "q.csv", "ls.csv", "q.csv", "--mapping", "q.yaml", "--mapping", "ls.yaml"], in: dir.url)
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains("--mapping given 2 times for 3 files"))
    }

    /// `analyze FILE... --mapping` reads the exports as `import` does: the result is byte-identical
    /// to the analysis of the store they were imported into; `--mapping` without files is a usage error.
    @Test func analyzeReadsExportsThroughMappings() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        try dir.write("q.csv", Exports.qualtrics(Self.qualtricsRows))
        try dir.write("q.yaml", Exports.qualtricsMapping)
        try Exports.limeSurvey(Exports.limeSurveyRows).write(to: dir.url.appendingPathComponent("ls.csv"))
        try dir.write("ls.yaml", Exports.limeSurveyMapping)
        let imported = try CLI.run(["import", "q.csv", "ls.csv", "--mapping", "q.yaml", "--mapping", "ls.yaml", "--db", "s.sqlite"], in: dir.url)
        #expect(imported.status == 0, "\(imported.stderr)")

        let fromStore = try CLI.run(["analyze", "--db", "s.sqlite", "--format", "json", "--bootstrap", "20", "--out", "store.json"], in: dir.url)
        #expect(fromStore.status == 0, "\(fromStore.stderr)")
        let fromFiles = try CLI.run(["analyze", "q.csv", "ls.csv", "--mapping", "q.yaml", "--mapping", "ls.yaml",
                                     "--format", "json", "--bootstrap", "20", "--out", "files.json"], in: dir.url)
        #expect(fromFiles.status == 0, "\(fromFiles.stderr)")
        let storeJSON = try Data(contentsOf: dir.url.appendingPathComponent("store.json"))
        let filesJSON = try Data(contentsOf: dir.url.appendingPathComponent("files.json"))
        #expect(!storeJSON.isEmpty && storeJSON == filesJSON)

        let noFiles = try CLI.run(["analyze", "--db", "s.sqlite", "--mapping", "q.yaml"], in: dir.url)
        #expect(noFiles.status == 2)
        #expect(noFiles.stderr.contains("--mapping reads the files named on the command line"))
        let broken = try CLI.run(["analyze", "q.csv", "--mapping", "nope.yaml"], in: dir.url)
        #expect(broken.status == 2 && broken.stderr.contains("nope.yaml"))
    }

    /// A broken mapping file exits 2 naming its file and line, before any store is created; so do a
    /// YAML syntax error, a missing mapping file and a target the instrument does not know.
    @Test func brokenMappingExitsTwoWithItsLine() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        try dir.write("q.csv", Exports.qualtrics(Self.qualtricsRows))
        // Line 12: a misspelled key of the stage field.
        try dir.write("bad.yaml", Exports.qualtricsMapping.replacingOccurrences(of: "    values:\n      Just looking", with: "    valuez:\n      Just looking"))
        let r = try CLI.run(["import", "q.csv", "--mapping", "bad.yaml", "--db", "s.sqlite"], in: dir.url)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderrLines.first == "rolelayer: cannot use mapping file bad.yaml:")
        #expect(r.stderrLines.dropFirst().contains { $0.hasPrefix("bad.yaml:12:") && $0.contains("fields.stage.valuez: unknown key") }, "\(r.stderrLines)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("s.sqlite")))

        // YAML syntax: a key indented under a scalar on line 6.
        try dir.write("syntax.yaml", "format: qualtrics\nrespondent: ResponseId\norganisation: OrgID\nfields:\n  role: Q1\n    stage: Q2\n")
        let syntax = try CLI.run(["validate", "q.csv", "--mapping", "syntax.yaml"], in: dir.url)
        #expect(syntax.status == 2)
        #expect(syntax.stderrLines.dropFirst().first?.hasPrefix("syntax.yaml:6:") == true, "\(syntax.stderrLines)")

        // A value-map target that is not a stage of the instrument (line 14).
        try dir.write("target.yaml", Exports.qualtricsMapping.replacingOccurrences(of: "Trying things out: experimenting", with: "Trying things out: tinkering"))
        let target = try CLI.run(["validate", "q.csv", "--mapping", "target.yaml"], in: dir.url)
        #expect(target.status == 2)
        #expect(target.stderrLines.first == "rolelayer: mapping file target.yaml does not fit the instrument:")
        #expect(target.stderrLines.dropFirst().first?.hasPrefix("target.yaml:14: fields.stage.values: 'tinkering'") == true, "\(target.stderrLines)")

        let missing = try CLI.run(["import", "q.csv", "--mapping", "nope.yaml", "--db", "s.sqlite"], in: dir.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.yaml"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("s.sqlite")))
    }
}
