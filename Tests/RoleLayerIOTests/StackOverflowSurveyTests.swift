import Foundation
import RoleLayerCore
import Testing
@testable import RoleLayerIO

/// The Stack Overflow Developer Survey files of ../shared/data/stackoverflow read through the
/// shipped examples/stackoverflow mappings, checked against a second, independent reading of the
/// raw CSV in this file (its own small RFC 4180 splitter, no RoleLayerIO code).
///
/// The two tests on the data are skipped, with that reason in the test output, when the data
/// folder is absent (a clean clone without ../shared).
struct StackOverflowSurveyTests {
    /// The package root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let dataFolder = root.deletingLastPathComponent().appendingPathComponent("shared/data/stackoverflow")
    static let examples = root.appendingPathComponent("examples/stackoverflow")
    static let file2024 = dataFolder.appendingPathComponent("so2024_subset.csv.bz2").path
    static let file2025 = dataFolder.appendingPathComponent("so2025_first1000.csv").path
    static var dataPresent: Bool {
        FileManager.default.fileExists(atPath: file2024) && FileManager.default.fileExists(atPath: file2025)
    }

    static func instrument() throws -> Instrument {
        try InstrumentFile.load(path: examples.appendingPathComponent("instrument.yaml").path)
    }

    static func mapping(_ name: String) throws -> MappingFile {
        try MappingFile.load(path: examples.appendingPathComponent(name).path)
    }

    /// Decompresses the 2024 file with `bunzip2 -k` into a fresh temporary folder; returns the CSV path.
    static func decompressed2024() throws -> (csv: String, folder: String) {
        let folder = NSTemporaryDirectory() + "rolelayer-so-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let copy = folder + "/so2024_subset.csv.bz2"
        try FileManager.default.copyItem(atPath: file2024, toPath: copy)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["bunzip2", "-k", copy]
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "bunzip2 -k failed")
        return (folder + "/so2024_subset.csv", folder)
    }

    /// The shipped instrument and mappings load, validate and agree with each other; both
    /// executive spellings are the one role senior_executive.
    @Test func examplesLoad() throws {
        let instrument = try Self.instrument()
        try instrument.validate()
        #expect(instrument.roles.count == 41)
        for name in ["mapping-2024.yaml", "mapping-2025.yaml", "mapping-2025-coarse.yaml"] {
            let m = try Self.mapping(name)
            try m.check(against: instrument)
            #expect(m.format == .csv)
            #expect(m.filterNames == ["no job role (DevType empty)", "AI use not answered (AISelect empty)"])
        }
        #expect(instrument.role(named: "Senior Executive (C-Suite, VP, etc.)") == Role("senior_executive"))
        #expect(instrument.role(named: "Senior executive (C-suite, VP, etc.)") == Role("senior_executive"))
        #expect(instrument.role(named: "DevOps engineer or professional") == Role("devops"))
    }

    /// 2024: every row accepted or filtered (by name), none rejected; the counts, the share of
    /// senior executives answering "Yes" to AISelect, the blockers of one respondent and the mean
    /// confidence agree with the raw CSV counted independently.
    @Test(.enabled(if: dataPresent, "../shared/data/stackoverflow (the Stack Overflow survey files) is not present"))
    func wave2024() throws {
        let (csv, folder) = try Self.decompressed2024()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let instrument = try Self.instrument()
        let report = try ResponseReader(instrument: instrument).read(path: csv, mapping: Self.mapping("mapping-2024.yaml"))
        #expect(report.errors.isEmpty, "\(report.errors.prefix(5))")

        let raw = try RawCSV(path: csv)
        let devType = try raw.column("DevType"), aiSelect = try raw.column("AISelect")
        let noRole = raw.rows.filter { $0[devType].isEmpty }.count
        let noStage = raw.rows.filter { !$0[devType].isEmpty && $0[aiSelect].isEmpty }.count
        #expect(report.rowsRead == 18_845 && raw.rows.count == 18_845)
        #expect(report.filtered == ["no job role (DevType empty)": noRole, "AI use not answered (AISelect empty)": noStage])
        #expect(noRole == 44 && noStage == 57)
        #expect(report.rejectedRows == 0)
        #expect(report.accepted.count == 18_845 - 101)
        #expect(report.granularity == .year)
        #expect(report.accepted.allSatisfy { $0.response.organisationID == nil && $0.response.wave.description == "2024" })

        // Share of senior executives answering "Yes" (stage 4), counted from the raw file.
        let execRaw = raw.rows.filter { $0[devType] == "Senior Executive (C-Suite, VP, etc.)" && !$0[aiSelect].isEmpty }
        let execYesRaw = execRaw.filter { $0[aiSelect] == "Yes" }.count
        let exec = report.accepted.filter { $0.response.role == Role("senior_executive") }
        let execYes = exec.filter { $0.response.stage == Stage(4) }.count
        #expect(exec.count == execRaw.count && execYes == execYesRaw)
        #expect(execRaw.count == 451 && execYesRaw == 351)
        let share = Double(execYes) / Double(exec.count)
        #expect(abs(share - Double(execYesRaw) / Double(execRaw.count)) < 1e-12)
        print("StackOverflowSurveyTests 2024: senior executives \(exec.count), \"Yes\" \(execYes) (\(share))")

        // The share using AI tools (stage >= 3) and the mean stage quoted in the README.
        let users = report.accepted.filter { $0.response.stage.value >= 3 }.count
        #expect(users == raw.rows.filter { !$0[devType].isEmpty && $0[aiSelect] == "Yes" }.count)
        #expect(String(format: "%.3f", Double(users) / Double(report.accepted.count)) == "0.692")
        let meanStage = Double(report.accepted.map(\.response.stage.value).reduce(0, +)) / Double(report.accepted.count)
        #expect(String(format: "%.2f", meanStage) == "2.90")

        // Mean confidence (AISent on 1...7) of all accepted rows, from the raw labels.
        let aiSent = try raw.column("AISent")
        let scale: [String: Double] = ["Very unfavorable": 1, "Unfavorable": 3, "Indifferent": 4, "Favorable": 5, "Very favorable": 7]
        let kept = raw.rows.filter { !$0[devType].isEmpty && !$0[aiSelect].isEmpty }
        let rawScores = kept.compactMap { scale[$0[aiSent]] }
        let scores = report.accepted.compactMap(\.response.confidence).map(Double.init)
        #expect(scores.count == rawScores.count)
        let mean: Double = scores.reduce(0, +) / Double(scores.count)
        let rawMean: Double = rawScores.reduce(0, +) / Double(rawScores.count)
        #expect(abs(mean - rawMean) < 1e-12)

        // Blockers: the respondent whose AIChallenges holds the double-spaced, curly-apostrophe labels.
        let challenges = try raw.column("AIChallenges"), id = try raw.column("ResponseId")
        let sample = try #require(kept.first { $0[challenges].contains("  internal architecture") && $0[challenges].contains("Don\u{2019}t") })
        let response = try #require(report.accepted.first { $0.response.respondentID == sample[id] }?.response)
        #expect(response.blockers?.contains(Blocker("missing_context")) == true)
        #expect(response.blockers?.contains(Blocker("inaccurate_output")) == true)
        #expect(response.blockers?.count == sample[challenges].split(separator: ";").count)
        // Empty AIChallenges is "not answered", not "none".
        let emptyBlockers = kept.filter { $0[challenges].isEmpty }.count
        #expect(report.accepted.filter { $0.response.blockers == nil }.count == emptyBlockers)
    }

    /// 2025: the NA answers are missing, 11 rows without an AISelect answer are filtered, none
    /// rejected; the stage distribution and the senior executives' daily-use share agree with the raw CSV.
    @Test(.enabled(if: dataPresent, "../shared/data/stackoverflow (the Stack Overflow survey files) is not present"))
    func wave2025() throws {
        let instrument = try Self.instrument()
        let report = try ResponseReader(instrument: instrument).read(path: Self.file2025, mapping: Self.mapping("mapping-2025.yaml"))
        #expect(report.errors.isEmpty, "\(report.errors.prefix(5))")
        let raw = try RawCSV(path: Self.file2025)
        let devType = try raw.column("DevType"), aiSelect = try raw.column("AISelect")
        #expect(report.rowsRead == 1_000 && raw.rows.count == 1_000)
        let noStage = raw.rows.filter { $0[aiSelect] == "NA" }.count
        #expect(noStage == 11)
        #expect(report.filtered == ["AI use not answered (AISelect empty)": noStage])
        #expect(report.rejectedRows == 0 && report.accepted.count == 989)

        let codes = ["No, and I don't plan to": 0, "No, but I plan to soon": 1, "Yes, I use AI tools monthly or infrequently": 3,
                     "Yes, I use AI tools weekly": 4, "Yes, I use AI tools daily": 5]
        var rawCounts = [Int](repeating: 0, count: 7)
        for row in raw.rows { if let s = codes[row[aiSelect]] { rawCounts[s] += 1 } }
        var counts = [Int](repeating: 0, count: 7)
        for a in report.accepted { counts[a.response.stage.value] += 1 }
        #expect(counts == rawCounts)
        #expect(counts == [184, 41, 0, 121, 169, 474, 0])

        let exec = raw.rows.filter { $0[devType] == "Senior executive (C-suite, VP, etc.)" && $0[aiSelect] != "NA" }
        let execDaily = exec.filter { $0[aiSelect] == "Yes, I use AI tools daily" }.count
        let mapped = report.accepted.filter { $0.response.role == Role("senior_executive") }
        #expect(mapped.count == exec.count && mapped.filter { $0.response.stage == Stage(5) }.count == execDaily)
        let execUsers = exec.filter { $0[aiSelect].hasPrefix("Yes") }.count
        #expect(mapped.filter { $0.response.stage.value >= 3 }.count == execUsers)
        #expect(exec.count == 22 && execUsers == 18 && execDaily == 11)
        print("StackOverflowSurveyTests 2025: senior executives \(mapped.count), daily \(execDaily)")

        // NA is missing in free-text segments too; "I don’t know" is missing by the value map.
        #expect(!report.accepted.contains { $0.response.sector == "NA" || $0.response.sizeBand == "NA" })
        #expect(!report.accepted.contains { $0.response.sizeBand?.contains("know") == true })
        #expect(report.accepted.contains { $0.response.sizeBand == "2 to 19 employees" })

        let total = Double(report.accepted.count)
        #expect(String(format: "%.3f", Double(counts[3] + counts[4] + counts[5]) / total) == "0.772")
        let fineMean = Double((0..<7).map { $0 * counts[$0] }.reduce(0, +)) / total
        #expect(String(format: "%.2f", fineMean) == "3.49")

        // The coarse 2025 mapping puts every "Yes" at 4, as 2024 does.
        let coarse = try ResponseReader(instrument: instrument).read(path: Self.file2025, mapping: Self.mapping("mapping-2025-coarse.yaml"))
        var coarseCounts = [Int](repeating: 0, count: 7)
        for a in coarse.accepted { coarseCounts[a.response.stage.value] += 1 }
        #expect(coarseCounts == [184, 41, 0, 0, 121 + 169 + 474, 0, 0])
        let coarseMean = Double((0..<7).map { $0 * coarseCounts[$0] }.reduce(0, +)) / total
        #expect(String(format: "%.2f", coarseMean) == "3.13")
    }
}

/// A deliberately plain CSV reader for cross-checks: the whole file as text, a character state
/// machine for quotes, `,` delimiter, CRLF or LF, a leading byte-order mark dropped.
struct RawCSV {
    var header: [String]
    var rows: [[String]]

    init(path: String) throws {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var afterQuote = false
        for ch in text.unicodeScalars {
            if inQuotes {
                if ch == "\"" { inQuotes = false; afterQuote = true } else { field.unicodeScalars.append(ch) }
                continue
            }
            switch ch {
            case "\"":
                if afterQuote { field.append("\"") }
                inQuotes = true
                afterQuote = false
            case ",":
                record.append(field); field = ""; afterQuote = false
            case "\n":
                if field.hasSuffix("\r") { field.removeLast() }
                record.append(field); field = ""; afterQuote = false
                records.append(record); record = []
            default:
                field.unicodeScalars.append(ch); afterQuote = false
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        header = records.removeFirst()
        rows = records
    }

    func column(_ name: String) throws -> Int {
        try #require(header.firstIndex(of: name), "no column \(name)")
    }
}
