import Foundation
import RoleLayerCore
import RoleLayerStore
import Testing

/// The Stack Overflow Developer Survey end to end through the `rolelayer` binary, as a user runs
/// it from examples/stackoverflow/README.md: both waves imported with their mappings and the
/// example instrument into a fresh store, the counts checked against the raw CSV read here
/// independently (its own small CSV splitter, no RoleLayerIO code); then `rolelayer analyze` on the
/// store, two figures checked against a computation from the raw columns in this file.
///
/// Skipped, with the reason in the test output, when ../shared/data/stackoverflow is absent.
struct StackOverflowEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let dataFolder = root.deletingLastPathComponent().appendingPathComponent("shared/data/stackoverflow")
    static let examples = root.appendingPathComponent("examples/stackoverflow")
    static let file2024 = dataFolder.appendingPathComponent("so2024_subset.csv.bz2").path
    static let file2025 = dataFolder.appendingPathComponent("so2025_first1000.csv").path
    static var dataPresent: Bool {
        FileManager.default.fileExists(atPath: file2024) && FileManager.default.fileExists(atPath: file2025)
    }
    static func example(_ name: String) -> String { examples.appendingPathComponent(name).path }

    /// `bunzip2 -kc` of the 2024 file into `folder/so2024.csv`, as the README does.
    static func decompress2024(into folder: URL) throws -> String {
        let out = folder.appendingPathComponent("so2024.csv")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["bunzip2", "-kc", file2024]
        p.standardOutput = handle
        try p.run()
        p.waitUntilExit()
        try handle.close()
        try #require(p.terminationStatus == 0, "bunzip2 -kc failed")
        return out.path
    }

    /// Both waves through `rolelayer import --mapping`: every row accepted or filtered by name,
    /// none rejected, exit 0; the printed counts, the stored waves and the senior executives per
    /// wave agree with the raw files; `rolelayer analyze` gives the 2024 senior executives' RSI and
    /// executive-buy-in share that the raw columns give.
    @Test(.enabled(if: dataPresent, "../shared/data/stackoverflow (the Stack Overflow survey files) is not present"))
    func importAndAnalyseBothWaves() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let csv2024 = try Self.decompress2024(into: dir.url)
        let raw2024 = try PlainCSV(path: csv2024), raw2025 = try PlainCSV(path: Self.file2025)
        let instrument = Self.example("instrument.yaml")

        // Independent counts: a row without DevType, then a row without AISelect, is filtered.
        func counts(_ raw: PlainCSV) throws -> (noRole: Int, noStage: Int, kept: [[String]]) {
            let devType = try raw.column("DevType"), aiSelect = try raw.column("AISelect")
            func missing(_ s: String) -> Bool { s.isEmpty || s == "NA" }
            let noRole = raw.rows.count { missing($0[devType]) }
            let noStage = raw.rows.count { !missing($0[devType]) && missing($0[aiSelect]) }
            return (noRole, noStage, raw.rows.filter { !missing($0[devType]) && !missing($0[aiSelect]) })
        }
        let c2024 = try counts(raw2024), c2025 = try counts(raw2025)
        #expect((raw2024.rows.count, c2024.noRole, c2024.noStage, c2024.kept.count) == (18_845, 44, 57, 18_744))
        #expect((raw2025.rows.count, c2025.noRole, c2025.noStage, c2025.kept.count) == (1_000, 0, 11, 989))

        let i2024 = try CLI.run(["import", csv2024, "--mapping", Self.example("mapping-2024.yaml"),
                                 "--instrument", instrument, "--db", "so.sqlite"], in: dir.url)
        #expect(i2024.status == 0, "\(i2024.stderr.prefix(1000))")
        #expect(i2024.stderr.isEmpty)
        #expect(i2024.stdout == """
            \(csv2024): 18845 rows read, \(c2024.kept.count) accepted, \(c2024.noRole + c2024.noStage) filtered, 0 rejected; \(c2024.kept.count) stored, 0 unchanged, 0 replaced
              filtered by "no job role (DevType empty)": \(c2024.noRole)
              filtered by "AI use not answered (AISelect empty)": \(c2024.noStage)
            store so.sqlite: \(c2024.kept.count) responses, wave 2024

            """)

        let i2025 = try CLI.run(["import", Self.file2025, "--mapping", Self.example("mapping-2025.yaml"),
                                 "--instrument", instrument, "--db", "so.sqlite"], in: dir.url)
        #expect(i2025.status == 0, "\(i2025.stderr.prefix(1000))")
        #expect(i2025.stdout == """
            \(Self.file2025): 1000 rows read, 989 accepted, 11 filtered, 0 rejected; 989 stored, 0 unchanged, 0 replaced
              filtered by "no job role (DevType empty)": 0
              filtered by "AI use not answered (AISelect empty)": 11
            store so.sqlite: 19733 responses, waves 2024…2025

            """)

        let store = try ResponseStore(path: dir.path("so.sqlite"))
        #expect(try store.waves().map(\.description) == ["2024", "2025"])
        let stored = try store.responses()
        #expect(stored.allSatisfy { $0.organisationID == nil })
        let executives = stored.filter { $0.role == Role("senior_executive") }
        let devType2024 = try raw2024.column("DevType"), devType2025 = try raw2025.column("DevType")
        #expect(executives.count { $0.wave.description == "2024" } == c2024.kept.count { $0[devType2024] == "Senior Executive (C-Suite, VP, etc.)" })
        #expect(executives.count { $0.wave.description == "2025" } == c2025.kept.count { $0[devType2025] == "Senior executive (C-suite, VP, etc.)" })

        // `rolelayer analyze` on the store (no intervals: the figures are the point estimates).
        let analysis = try CLI.run(["analyze", "--db", "so.sqlite", "--instrument", instrument, "--format", "json",
                                    "--bootstrap", "0", "--out", "result.json"], in: dir.url)
        #expect(analysis.status == 0, "\(analysis.stderr.prefix(1000))")
        let result = try AnalysisJSON(path: dir.path("result.json"))
        let executives2024 = c2024.kept.filter { $0[devType2024] == "Senior Executive (C-Suite, VP, etc.)" }

        // The 2024 senior executives' Role Shift Index, from the raw AISelect, AISent and AIAcc
        // labels with the codes of mapping-2024.yaml and constructs.md's position score.
        let columns2024 = (stage: try raw2024.column("AISelect"), confidence: try raw2024.column("AISent"), trust: try raw2024.column("AIAcc"))
        let positions = executives2024.map { row in
            Self.position(stage: Self.stage2024[Self.plain(row[columns2024.stage])]!,
                          confidence: Self.agreement[row[columns2024.confidence]],
                          preparedness: Self.agreement[row[columns2024.trust]])
        }
        let rsi = try result.roleShiftIndex(wave: "2024", role: "senior_executive")
        #expect(rsi.n == 451 && positions.count == 451)
        let independent = positions.reduce(0, +) / Double(positions.count)
        #expect(abs(rsi.value - independent) <= 1e-9 * independent, "RSI \(rsi.value) vs \(independent)")
        #expect(String(format: "%.1f", rsi.value) == "54.4")

        // The share of 2024 senior executives answering AIChallenges who cite "Lack of executive
        // buy-in" (an empty AIChallenges is "not answered", so not in the denominator).
        let challenges = try raw2024.column("AIChallenges")
        let answering = executives2024.filter { !$0[challenges].isEmpty }
        let citing = answering.count { $0[challenges].split(separator: ";").contains("Lack of executive buy-in") }
        let share = try result.blockerShare(wave: "2024", blocker: "executive_buy_in", role: "senior_executive")
        #expect(share.n == answering.count && (answering.count, citing) == (352, 15))
        #expect(abs(share.value - Double(citing) / Double(answering.count)) <= 1e-12)
    }

    /// 2024 AISelect label → stage code of mapping-2024.yaml (0, 1, 4).
    static let stage2024 = ["No, and I don't plan to": 0, "No, but I plan to soon": 1, "Yes": 4]
    /// AISent and AIAcc labels → 1...7 as in the mappings ("Unsure" and empty: not answered).
    static let agreement: [String: Int] = [
        "Very unfavorable": 1, "Unfavorable": 3, "Indifferent": 4, "Favorable": 5, "Very favorable": 7,
        "Highly distrust": 1, "Somewhat distrust": 3, "Neither trust nor distrust": 4, "Somewhat trust": 5, "Highly trust": 7,
    ]
    /// Typographic apostrophes as plain ones (the survey writes both).
    static func plain(_ s: String) -> String { s.replacingOccurrences(of: "\u{2019}", with: "'") }

    /// constructs.md: x = 100 (0.5 s/6 + 0.25 (c-1)/6 + 0.25 (p-1)/6), the weights renormalised
    /// over the answered components.
    static func position(stage: Int, confidence: Int?, preparedness: Int?) -> Double {
        var sum = 0.5 * Double(stage) / 6, weight = 0.5
        if let confidence { sum += 0.25 * Double(confidence - 1) / 6; weight += 0.25 }
        if let preparedness { sum += 0.25 * Double(preparedness - 1) / 6; weight += 0.25 }
        return 100 * sum / weight
    }
}

/// The few figures the test reads from `rolelayer analyze --format json` (docs/results.md).
struct AnalysisJSON {
    let waves: [[String: Any]]

    init(path: String) throws {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        waves = try #require((object as? [String: Any])?["waves"] as? [[String: Any]])
    }

    func wave(_ name: String) throws -> [String: Any] {
        try #require(waves.first { $0["wave"] as? String == name }, "no wave \(name)")
    }

    /// An estimate's value and n (`{"value": ..., "n": ...}`).
    static func estimate(_ any: Any?) throws -> (value: Double, n: Int) {
        let e = try #require(any as? [String: Any])
        return (try #require(e["value"] as? Double), try #require(e["n"] as? Int))
    }

    func roleShiftIndex(wave name: String, role: String) throws -> (value: Double, n: Int) {
        let rsi = try #require(try wave(name)["roleShiftIndex"] as? [String: Any])
        let roles = try #require(rsi["roles"] as? [[String: Any]])
        return try Self.estimate(try #require(roles.first { $0["role"] as? String == role })["roleShiftIndex"])
    }

    func blockerShare(wave name: String, blocker: String, role: String) throws -> (value: Double, n: Int) {
        let section = try #require(try wave(name)["blockers"] as? [String: Any])
        let blockers = try #require(section["blockers"] as? [[String: Any]])
        let roles = try #require(blockers.first { $0["blocker"] as? String == blocker }?["roles"] as? [[String: Any]])
        return try Self.estimate(try #require(roles.first { $0["role"] as? String == role })["share"])
    }
}

/// A deliberately plain CSV reader for the cross-check: bytes, a quote state machine, `,`
/// delimiter, CRLF or LF, a leading byte-order mark dropped; fields decoded as UTF-8.
struct PlainCSV {
    var header: [String]
    var rows: [[String]]

    init(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        func endField() { record.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true) }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < bytes.count && bytes[i + 1] == quote { field.append(quote); i += 1 } else { inQuotes = false }
                } else {
                    field.append(b)
                }
            } else if b == quote {
                inQuotes = true
            } else if b == comma {
                endField()
            } else if b == newline {
                if field.last == cr { field.removeLast() }
                endField()
                records.append(record); record = []
            } else {
                field.append(b)
            }
            i += 1
        }
        if !field.isEmpty || !record.isEmpty { endField(); records.append(record) }
        header = records.removeFirst()
        rows = records
    }

    func column(_ name: String) throws -> Int {
        try #require(header.firstIndex(of: name), "no column \(name)")
    }
}
