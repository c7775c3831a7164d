import Foundation
import RoleLayerCore
import RoleLayerSimulation

/// Shared fixtures: one default-scenario panel of 1,000 organisations, generated once.
enum Fixture {
    /// The default scenario's panel (1,000 organisations, 4 waves, seed 20260101).
    static let panel: [Response] = try! PanelSimulator().responses()
    /// The default scenario's planted truth.
    static let planted: PlantedEffects = try! PanelSimulator().plantedEffects()

    /// A small scenario for fast checks.
    static func small(seed: UInt64 = 7, organisations: Int = 60, waves: Int = 3) -> Scenario {
        var s = Scenario.default
        s.seed = seed
        s.organisations = organisations
        s.waves = waves
        return s
    }

    /// The package root (for examples/ and docs/).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// Splits canonical CSV text into records of fields (RFC 4180: quoted fields may hold commas,
/// doubled quotes and line breaks). Test helper only; the product's reader lives in RoleLayerIO.
func splitCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var field = ""
    var record: [String] = []
    var inQuotes = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
        if inQuotes {
            if c == "\"" {
                if chars.first == "\"" { field.append("\""); chars = chars.dropFirst() } else { inQuotes = false }
            } else { field.append(c) }
        } else if c == "\"" {
            inQuotes = true
        } else if c == "," {
            record.append(field); field = ""
        } else if c == "\n" {
            record.append(field); field = ""
            records.append(record); record = []
        } else {
            field.append(c)
        }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}
