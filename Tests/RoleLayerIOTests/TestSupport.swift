import Foundation
import RoleLayerCore
import Testing
@testable import RoleLayerIO

/// The five required columns, the header most fixtures start from.
let requiredHeader = "respondent_id,organisation_id,wave,role,stage"

/// All twenty canonical columns in writer order.
let fullHeader = Response.fieldNames.joined(separator: ",")

/// Reads `text` as a file named `name` with the default instrument (or `instrument`).
func readText(_ text: String, name: String = "t.csv", format: InputFormat? = nil,
              instrument: Instrument = .default, granularity: Wave.Granularity? = nil) -> ReadReport {
    ResponseReader(instrument: instrument).read(bytes: Array(text.utf8), fileName: name, format: format, granularity: granularity)
}

/// Reads raw bytes.
func readBytes(_ bytes: [UInt8], name: String = "t.csv", format: InputFormat? = nil) -> ReadReport {
    ResponseReader().read(bytes: bytes, fileName: name, format: format)
}

/// The problems rendered as `file:row:column: value: reason`.
func rendered(_ report: ReadReport) -> [String] { report.problems.map(\.description) }

/// (row, column) of each error.
func errorPlaces(_ report: ReadReport) -> [Place] {
    report.errors.map { Place(row: $0.row, column: $0.column) }
}

/// A problem's place, for compact expectations.
struct Place: Hashable, CustomStringConvertible {
    var row: Int
    var column: String?
    init(row: Int, column: String?) {
        self.row = row
        self.column = column
    }
    init(_ row: Int, _ column: String?) { self.init(row: row, column: column) }
    var description: String { "\(row):\(column ?? "-")" }
}

/// Reads one data row under `header` and returns the report; the row is row 2.
func readRow(_ row: String, header: String = requiredHeader + ",confidence,preparedness,blockers,primary_blocker,priorities,ownership,direction,influences,signoff,org_stage,weight,comment",
             instrument: Instrument = .default) -> ReadReport {
    readText(header + "\n" + row + "\n", instrument: instrument)
}

/// The columns of ``readRow(_:header:instrument:)``'s default header.
let rowColumns = ["respondent_id", "organisation_id", "wave", "role", "stage", "confidence", "preparedness", "blockers",
                  "primary_blocker", "priorities", "ownership", "direction", "influences", "signoff", "org_stage",
                  "weight", "comment"]

/// One CSV row for the default header of ``readRow``: `r1,o1,2026-Q1,cto,3` and empty optional
/// fields, with `values` replacing cells by column name (quoted when needed).
func cells(_ values: [String: String] = [:]) -> String {
    let defaults = ["respondent_id": "r1", "organisation_id": "o1", "wave": "2026-Q1", "role": "cto", "stage": "3"]
    return rowColumns.map { name in
        let v = values[name] ?? defaults[name] ?? ""
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
    }.joined(separator: ",")
}

/// Reads one row built by ``cells(_:)``.
func readCells(_ values: [String: String]) -> ReadReport { readRow(cells(values)) }
