import RoleLayerCore
import Testing
@testable import RoleLayerIO

/// The issue's acceptance check: a file with ten planted bad rows reports exactly those rows,
/// each with its column, and accepts every other row.
struct PlantedRowsTests {
    /// Ten planted problems among 500 rows (one spanning two lines) are each reported at their row and column.
    @Test func tenPlantedBadRows() {
        let columns = Response.fieldNames
        var lines = [columns.joined(separator: ",")]
        var g = RandomGenerator(seed: 20260101, stream: 2)
        let roles = Instrument.default.roles.codes
        func goodRow(_ k: Int) -> [String] {
            let role = roles[k % roles.count]
            let other = roles[(k + 1) % roles.count]
            return ["r\(k)", "o\(k / 10)", "2026-Q\(1 + k % 4)", role, "\(g.nextInt(below: 7))", "\(1 + g.nextInt(below: 7))",
                    "\(1 + g.nextInt(below: 7))", "roi_uncertainty;skills_gap", "skills_gap", "productivity;talent", "shared",
                    "\(g.nextInt(below: 5) - 2)", other, "ceo;cfo", "3", "Finance", "large", "EMEA", "1.25",
                    k == 17 ? "\"two\nlines, with a comma\"" : "fine"]
        }
        // row number → (column index, bad value) ; row = data index + 2 (+1 after the two-line comment at row 19)
        let planted: [Int: (Int, String)] = [
            5: (3, "Chief Vibes Officer"),       // unknown role
            40: (5, "0"),                        // confidence out of range
            77: (6, "very"),                     // preparedness non-numeric
            120: (12, "PLACEHOLDER-SELF"),        // influences names own role
            150: (8, "budget_constraints"),      // primary blocker not among blockers
            200: (9, "talent;productivity;innovation;revenue_growth"),  // >3 priorities
            260: (9, "talent;talent"),           // repeated priority
            333: (2, "2026-Q5"),                 // malformed wave
            404: (18, "-1"),                     // weight out of range
            480: (4, "4.5"),                     // stage fraction
        ]
        var expected: [Place] = []
        for k in 0..<500 {
            var row = goodRow(k)
            let record = k + 2
            if let (c, v) = planted[record] {
                row[c] = v == "PLACEHOLDER-SELF" ? row[3] : v
                expected.append(Place(record, columns[c]))
            }
            lines.append(row.joined(separator: ","))
        }
        let r = readText(lines.joined(separator: "\n") + "\n", name: "planted.csv")
        #expect(r.rowsRead == 500)
        #expect(errorPlaces(r) == expected)
        #expect(r.warnings.isEmpty)
        #expect(r.rejectedRows == 10 && r.accepted.count == 490)
        // rows after the two-line record report the physical line as well
        #expect(r.errors.first { $0.row == 333 }?.line == 334)
        #expect(r.errors.first { $0.row == 5 }?.line == nil)
    }

    /// The same planted file as JSON Lines reports the same columns at line numbers.
    @Test func plantedJSONLines() {
        var lines: [String] = []
        var expected: [Place] = []
        for k in 1...60 {
            var fields = [#""respondent_id":"r\#(k)""#, #""organisation_id":"o1""#, #""wave":"2026-Q1""#, #""role":"cfo""#, #""stage":2"#]
            switch k {
            case 7: fields.append(#""influences":["cfo"]"#); expected.append(Place(k, "influences"))
            case 13: fields.append(#""confidence":"8""#); expected.append(Place(k, "confidence"))
            case 21: fields.append(#""priorities":["talent","talent"]"#); expected.append(Place(k, "priorities"))
            case 34: fields.append(#""stage":1"#); expected.append(Place(k, "stage"))
            case 55: fields[2] = #""wave":"Q1 2026""#; expected.append(Place(k, "wave"))
            default: break
            }
            lines.append("{" + fields.joined(separator: ",") + "}")
        }
        let r = readText(lines.joined(separator: "\n"), name: "planted.jsonl")
        #expect(errorPlaces(r) == expected)
        #expect(r.accepted.count == 55)
    }
}

/// Files larger than one parallel work item keep file order and the whole-file rules.
struct ParallelReadTests {
    /// 10,000 rows over several work items: duplicates across items and a granularity set in the
    /// first item are enforced; rows and problems stay in file order.
    @Test func acrossChunks() {
        var lines = [requiredHeader]
        var expected: [Place] = []
        for k in 0..<10_000 {
            let record = k + 2
            var id = "r\(k)"
            var wave = "2026-Q1"
            if record == 9_000 { id = "r5" ; expected.append(Place(record, "respondent_id")) }  // duplicate of row 7
            if record == 4_500 { wave = "2026"; expected.append(Place(record, "wave")) }
            lines.append("\(id),o\(k / 10),\(wave),ceo,\(k % 7)")
        }
        let r = readText(lines.joined(separator: "\n"))
        #expect(errorPlaces(r) == expected)
        #expect(r.errors.first?.reason == "wave is a year, but the file's waves are quarters (set by row 2); one study uses one granularity")
        #expect(r.errors.last?.reason == "duplicate (wave, respondent_id) 2026-Q1: first given in row 7, which stands")
        #expect(r.accepted.count == 9_998)
        #expect(r.accepted.map(\.row) == (2...10_001).filter { $0 != 4_500 && $0 != 9_000 })
    }
}
