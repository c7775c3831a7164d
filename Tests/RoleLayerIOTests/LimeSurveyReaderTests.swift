import Foundation
import RoleLayerCore
import Testing
@testable import RoleLayerIO

/// LimeSurvey CSV exports: byte-order mark, `;` or `,` delimiter with every field quoted,
/// multi-select as `CODE[SQ001]` columns holding `Y` or empty, and incomplete responses.
struct LimeSurveyReaderTests {
    static let columns = ["id", "submitdate", "lastpage", "startlanguage", "seed", "org", "G01Q01", "G01Q02", "G01Q03[SQ001]",
                          "G01Q03[SQ002]", "G01Q03[SQ003]", "G01Q03[other]", "G01Q04"]

    static let mapping = """
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
              other: other
          confidence: G01Q04
        """

    /// Every field quoted, joined with `delimiter`.
    static func line(_ cells: [String], _ delimiter: String) -> String {
        cells.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: delimiter)
    }

    static func export(_ delimiter: String, bom: Bool = true) -> [UInt8] {
        let rows: [[String]] = [
            columns,
            ["1", "2024-05-02 10:00:00", "3", "en", "11", "acme", "CFO", "3", "Y", "", "Y", "", "5"],
            ["2", "", "1", "en", "12", "acme", "CTO", "", "", "", "", "", ""],
            ["3", "2024-05-03 11:00:00", "3", "en", "13", "acme", "cto", "2", "", "", "", "", ""],
            ["4", "2024-05-03 12:00:00", "3", "en", "14", "acme", "ceo", "4", "X", "", "", "", ""],
            ["5", "2024-05-04 09:30:00", "3", "en", "15", "acme", "General Counsel", "1", "", "Y", "", "Budget freeze; no time", "7"],
            ["6", "2024-05-04 09:45:00", "3", "en", "16", "acme", "chro", "5", "N", "N", "N", "", "NA"],
        ]
        let text = rows.map { line($0, delimiter) }.joined(separator: "\r\n") + "\r\n"
        return (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    }

    /// A `;` export with a byte-order mark: the incomplete response (empty submitdate) is left
    /// out and counted under the built-in filter; `Y` selects, empty and `N` do not, the
    /// `[other]` column's text selects "other", and another marker rejects the row at its column.
    @Test func semicolonExport() throws {
        let r = try readExport(bytes: Self.export(";"), mapping: Self.mapping, name: "ls.csv")
        #expect(r.rowsRead == 6 && accountedFor(r))
        #expect(r.filtered == [MappingFile.incompleteFilterName: 1])
        #expect(r.accepted.map(\.row) == [2, 4, 6, 7])
        let a = byRespondent(r)
        #expect(a["1"]?.role == .cfo && a["1"]?.stage == .piloting && a["1"]?.organisationID == "acme")
        #expect(a["1"]?.blockers == [.roiUncertainty, .skillsGap] && a["1"]?.confidence == 5)
        #expect(a["3"]?.blockers == [])                        // nothing marked: none selected
        #expect(a["5"]?.role == .gc && a["5"]?.blockers == [.securityRisk, .other])
        #expect(a["6"]?.blockers == [] && a["6"]?.confidence == nil)
        #expect(rendered(r) == ["ls.csv:5:G01Q03[SQ001]: \"X\": not a selected marker (expected Y, or empty when not selected)"])
        #expect(a.values.allSatisfy { $0.wave.description == "2024-Q2" })
    }

    /// The same export with `,` delimiters and no byte-order mark reads the same.
    @Test func commaExport() throws {
        let semi = try readExport(bytes: Self.export(";"), mapping: Self.mapping, name: "ls.csv")
        let comma = try readExport(bytes: Self.export(",", bom: false), mapping: Self.mapping, name: "ls.csv")
        #expect(comma.accepted == semi.accepted)
        #expect(comma.problems == semi.problems && comma.filtered == semi.filtered)
    }

    /// `include_incomplete: true` keeps incomplete responses (here rejected for the stage they lack).
    @Test func includeIncomplete() throws {
        let r = try readExport(bytes: Self.export(";"), mapping: Self.mapping + "\ninclude_incomplete: true\n", name: "ls.csv")
        #expect(r.filtered.isEmpty && accountedFor(r))
        #expect(errorPlaces(r) == [Place(3, "G01Q02"), Place(5, "G01Q03[SQ001]")])
    }

    /// An export without submitdate gives one warning and no filter; a question code with no
    /// columns, and a sub-question the values do not cover, reject the file at row 1.
    @Test func headerConventions() throws {
        let text = Self.line(["id", "org", "G01Q01", "G01Q02", "G01Q03[SQ001]", "G01Q03[SQ004]", "G01Q03[SQ001comment]"], ";") + "\n"
            + Self.line(["1", "acme", "cfo", "3", "Y", "", "because"], ";") + "\n"
        let m = Self.mapping.replacingOccurrences(of: "\n  confidence: G01Q04", with: "")
        let r = try readExport(text, mapping: m, name: "ls.csv")
        #expect(rendered(r) == [
            "ls.csv:1:G01Q03[SQ001comment]: warning: free-text column of G01Q03 not in fields.blockers.values (m.yaml:9); ignored",
            "ls.csv:1:submitdate: warning: no submitdate column, so incomplete responses cannot be left out (include_incomplete: true silences this)",
            "ls.csv:1:G01Q03[SQ004]: \"SQ004\": sub-question 'SQ004' of G01Q03 has no entry in fields.blockers.values (m.yaml:9)",
        ])
        let wrongQuestion = m.replacingOccurrences(of: "question: G01Q03", with: "question: G01Q09")
        let r2 = try readExport(text, mapping: wrongQuestion, name: "ls.csv")
        #expect(r2.errors.map(\.reason) == ["no columns G01Q09[…] or G01Q09_… for the question named by the mapping (m.yaml:10)"])
    }
}
