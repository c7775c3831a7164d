import Foundation
import RoleLayerCore
@testable import RoleLayerStore
import Testing

/// The ten planted bad rows: data index, column, value (file row = index + 2).
private let planted: [(index: Int, column: String, value: String)] = [
    (10, "stage", "9"),
    (100, "confidence", "abc"),
    (200, "role", "cxo"),
    (300, "wave", "2026-Q5"),
    (400, "direction", "3"),
    (500, "primary_blocker", "security_risk"),
    (600, "priorities", "talent;talent"),
    (700, "influences", "<own role>"),
    (800, "weight", "-1"),
    (900, "respondent_id", "<duplicate of row 898>"),
]

/// A 1000-row file with the ten planted bad rows.
private func plantedFile() -> String {
    CanonicalCSV.file(rows: 1000) { i, f in
        guard let p = planted.first(where: { $0.index == i }) else { return }
        switch p.column {
        case "primary_blocker":
            f[CanonicalCSV.column("blockers")] = "skills_gap"
            f[CanonicalCSV.column("primary_blocker")] = p.value
        case "influences":
            f[CanonicalCSV.column("influences")] = f[CanonicalCSV.column("role")]
        case "respondent_id":
            f[0] = CanonicalCSV.fields(896)[0]  // same wave (i % 4), same id as row 898
        default:
            f[CanonicalCSV.column(p.column)] = p.value
        }
    }
}

/// `rolelayer validate`: exit statuses and problem lines.
struct ValidateCommandTests {
    /// A clean file exits 0 with a one-line summary and nothing on standard error.
    @Test func cleanFileExitsZero() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        try dir.write("ok.csv", CanonicalCSV.file(rows: 200))
        let r = try CLI.run(["validate", "ok.csv"], in: dir.url)
        #expect(r.status == 0)
        #expect(r.stdout == "ok.csv: 200 rows read, 200 accepted, 0 rejected, 0 warnings\n")
        #expect(r.stderr.isEmpty)
    }

    /// The ten planted bad rows are reported exactly, each with its row and column, and exit 1.
    @Test func plantedBadRowsAreReportedExactly() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        try dir.write("bad.csv", plantedFile())
        let r = try CLI.run(["validate", "bad.csv"], in: dir.url)
        #expect(r.status == 1)
        let lines = r.stderrLines
        #expect(lines.count == 10, "\(lines)")
        for (line, p) in zip(lines, planted) {
            #expect(line.hasPrefix("bad.csv:\(p.index + 2):\(p.column): "), "\(line)")
        }
        #expect(r.stdout == "bad.csv: 1000 rows read, 990 accepted, 10 rejected, 0 warnings\n")
    }

    /// Unreadable input and usage errors exit 2; header-only and empty files exit 1.
    @Test func exitStatuses() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        try dir.write("header.csv", CanonicalCSV.header + "\n")
        try dir.write("empty.csv", "")
        try dir.write("ok.csv", CanonicalCSV.file(rows: 3))

        let missing = try CLI.run(["validate", "missing.csv"], in: dir.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing.csv"))
        #expect(try CLI.run(["validate", "ok.csv", "missing.csv"], in: dir.url).status == 2)
        #expect(try CLI.run(["validate", dir.url.path], in: dir.url).status == 2)  // a directory
        #expect(try CLI.run(["validate"], in: dir.url).status == 2)
        #expect(try CLI.run(["validate", "--no-such-option", "ok.csv"], in: dir.url).status == 2)
        #expect(try CLI.run(["frobnicate"], in: dir.url).status == 2)
        #expect(try CLI.run(["validate", "ok.csv", "--instrument", "nope.yaml"], in: dir.url).status == 2)

        let header = try CLI.run(["validate", "header.csv"], in: dir.url)
        #expect(header.status == 1)
        #expect(header.stderrLines.allSatisfy { $0.hasPrefix("header.csv:") } && !header.stderrLines.isEmpty)
        let empty = try CLI.run(["validate", "empty.csv"], in: dir.url)
        #expect(empty.status == 1)
        #expect(empty.stderrLines.allSatisfy { $0.hasPrefix("empty.csv:") } && !empty.stderrLines.isEmpty)
        #expect(try CLI.run(["validate", "--help"], in: dir.url).status == 0)
    }
}

/// `rolelayer import`: the store, re-import, strict, replace, store location.
struct ImportCommandTests {
    /// A 100,000-row canonical CSV imports; re-importing it adds nothing.
    @Test func largeFileImportsAndReimportAddsNothing() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        try dir.write("big.csv", CanonicalCSV.file(rows: 100_000))
        let first = try CLI.run(["import", "big.csv", "--db", "s.sqlite"], in: dir.url)
        #expect(first.status == 0, "\(first.stderr.prefix(500))")
        #expect(first.stderr.isEmpty)  // no progress: standard error is not a terminal
        #expect(first.stdout.hasPrefix("big.csv: 100000 rows read, 100000 accepted, 0 rejected; 100000 stored, 0 unchanged, 0 replaced\n"))
        #expect(first.stdout.contains("store s.sqlite: 100000 responses, waves 2025-Q3…2026-Q2"))
        let store = try ResponseStore(path: dir.path("s.sqlite"))
        #expect(try store.count() == 100_000)

        let again = try CLI.run(["import", "big.csv", "--db", "s.sqlite"], in: dir.url)
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("big.csv: 100000 rows read, 100000 accepted, 0 rejected; 0 stored, 100000 unchanged, 0 replaced\n"))
        #expect(try store.count() == 100_000)
        #expect(try store.imports().map(\.unchanged) == [0, 100_000])
        let key = RecordKey(wave: Wave(parsing: "2026-Q2")!, respondentID: "r24999")  // the last row
        #expect(try store.provenance(of: key) == Provenance(sourceFile: "big.csv", row: 100_001, importID: 1))
        #expect(try store.imports().map(\.inserted) == [100_000, 0])
    }

    /// The planted-bad file: default import stores the 990 good rows and exits 1; strict stores nothing.
    @Test func plantedFileDefaultAndStrict() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        try dir.write("seed.csv", CanonicalCSV.file(rows: 40))  // the first 40 rows of bad.csv
        try dir.write("bad.csv", plantedFile())
        #expect(try CLI.run(["import", "seed.csv", "--db", "s.sqlite"], in: dir.url).status == 0)
        let store = try ResponseStore(path: dir.path("s.sqlite"))
        let before = try store.contentDump()

        let strict = try CLI.run(["import", "bad.csv", "--db", "s.sqlite", "--strict"], in: dir.url)
        #expect(strict.status == 1)
        #expect(strict.stderrLines.count == 10)
        #expect(strict.stdout.contains("nothing stored (--strict): 10 rows rejected"))
        #expect(try store.contentDump() == before)

        let lenient = try CLI.run(["import", "bad.csv", "--db", "s.sqlite"], in: dir.url)
        #expect(lenient.status == 1)
        #expect(lenient.stderrLines.count == 10)
        // Rows 2...41 are stored already (row 12, planted bad, among them): 39 unchanged, 951 new.
        #expect(lenient.stdout.hasPrefix("bad.csv: 1000 rows read, 990 accepted, 10 rejected; 951 stored, 39 unchanged, 0 replaced\n"))
        #expect(try store.count() == 991)
    }

    /// A changed record is reported and kept without --replace, and overwritten and listed with it.
    @Test func changedRecordsNeedReplace() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        try dir.write("v1.csv", CanonicalCSV.file(rows: 20))
        try dir.write("v2.csv", CanonicalCSV.file(rows: 20) { i, f in
            if i == 5 { f[CanonicalCSV.column("stage")] = f[CanonicalCSV.column("stage")] == "6" ? "0" : "6" }
        })
        #expect(try CLI.run(["import", "v1.csv", "--db", "s.sqlite"], in: dir.url).status == 0)
        let kept = try CLI.run(["import", "v2.csv", "--db", "s.sqlite"], in: dir.url)
        #expect(kept.status == 1)
        #expect(kept.stderrLines == ["v2.csv:7:respondent_id: \"r1\": already stored with other values; not replaced (use --replace to overwrite)"])
        #expect(kept.stdout.hasPrefix("v2.csv: 20 rows read, 20 accepted, 0 rejected; 0 stored, 19 unchanged, 0 replaced, 1 changed but not replaced\n"))

        let replaced = try CLI.run(["import", "v2.csv", "--db", "s.sqlite", "--replace"], in: dir.url)
        #expect(replaced.status == 0)
        #expect(replaced.stdout.contains("0 stored, 19 unchanged, 1 replaced\n"))
        #expect(replaced.stdout.contains("replaced 2025-Q4/r1 (v2.csv:7)\n"))
        let store = try ResponseStore(path: dir.path("s.sqlite"))
        #expect(try store.provenance(of: RecordKey(wave: Wave(parsing: "2025-Q4")!, respondentID: "r1"))?.sourceFile == "v2.csv")
    }

    /// The store defaults to ./rolelayer.sqlite, or $ROLELAYER_DB; an unusable store or missing input exits 2 and stores nothing.
    @Test func storeLocationAndUnusableInput() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        try dir.write("a.csv", CanonicalCSV.file(rows: 8))
        #expect(try CLI.run(["import", "a.csv"], in: dir.url).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.path("rolelayer.sqlite")))
        #expect(try CLI.run(["import", "a.csv"], in: dir.url, environment: ["ROLELAYER_DB": "env.sqlite"]).status == 0)
        #expect(try ResponseStore(path: dir.path("env.sqlite")).count() == 8)

        let missing = try CLI.run(["import", "a.csv", "nope.csv", "--db", "m.sqlite"], in: dir.url)
        #expect(missing.status == 2)
        #expect(try ResponseStore(path: dir.path("m.sqlite")).count() == 0)
        let badStore = try CLI.run(["import", "a.csv", "--db", "no/such/dir/s.sqlite"], in: dir.url)
        #expect(badStore.status == 2)
        #expect(badStore.stderr.contains("no/such/dir/s.sqlite"))
    }

    /// Waves of another granularity than the store's are rejected with their row and column.
    @Test func granularityFollowsTheStore() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        try dir.write("q.csv", CanonicalCSV.file(rows: 4))
        try dir.write("m.csv", CanonicalCSV.file(rows: 2) { i, f in f[2] = "2026-0\(i + 1)" })
        #expect(try CLI.run(["import", "q.csv", "--db", "s.sqlite"], in: dir.url).status == 0)
        let r = try CLI.run(["import", "m.csv", "--db", "s.sqlite"], in: dir.url)
        #expect(r.status == 1)
        #expect(r.stderrLines.count == 2)
        #expect(r.stderrLines.allSatisfy { $0.hasPrefix("m.csv:") && $0.contains(":wave: ") })
    }
}

/// `rolelayer instrument`: the codebook.
struct InstrumentCommandTests {
    /// The default codebook lists roles with labels and aliases, stages, lists, directions, questions and settings.
    @Test func printsTheCodebook() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let r = try CLI.run(["instrument"], in: dir.url)
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        let out = r.stdout
        #expect(out.hasPrefix("RoleLayer default (instrument version 1)\n"))
        #expect(out.contains("  gc    General Counsel  (also: GC, Chief Legal Officer, CLO, Head of Legal, Legal Director)\n"))
        #expect(out.contains("  3  piloting       Piloting\n"))
        #expect(out.contains("  capital_evidence        Insufficient evidence for capital commitment  (also: capital evidence)\n"))
        #expect(out.contains("Priorities (8; up to 3, most important first)\n"))
        #expect(out.contains("  -1 slow_down            Slow down\n"))
        #expect(out.contains("  ownership: Who should own AI strategy?\n"))
        #expect(out.contains("  stage_weight: 0.5\n"))
        #expect(out.contains("  k_respondents: 5\n"))
        for role in CanonicalCSV.roles { #expect(out.contains("  \(role) ")) }
    }

    /// A custom instrument file replaces the roles in the codebook and in validation; an invalid one exits 2 with its problems.
    @Test func customInstrument() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        try dir.write("gov.yaml", """
            name: Test government
            version: 2
            roles:
              - code: permanent_secretary
                label: Permanent Secretary
                aliases: [Perm Sec]
              - code: finance_director
                label: Director of Finance
            """)
        let r = try CLI.run(["instrument", "--instrument", "gov.yaml"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Test government (instrument version 2)\n\nRoles (2)\n"))
        #expect(r.stdout.contains("  permanent_secretary  Permanent Secretary  (also: Perm Sec)\n"))
        #expect(!r.stdout.contains("General Counsel"))

        try dir.write("gov.csv", "respondent_id,organisation_id,wave,role,stage\nr1,o1,2026,perm sec,2\nr2,o1,2026,cfo,2\n")
        let v = try CLI.run(["validate", "gov.csv", "--instrument", "gov.yaml"], in: dir.url)
        #expect(v.status == 1)
        #expect(v.stderrLines.count == 1 && v.stderrLines[0].hasPrefix("gov.csv:3:role: \"cfo\": "))

        try dir.write("broken.yaml", "roles:\n  - code: Bad Code\n    label: x\n")
        let broken = try CLI.run(["instrument", "--instrument", "broken.yaml"], in: dir.url)
        #expect(broken.status == 2)
        #expect(broken.stdout.isEmpty)
        #expect(broken.stderr.contains("broken.yaml"))
        #expect(try CLI.run(["instrument", "--instrument", "missing.yaml"], in: dir.url).status == 2)
    }
}
