import Foundation
import RoleLayerCore
import Testing
@testable import RoleLayerIO

/// Qualtrics CSV exports: the three header rows, import ids, duplicate column names, metadata
/// columns and filters, dates in the header's time zone, and both multi-select encodings.
struct QualtricsReaderTests {
    /// Column ids (row 1): `Q3` appears twice (a copied question), the influences question is
    /// split into one column per choice with a text-entry column.
    static let columns = ["StartDate", "Status", "Finished", "RecordedDate", "ResponseId", "OrgID", "Q1", "Q2", "Q3", "Q3",
                          "Q4", "Q5_1", "Q5_2", "Q5_3", "Q5_3_TEXT", "Q6"]
    /// Question text (row 2), one of them spanning two lines.
    static let texts = ["Start Date", "Response Type", "Finished", "Recorded Date", "Response ID", "OrgID",
                        "What is your role?", "Where is your function with AI?", "\"What holds you back?\nSelect all that apply.\"",
                        "Blockers (old copy)", "How confident are you?", "Whose views shape yours? - CFO",
                        "Whose views shape yours? - CEO", "Whose views shape yours? - Other", "Whose views shape yours? - Other - Text",
                        "Any comment?"]
    /// Import ids (row 3); the dates carry the survey's time zone.
    static let ids = [importID("startDate", timeZone: "America/Denver"), importID("status"), importID("finished"),
                      importID("recordedDate", timeZone: "America/Denver"), importID("_recordId"), importID("OrgID"),
                      importID("QID1"), importID("QID2"), importID("QID3"), importID("QID9"), importID("QID4"),
                      importID("QID5_1"), importID("QID5_2"), importID("QID5_3"), importID("QID5_3_TEXT"), importID("QID6")]
    static let header = [columns.joined(separator: ","), texts.joined(separator: ","), ids.joined(separator: ",")].joined(separator: "\n") + "\n"

    /// The mapping: dates placed into quarters in London, the duplicated `Q3` named by import id,
    /// a comma-joined multi-select whose labels contain commas, split columns holding labels.
    static let mapping = """
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
            column: QID3
            values:
              "Security, privacy and compliance risk": security_risk
              "ROI uncertainty": roi_uncertainty
              "Skills gap (people, training)": skills_gap
          confidence: Q4
          influences:
            question: QID5
            values:
              "1": cfo
              "2": ceo
              "3": null
          comment: Q6
        filters:
          - name: survey previews
            column: Status
            equals: Survey Preview
          - name: unfinished
            column: Finished
            equals: "False"
        """

    /// One response row: start, status, finished, recorded, id, org, role, stage, Q3 (QID3), Q3 (QID9),
    /// confidence, Q5_1..3, Q5_3_TEXT, comment.
    static func row(_ id: String, status: String = "IP Address", finished: String = "True",
                    recorded: String = "2024-03-10 09:00:00", role: String = "Chief Technology Officer",
                    stage: String = "Piloting", blockers: String = "", old: String = "x", confidence: String = "5",
                    influences: [String] = ["", "", ""], other: String = "", comment: String = "") -> String {
        func q(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        return ([recorded, status, finished, recorded, id, "org1", role, stage, blockers, old, confidence] + influences + [other, comment])
            .map(q).joined(separator: ",")
    }

    /// A full export: the first response is row 4, previews and unfinished responses are filtered
    /// and counted by filter, labels holding commas are resolved by the value map, the split
    /// columns hold labels, and the physical line of a later row counts the two-line question text.
    @Test func fullExport() throws {
        let text = Self.header + [
            Self.row("R_1", blockers: "Security, privacy and compliance risk,ROI uncertainty", influences: ["CFO", "", "Other"], other: "Board"),
            Self.row("R_2", status: "Survey Preview"),
            Self.row("R_3", finished: "False", stage: "nonsense"),
            Self.row("R_4", stage: "Just looking", blockers: "Skills gap (people, training)", influences: ["", "CEO", ""]),
            Self.row("R_5", stage: "9"),
        ].joined(separator: "\n") + "\n"
        let r = try readExport(text, mapping: Self.mapping, name: "q.csv")
        #expect(r.rowsRead == 5 && accountedFor(r))
        #expect(r.filtered == ["survey previews": 1, "unfinished": 1])
        #expect(r.accepted.map(\.row) == [4, 7])
        let a = byRespondent(r)
        let first = try #require(a["R_1"])
        #expect(first.organisationID == "org1")
        #expect(first.role == .cto && first.stage == .piloting && first.confidence == 5)
        #expect(first.blockers == [.securityRisk, .roiUncertainty])
        #expect(first.influences == [.cfo])  // "Other" is dropped by its null value
        #expect(first.wave.description == "2024-Q1")
        #expect(a["R_4"]?.stage == .evaluating && a["R_4"]?.blockers == [.skillsGap] && a["R_4"]?.influences == [.ceo])
        #expect(rendered(r) == ["q.csv:8 (line 9):Q2: \"9\": out of range: stage must be 0...6 or a stage code"])
    }

    /// A recorded date is read in the header's time zone (America/Denver) and placed into the
    /// quarter it falls in in Europe/London: 31 March 18:30 in Denver is 1 April in London.
    @Test func recordedDateTimeZone() throws {
        let text = Self.header + [
            Self.row("R_1", recorded: "2024-03-31 18:30:00"),
            Self.row("R_2", recorded: "2024-03-31 16:59:59"),
            Self.row("R_3", recorded: "2024-06-30T23:59:00Z"),
            Self.row("R_4", recorded: "31/03/2024 18:30"),
        ].joined(separator: "\n") + "\n"
        let r = try readExport(text, mapping: Self.mapping, name: "q.csv")
        let a = byRespondent(r)
        #expect(a["R_1"]?.wave.description == "2024-Q2")  // 01:30 BST on 1 April
        #expect(a["R_2"]?.wave.description == "2024-Q1")  // 23:59:59 BST on 31 March
        #expect(a["R_3"]?.wave.description == "2024-Q3")  // Z: 00:59 BST on 1 July
        #expect(errorPlaces(r) == [Place(7, "RecordedDate")])
        #expect(r.errors.first?.reason.hasPrefix("not a date") == true)
        // A mapping's source_time_zone overrides the header's.
        let utc = Self.mapping.replacingOccurrences(of: "time_zone: Europe/London", with: "time_zone: Europe/London\n    source_time_zone: UTC")
        let r2 = try readExport(text, mapping: utc, name: "q.csv")
        #expect(byRespondent(r2)["R_1"]?.wave.description == "2024-Q1")  // 19:30 BST on 31 March
    }

    /// A column id given twice cannot name a column: the mapping is told to use the import id,
    /// and the whole file is rejected at row 1.
    @Test func duplicateColumnNamesNeedImportIDs() throws {
        let text = Self.header + Self.row("R_1") + "\n"
        let mapping = Self.mapping.replacingOccurrences(of: "column: QID3", with: "column: Q3")
        let r = try readExport(text, mapping: mapping, name: "q.csv")
        #expect(r.rowsRead == 0 && r.accepted.isEmpty)
        #expect(rendered(r) == [
            "q.csv:1:Q3: the column of blockers named by the mapping (m.yaml:16) answers to 2 columns (9 (QID3), 10 (QID9)); name one by its import id"
        ])
    }

    /// Problems name the source column; a duplicated name carries its import id.
    @Test func duplicateNameInMessages() throws {
        let mapping = Self.mapping.replacingOccurrences(of: "  confidence: Q4", with: "  confidence: QID9")
        let text = Self.header + Self.row("R_1", old: "eight") + "\n"
        let r = try readExport(text, mapping: mapping, name: "q.csv")
        #expect(rendered(r) == ["q.csv:4 (line 5):Q3 (QID9): \"eight\": not a number: confidence must be an integer 1...7"])
    }

    /// An export whose third row is data, not import ids, is rejected at row 3 with the reason;
    /// a header row of another width is rejected with its row.
    @Test func headerRows() throws {
        let legacy = Self.columns.joined(separator: ",") + "\n" + Self.texts.joined(separator: ",") + "\n" + Self.row("R_1") + "\n"
        let r = try readExport(legacy, mapping: Self.mapping, name: "q.csv")
        #expect(r.errors.count == 1 && r.errors.first?.row == 3)
        #expect(r.errors.first?.reason.contains("three header rows") == true)
        let short = Self.columns.joined(separator: ",") + "\nonly,two\n" + Self.ids.joined(separator: ",") + "\n"
        #expect(try errorPlaces(readExport(short, mapping: Self.mapping, name: "q.csv")) == [Place(2, nil)])
        let twoRows = Self.columns.joined(separator: ",") + "\n" + Self.texts.joined(separator: ",") + "\n"
        let r3 = try readExport(twoRows, mapping: Self.mapping, name: "q.csv")
        #expect(r3.errors.first?.reason.contains("this file has 2") == true)
        let headerOnly = try readExport(Self.header, mapping: Self.mapping, name: "q.csv")
        #expect(rendered(headerOnly) == ["q.csv:3 (line 4):-: the file has its 3 header rows but no data rows"])
    }

    /// A bad import-id cell is reported at row 3 with its column; `choiceId` is joined to the id.
    @Test func importIDCells() throws {
        #expect({ if case .success("QID7_2", nil) = QualtricsHeader.parseImportID("{\"ImportId\":\"QID7\",\"choiceId\":\"2\"}") { true } else { false } }())
        #expect({ if case .success("QID7_2", nil) = QualtricsHeader.parseImportID("{\"ImportId\":\"QID7_2\",\"choiceId\":2}") { true } else { false } }())
        #expect({ if case .success("recordedDate", "America/Denver") = QualtricsHeader.parseImportID("{\"ImportId\":\"recordedDate\",\"timeZone\":\"America/Denver\"}") { true } else { false } }())
        #expect({ if case .failure = QualtricsHeader.parseImportID("{\"Id\":\"QID7\"}") { true } else { false } }())
        var ids = Self.ids
        ids[7] = "\"{ImportId: QID2}\""
        let text = Self.columns.joined(separator: ",") + "\n" + Self.texts.joined(separator: ",") + "\n" + ids.joined(separator: ",") + "\n" + Self.row("R_1") + "\n"
        let r = try readExport(text, mapping: Self.mapping, name: "q.csv")
        #expect(errorPlaces(r) == [Place(3, "Q2")])
    }

    /// Choice numbers: split columns marked `1`, and a comma-joined column of choice numbers where
    /// a bare `25` is taken only when the choice list admits one reading.
    @Test func choiceNumbers() throws {
        let header = "ResponseId,Q1,Q2,Q4,Q3_1,Q3_2,Q3_4\nid,role,stage,blockers,a,b,c\n"
            + [importID("_recordId"), importID("QID1"), importID("QID2"), importID("QID4"), importID("QID3", choice: "1"),
               importID("QID3", choice: "2"), importID("QID3", choice: "4")].joined(separator: ",") + "\n"
        let mapping = """
            format: qualtrics
            respondent: ResponseId
            organisation: none
            constants: {wave: 2025-Q1}
            fields:
              role: Q1
              stage: Q2
              blockers:
                column: Q4
                values: {"1": roi_uncertainty, "2": security_risk, "5": skills_gap}
              signoff:
                question: QID3
                selected: ["1"]
                values: {"1": cfo, "2": ceo, "4": gc}
            """
        let rows = ["r1,cfo,2,2,1,,1", "r2,cfo,3,25,,,", "r3,cfo,3,\"5,1\",0,0,0", "r4,cfo,3,,x,,", "r5,cfo,3,52,,,"]
        let r = try readExport(header + rows.joined(separator: "\n") + "\n", mapping: mapping, name: "q.csv")
        let a = byRespondent(r)
        #expect(r.accepted.count == 4 && accountedFor(r))
        #expect(a["r1"]?.blockers == [.securityRisk] && a["r1"]?.signoff == [.cfo, .gc])
        #expect(a["r1"]?.organisationID == nil)
        #expect(a["r2"]?.blockers == [.securityRisk, .skillsGap])  // 25 is not a choice; 2 and 5 are
        #expect(a["r2"]?.signoff == [])                           // nothing marked: none selected
        #expect(a["r3"]?.blockers == [.skillsGap, .roiUncertainty] && a["r3"]?.signoff == [])  // 0 = not selected
        #expect(a["r5"]?.blockers == [.skillsGap, .securityRisk])
        #expect(rendered(r) == ["q.csv:7:Q3_1: \"x\": not a selected marker (expected 1, or empty when not selected)"])
    }

    /// The bare-digit rule on its own: no choice list → ambiguous; both readings possible →
    /// ambiguous; exactly one → taken.
    @Test func bareDigits() {
        typealias W = MappedRecordBuilder.Worker
        func reading(_ t: String, _ choices: Set<String>?) -> String {
            switch W.digitReading(t, choices: choices) {
            case .success(let items): items.joined(separator: "|")
            case .failure(let reason): "error: " + reason
            }
        }
        #expect(reading("25", nil).hasPrefix("error: ambiguous: '25' may be choice 25 or choices 2 and 5"))
        #expect(reading("25", ["2", "5", "25"]).hasPrefix("error: ambiguous"))
        #expect(reading("25", ["2", "5"]) == "2|5")
        #expect(reading("25", Set((1...30).map(String.init)).subtracting(["2"])) == "25")
        #expect(reading("135", ["1", "3", "5"]) == "1|3|5")
        #expect(reading("135", ["1", "3"]) == "error: '135' is not a choice, nor are 1, 3 and 5 all choices")
    }

    /// Labels containing the separator are rejoined by the known choices, the longest run first;
    /// unknown pieces pass through one by one.
    @Test func splittingByChoices() {
        let labels = ["Security, privacy and compliance risk", "a, b, c", "a"]
        let rule = MappedRecordBuilder.Delimited(separator: ",", choices: Set(labels.map(MappingFile.normaliseLabel)),
                                                 maximumPieces: 3, empty: .noneSelected)
        let split = { (t: String) in MappedRecordBuilder.Worker.split(t, rule) }
        #expect(split("Security, privacy and compliance risk,ROI uncertainty") == ["Security, privacy and compliance risk", "ROI uncertainty"])
        #expect(split("a, b, c,a") == ["a, b, c", "a"])
        #expect(split("a,b") == ["a", "b"])
        #expect(split("x, y,,z") == ["x", "y", "z"])
        #expect(split("SECURITY,  privacy and compliance risk") == ["SECURITY,  privacy and compliance risk"])
    }
}
