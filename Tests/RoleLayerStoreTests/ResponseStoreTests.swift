import Foundation
import RoleLayerCore
@testable import RoleLayerStore
import Testing

/// The SQLite response store: round trip, idempotent re-import, replace, strict, atomicity,
/// provenance, granularity.
struct ResponseStoreTests {
    let q1 = Wave(parsing: "2026-Q1")!
    let q2 = Wave(parsing: "2026-Q2")!

    private func sortedByKey(_ responses: [Response]) -> [Response] {
        responses.sorted { RecordKey(wave: $0.wave, respondentID: $0.respondentID) < RecordKey(wave: $1.wave, respondentID: $1.respondentID) }
    }

    /// Every canonical field survives a store round trip, including `nil` (not answered) vs `[]` (none selected).
    @Test func roundTripKeepsEveryField() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let store = try ResponseStore(path: dir.path("s.sqlite"))
        let records = SampleResponses.make(count: 300)
        #expect(records.contains { $0.response.blockers == nil } && records.contains { $0.response.blockers == [] })
        #expect(records.contains { $0.response.organisationID == nil } && records.contains { $0.response.comment != nil })
        let outcome = try store.importResponses(records, sourceFile: "a.csv", mode: ImportMode())
        #expect(outcome.inserted == 300 && outcome.unchanged == 0 && outcome.committed)
        #expect(try store.responses() == sortedByKey(records.map(\.response)))
        #expect(try store.count() == 300)
        #expect(try store.granularity() == .quarter)
        #expect(try store.journalMode() == "wal")
    }

    /// Importing the same records again stores nothing new and counts them all as unchanged.
    @Test func reimportIsIdempotent() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let store = try ResponseStore(path: dir.path("s.sqlite"))
        let records = SampleResponses.make(count: 500)
        _ = try store.importResponses(records, sourceFile: "a.csv", mode: ImportMode())
        let before = try store.responses()
        let again = try store.importResponses(records, sourceFile: "a-again.csv", mode: ImportMode())
        #expect(again.inserted == 0 && again.unchanged == 500)
        #expect(again.replaced.isEmpty && again.skipped.isEmpty && again.rejected.isEmpty)
        #expect(try store.responses() == before)
        #expect(try store.count() == 500)
        // The first provenance stands for unchanged records.
        #expect(try store.provenance(of: RecordKey(wave: q1, respondentID: "r0"))?.sourceFile == "a.csv")
        #expect(try store.imports().map(\.inserted) == [500, 0])
        #expect(try store.imports().map(\.unchanged) == [0, 500])
    }

    /// A changed record is skipped and reported without replace, and overwritten and listed with it.
    @Test func changedRecordsAreSkippedOrReplaced() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let store = try ResponseStore(path: dir.path("s.sqlite"))
        var records = SampleResponses.make(count: 20)
        _ = try store.importResponses(records, sourceFile: "a.csv", mode: ImportMode())
        records[3].response.stage = Stage(records[3].response.stage.value == 6 ? 0 : 6)!
        records[7].response.blockers = records[7].response.blockers == nil ? [] : nil  // nil vs [] is a change
        records[9].response.weight += 1e-12  // any bit of difference is a change

        let skipped = try store.importResponses(records, sourceFile: "b.csv", mode: ImportMode())
        #expect(skipped.skipped.map(\.key.respondentID) == ["r3", "r7", "r9"])
        #expect(skipped.skipped.map(\.row) == [5, 9, 11])
        #expect(skipped.skipped.allSatisfy { $0.reason == .changed })
        #expect(skipped.unchanged == 17 && skipped.replaced.isEmpty && skipped.committed)
        #expect(try store.responses().first { $0.respondentID == "r3" }?.stage != records[3].response.stage)

        let replaced = try store.importResponses(records, sourceFile: "c.csv", mode: ImportMode(replace: true))
        #expect(replaced.replaced == [(3, 5), (7, 9), (9, 11)].map { KeyedRow(key: RecordKey(wave: q1, respondentID: "r\($0.0)"), row: $0.1) })
        #expect(replaced.unchanged == 17 && replaced.skipped.isEmpty)
        let now = try store.responses()
        for i in [3, 7, 9] {
            #expect(now.first { $0.respondentID == "r\(i)" } == records[i].response)
        }
        let p = try store.provenance(of: RecordKey(wave: q1, respondentID: "r3"))
        #expect(p == Provenance(sourceFile: "c.csv", row: 5, importID: replaced.importID!))
        #expect(try store.provenance(of: RecordKey(wave: q1, respondentID: "r4"))?.sourceFile == "a.csv")
    }

    /// Strict mode rolls back the whole import when the store skips or rejects any record: the content is byte-identical.
    @Test func strictLeavesStoreUnchanged() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let store = try ResponseStore(path: dir.path("s.sqlite"))
        var records = SampleResponses.make(count: 50)
        _ = try store.importResponses(records, sourceFile: "a.csv", mode: ImportMode())
        let before = try store.contentDump()
        records[10].response.confidence = records[10].response.confidence == 7 ? 1 : 7
        let fresh = SampleResponses.make(count: 30, wave: q2, idOffset: 1000)
        let outcomes = try store.importBatches(
            [ImportBatch(sourceFile: "new.csv", records: fresh), ImportBatch(sourceFile: "b.csv", records: records)],
            mode: ImportMode(strict: true))
        #expect(outcomes.map(\.committed) == [false, false])
        #expect(outcomes.map(\.importID) == [nil, nil])
        #expect(outcomes[0].inserted == 30)  // what would have been written
        #expect(outcomes[1].skipped.map(\.row) == [12])
        #expect(try store.contentDump() == before)
        // Without the changed record, strict commits.
        let ok = try store.importBatches([ImportBatch(sourceFile: "new.csv", records: fresh)], mode: ImportMode(strict: true))
        #expect(ok[0].committed && ok[0].inserted == 30)
        #expect(try store.count() == 80)
    }

    /// A failure injected half-way through an import leaves the store byte-identical to before.
    @Test func interruptedImportLeavesStoreUnchanged() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let path = dir.path("s.sqlite")
        let first = SampleResponses.make(count: 1000)
        #expect(try ResponseStore(path: path).importResponses(first, sourceFile: "a.csv", mode: ImportMode()).inserted == 1000)
        // 1000 new records, then 100 changed ones; the failure comes after 550 records.
        let second = SampleResponses.make(count: 1000, wave: q2, idOffset: 5000) + SampleResponses.restaged(Array(first.prefix(100)))
        let failing = try ResponseStore(path: path, afterRecord: { n in if n == 550 { throw InjectedFailure() } })
        let before = try failing.contentDump()
        #expect(before.contains("r999"))
        #expect(throws: StoreError.self) {
            _ = try failing.importResponses(second, sourceFile: "b.csv", mode: ImportMode(replace: true))
        }
        #expect(try failing.contentDump() == before)
        #expect(try failing.count() == 1000)
        // A failure among the replacements also rolls back.
        let late = try ResponseStore(path: path, afterRecord: { n in if n == 1050 { throw InjectedFailure() } })
        #expect(throws: StoreError.self) {
            _ = try late.importResponses(second, sourceFile: "b.csv", mode: ImportMode(replace: true))
        }
        #expect(try late.contentDump() == before)
        // The same import without a failure goes through: 1000 new, 100 replaced.
        let outcome = try ResponseStore(path: path).importResponses(second, sourceFile: "b.csv", mode: ImportMode(replace: true))
        #expect(outcome.inserted == 1000 && outcome.replaced.count == 100)
    }

    /// Every stored record keeps its source file name and row.
    @Test func provenanceIsKept() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let store = try ResponseStore(path: dir.path("s.sqlite"))
        let records = SampleResponses.make(count: 40)
        let o = try store.importResponses(records, sourceFile: "data/wave 1.csv", mode: ImportMode())
        for (r, row) in records {
            let p = try store.provenance(of: RecordKey(wave: r.wave, respondentID: r.respondentID))
            #expect(p == Provenance(sourceFile: "data/wave 1.csv", row: row, importID: o.importID!))
        }
        #expect(try store.provenance(of: RecordKey(wave: q2, respondentID: "r0")) == nil)
        let log = try store.imports()
        #expect(log.count == 1 && log[0].file == "data/wave 1.csv" && log[0].offered == 40 && log[0].inserted == 40)
        #expect(log[0].time.hasSuffix("Z"))
    }

    /// The first stored wave sets the granularity; records of another granularity are rejected.
    @Test func granularityMismatchIsRejected() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let store = try ResponseStore(path: dir.path("s.sqlite"))
        #expect(try store.granularity() == nil)
        let months = SampleResponses.make(count: 5, wave: Wave(parsing: "2026-03")!)
        let quarters = SampleResponses.make(count: 2, wave: q1, idOffset: 100).map { ($0.response, $0.row + 5) }
        let o = try store.importResponses(months + quarters, sourceFile: "m.csv", mode: ImportMode())
        #expect(try store.granularity() == .month)
        #expect(o.inserted == 5)
        #expect(o.rejected.map(\.row) == [7, 8])
        #expect(o.rejected.first?.reason == .granularityMismatch(store: .month, record: .quarter))
        #expect(o.rejected.first?.reason.column == "wave")
        let years = SampleResponses.make(count: 3, wave: Wave(parsing: "2027")!)
        let later = try store.importResponses(years, sourceFile: "y.csv", mode: ImportMode())
        #expect(later.inserted == 0 && later.rejected.count == 3)
        #expect(throws: StoreError.self) { _ = try store.responses(from: q1) }
    }

    /// A key repeated within one import (across its files) is rejected; the first occurrence stands.
    @Test func duplicateKeyWithinImportIsRejected() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let store = try ResponseStore(path: dir.path("s.sqlite"))
        let a = SampleResponses.make(count: 10)
        let b = SampleResponses.restaged(Array(a.prefix(3)))  // same keys r0...r2, other values
        let o = try store.importBatches(
            [ImportBatch(sourceFile: "a.csv", records: a), ImportBatch(sourceFile: "b.csv", records: b)],
            mode: ImportMode(replace: true))
        #expect(o[0].inserted == 10)
        #expect(o[1].rejected.map(\.row) == [2, 3, 4])
        #expect(o[1].rejected[0].reason == .duplicateInImport(file: "a.csv", row: 2))
        #expect(o[1].replaced.isEmpty)
        #expect(try store.responses().first { $0.respondentID == "r0" } == a[0].response)

        // A key stored before this import, given twice: first unchanged (or changed), then a duplicate.
        let twice = [a[4], (response: a[4].response, row: 30), b[1], (response: b[1].response, row: 31)]
        let again = try store.importResponses(twice, sourceFile: "c.csv", mode: ImportMode())
        #expect(again.unchanged == 1 && again.skipped.map(\.row) == [3])
        #expect(again.rejected.map(\.row) == [30, 31])
        #expect(again.rejected.map(\.reason) == [.duplicateInImport(file: "c.csv", row: 6), .duplicateInImport(file: "c.csv", row: 3)])
        // A new key given twice within one file.
        let fresh = SampleResponses.make(count: 1, idOffset: 500)
        let dup = try store.importResponses(fresh + fresh.map { ($0.response, 9) }, sourceFile: "d.csv", mode: ImportMode())
        #expect(dup.inserted == 1 && dup.rejected.map(\.reason) == [.duplicateInImport(file: "d.csv", row: 2)])
    }

    /// Waves come back chronologically and range queries include both bounds.
    @Test func wavesAndRanges() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let store = try ResponseStore(path: dir.path("s.sqlite"))
        let waves = ["2026-Q3", "2025-Q4", "2026-Q1", "2026-Q2"].map { Wave(parsing: $0)! }
        for (i, w) in waves.enumerated() {
            _ = try store.importResponses(SampleResponses.make(count: 4, wave: w, idOffset: i * 10), sourceFile: "\(w).csv", mode: ImportMode())
        }
        #expect(try store.waves() == waves.sorted())
        let mid = try store.responses(from: q1, to: q2)
        #expect(mid.count == 8 && Set(mid.map(\.wave)) == [q1, q2])
        #expect(try store.responses(to: Wave(parsing: "2025-Q4")!).count == 4)
        let all = try store.responses()
        #expect(all.map(\.wave) == all.map(\.wave).sorted())
    }

    /// An empty import still logs itself; an empty store has no granularity, no waves, no responses.
    @Test func emptyImportAndEmptyStore() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let store = try ResponseStore(path: dir.path("s.sqlite"))
        #expect(try store.responses().isEmpty)
        #expect(try store.waves().isEmpty)
        #expect(try store.count() == 0)
        let o = try store.importResponses([], sourceFile: "empty.csv", mode: ImportMode())
        #expect(o.offered == 0 && o.inserted == 0 && o.committed)
        #expect(try store.granularity() == nil)
    }

    /// A store that cannot be opened is a StoreError naming the path, not a crash.
    @Test func unopenableStoreThrows() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let missingDirectory = dir.path("no/such/dir/s.sqlite")
        let error = #expect(throws: StoreError.self) { _ = try ResponseStore(path: missingDirectory) }
        #expect(error?.path == missingDirectory)
        let notSQLite = dir.path("text.sqlite")
        try Data(String(repeating: "this is not a database. ", count: 50).utf8).write(to: URL(fileURLWithPath: notSQLite))
        #expect(throws: StoreError.self) { _ = try ResponseStore(path: notSQLite) }
    }

    /// Reopening a store keeps its content and granularity.
    @Test func reopeningKeepsContent() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let path = dir.path("s.sqlite")
        _ = try ResponseStore(path: path).importResponses(SampleResponses.make(count: 25), sourceFile: "a.csv", mode: ImportMode())
        let reopened = try ResponseStore(path: path)
        #expect(try reopened.count() == 25)
        #expect(try reopened.granularity() == .quarter)
    }
}
