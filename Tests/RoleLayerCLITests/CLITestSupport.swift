import Foundation
import RoleLayerCore
import Testing

/// Runs the built `rolelayer` binary and captures its exit status and output.
enum CLI {
    /// What one run gave.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Standard error's lines, without the empty last one.
        var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    /// The `rolelayer` executable: next to the test bundle (`.build/<config>/`), else in
    /// `.build/debug` of the package.
    static let executable: URL = {
        var candidates: [URL] = []
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("rolelayer"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("rolelayer"))
        if let argv0 = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: argv0).deletingLastPathComponent().appendingPathComponent("rolelayer"))
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/rolelayer"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// Runs `rolelayer ARGS` in `directory` with `environment` added to this process's
    /// (ROLELAYER_DB removed unless given). Output goes through files, so any amount is safe.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Result {
        let outURL = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["ROLELAYER_DB"] = nil
        env.merge(environment) { $1 }
        process.environment = env
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// A fresh temporary directory for one test.
struct TemporaryDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("rolelayer-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
    }
    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// A tiny deterministic canonical-CSV writer for the tests (the simulator lives elsewhere).
enum CanonicalCSV {
    static let header = "respondent_id,organisation_id,wave,role,stage,confidence,preparedness,blockers,primary_blocker,priorities,ownership,direction,influences,signoff,org_stage,sector,size_band,region,weight,comment"
    static let roles = ["ceo", "cfo", "coo", "cto", "cio", "cdao", "ciso", "cmo", "chro", "gc"]
    static let blockers = ["roi_uncertainty", "security_risk", "data_readiness", "skills_gap", "budget_constraints"]
    static let priorities = ["cost_efficiency", "revenue_growth", "productivity", "talent", "innovation"]
    static let waves = ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]

    /// Column positions (0-based) in ``header``.
    static func column(_ name: String) -> Int { header.split(separator: ",").firstIndex { $0 == name }! }

    /// The fields of data row `i` (file row i + 2): every field valid, spread over four quarters.
    static func fields(_ i: Int, seed: UInt64 = 11) -> [String] {
        var g = RandomGenerator(seed: seed, stream: UInt64(i))
        let roleIndex = g.nextInt(below: roles.count)
        let k = g.nextInt(below: 4)
        let chosen = Array(blockers.prefix(k))
        return [
            "r\(i / waves.count)",
            "org\(i % 997)",
            waves[i % waves.count],
            roles[roleIndex],
            String(g.nextInt(below: 7)),
            g.nextInt(below: 6) == 0 ? "" : String(1 + g.nextInt(below: 7)),
            String(1 + g.nextInt(below: 7)),
            chosen.joined(separator: ";"),
            chosen.first ?? "",
            Array(priorities.prefix(g.nextInt(below: 4))).joined(separator: ";"),
            ["shared", "unclear", "cto"][g.nextInt(below: 3)],
            String(g.nextInt(below: 5) - 2),
            roles[(roleIndex + 1 + g.nextInt(below: 9)) % roles.count],
            "ceo;cfo",
            g.nextInt(below: 2) == 0 ? "" : String(g.nextInt(below: 7)),
            "sector \(g.nextInt(below: 6))",
            "250-999",
            "EU",
            String(0.5 + Double(g.nextInt(below: 1000)) / 1000),
            i % 50 == 0 ? "\"a comment, with \"\"quotes\"\"\"" : "",
        ]
    }

    /// A whole file of `rows` data rows; `edit` may change row i's fields (file row i + 2).
    static func file(rows: Int, seed: UInt64 = 11, edit: (Int, inout [String]) -> Void = { _, _ in }) -> String {
        var out = header + "\n"
        out.reserveCapacity(rows * 140)
        for i in 0..<rows {
            var f = fields(i, seed: seed)
            edit(i, &f)
            out += f.joined(separator: ",")
            out += "\n"
        }
        return out
    }
}
