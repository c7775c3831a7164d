import Foundation
import RoleLayerCore
import Testing
@testable import RoleLayerIO

/// Loads a mapping file from text named `m.yaml`.
func loadMapping(_ yaml: String) throws(YAMLFileError) -> MappingFile {
    try MappingFile.load(bytes: Array(yaml.utf8), fileName: "m.yaml")
}

/// The problems of a mapping file that does not load, rendered `line:column: message`; empty when it loads.
func mappingProblems(_ yaml: String) -> [String] {
    do {
        _ = try loadMapping(yaml)
        return []
    } catch {
        return error.problems.map(\.description)
    }
}

/// The lines of a mapping file's problems.
func mappingProblemLines(_ yaml: String) -> [Int?] {
    do {
        _ = try loadMapping(yaml)
        return []
    } catch {
        return error.problems.map(\.line)
    }
}

/// Reads an export given as text through the mapping given as YAML.
func readExport(_ text: String, mapping yaml: String, name: String = "e.csv", instrument: Instrument = .default,
                granularity: Wave.Granularity? = nil) throws -> ReadReport {
    let mapping = try loadMapping(yaml)
    return ResponseReader(instrument: instrument).read(bytes: Array(text.utf8), fileName: name, mapping: mapping,
                                                       granularity: granularity)
}

/// Reads an export given as bytes through the mapping given as YAML.
func readExport(bytes: [UInt8], mapping yaml: String, name: String = "e.csv") throws -> ReadReport {
    let mapping = try loadMapping(yaml)
    return ResponseReader().read(bytes: bytes, fileName: name, mapping: mapping)
}

/// Every data row is accounted for exactly once: accepted, rejected or filtered.
func accountedFor(_ r: ReadReport) -> Bool {
    r.rowsRead == r.accepted.count + r.rejectedRows + r.filteredRows
}

/// The accepted responses keyed by respondent id.
func byRespondent(_ r: ReadReport) -> [String: Response] {
    Dictionary(uniqueKeysWithValues: r.accepted.map { ($0.response.respondentID, $0.response) })
}

/// A Qualtrics import-id cell, CSV-quoted: `{"ImportId":"QID5"}` → `"{""ImportId"":""QID5""}"`.
func importID(_ id: String, timeZone: String? = nil, choice: String? = nil) -> String {
    var json = "{\"ImportId\":\"\(id)\""
    if let choice { json += ",\"choiceId\":\"\(choice)\"" }
    if let timeZone { json += ",\"timeZone\":\"\(timeZone)\"" }
    json += "}"
    return "\"" + json.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
