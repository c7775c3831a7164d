import Foundation
import RoleLayerCore
@testable import RoleLayerStore
import Testing

/// The import visits records in the store's key order; what it stores and reports must be the
/// same as visiting them in input order.
struct ImportOrderTests {
    let q1 = Wave(parsing: "2026-Q1")!
    let march = Wave(parsing: "2026-03")!

    private func records(_ keys: [(Wave, String)]) -> [(response: Response, row: Int)] {
        keys.enumerated().map { i, key in
            (Response(respondentID: key.1, organisationID: "o", wave: key.0, role: .ceo, stage: Stage(i % 7)!), i + 2)
        }
    }

    /// Byte order of the wave text, then of the respondent id (past the 16-byte prefix too), then
    /// input position.
    @Test func positionsAreKeyOrderThenInputOrder() {
        let long = "respondent-000000"  // 17 bytes: equal 16-byte prefixes
        let r = records([
            (q1, "r2"), (q1, "r10"), (march, "r9"), (q1, "r2"), (q1, "r1"), (q1, long + "2"), (q1, long + "10"),
            (q1, long), (q1, ""),
        ])
        #expect(ImportOrder.positions(r) == [2, 8, 4, 1, 0, 3, 7, 6, 5])
        #expect(ImportOrder.positions([]) == [])
        #expect(ImportOrder.positions(Array(r.prefix(1))) == [0])
    }

    /// A batch with a non-ASCII respondent id keeps its input order.
    @Test func nonASCIIKeepsInputOrder() {
        let r = records([(q1, "r2"), (q1, "r\u{E9}"), (q1, "r1")])
        #expect(ImportOrder.positions(r) == [0, 1, 2])
    }

    /// An empty store takes the granularity of the first record in input order, even when a record
    /// of another granularity comes first in key order ("2026-03" < "2026-Q1").
    @Test func granularityIsTheFirstInputRecords() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let store = try ResponseStore(path: dir.path("s.sqlite"))
        let o = try store.importResponses(records([(q1, "r5"), (march, "r1"), (q1, "r0"), (march, "r0")]), sourceFile: "a.csv", mode: ImportMode())
        #expect(try store.granularity() == .quarter)
        #expect(o.inserted == 2)
        #expect(o.rejected.map(\.row) == [3, 5])
        #expect(o.rejected.map(\.reason) == Array(repeating: .granularityMismatch(store: .quarter, record: .month), count: 2))
    }

    /// Against a store holding r0...r9: new keys, repeated new keys, repeated stored keys (changed
    /// and unchanged), in an input order far from key order. Lists come back in input order; the
    /// first occurrence in input order is the one stored or compared.
    @Test func outcomesAreThoseOfInputOrder() throws {
        for replace in [false, true] {
            let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
            let store = try ResponseStore(path: dir.path("s.sqlite"))
            let base = records((0..<10).map { (q1, "r\($0)") })
            _ = try store.importResponses(base, sourceFile: "a.csv", mode: ImportMode())

            let changed = SampleResponses.restaged([base[7], base[3]])
            let fresh = records([(q1, "r99"), (q1, "r50")])
            let freshChanged = SampleResponses.restaged(fresh)
            let input: [(response: Response, row: Int)] = [
                (fresh[0].response, 2),  // new r99
                (changed[0].response, 3),  // r7 changed
                (base[5].response, 4),  // r5 unchanged
                (freshChanged[0].response, 5),  // r99 again, other values: duplicate of row 2
                (changed[1].response, 6),  // r3 changed
                (base[7].response, 7),  // r7 again (stored values): duplicate of row 3
                (fresh[1].response, 8),  // new r50
                (base[5].response, 9),  // r5 again: duplicate of row 4
                (base[3].response, 10),  // r3 again: duplicate of row 6
                (freshChanged[1].response, 11),  // r50 again: duplicate of row 8
            ]
            let o = try store.importResponses(input, sourceFile: "b.csv", mode: ImportMode(replace: replace))
            #expect(o.inserted == 2 && o.unchanged == 1)
            #expect(o.rejected.map(\.row) == [5, 7, 9, 10, 11])
            let firsts = [2, 3, 4, 6, 8].map { StoreRejection.Reason.duplicateInImport(file: "b.csv", row: $0) }
            #expect(o.rejected.map(\.reason) == firsts)
            if replace {
                #expect(o.replaced.map(\.row) == [3, 6] && o.skipped.isEmpty)
                #expect(o.replaced.map(\.key.respondentID) == ["r7", "r3"])
            } else {
                #expect(o.skipped.map(\.row) == [3, 6] && o.replaced.isEmpty)
                #expect(o.skipped.map(\.key.respondentID) == ["r7", "r3"])
            }
            let stored = try store.responses()
            #expect(stored.first { $0.respondentID == "r99" } == fresh[0].response)
            #expect(stored.first { $0.respondentID == "r50" } == fresh[1].response)
            #expect(stored.first { $0.respondentID == "r7" } == (replace ? changed[0].response : base[7].response))
            #expect(try store.provenance(of: RecordKey(wave: q1, respondentID: "r50"))?.row == 8)
            #expect(try store.provenance(of: RecordKey(wave: q1, respondentID: "r3"))?.row == (replace ? 6 : 5))
            #expect(try store.imports().last.map { [$0.offered, $0.inserted, $0.unchanged, $0.replaced, $0.skipped, $0.rejected] }
                == [10, 2, 1, replace ? 2 : 0, replace ? 0 : 2, 5])
        }
    }

    /// The import switches foreign-key checks off and raises the page cache for its transaction
    /// only: both are back after a committed and after a failed import.
    @Test func connectionSettingsAreRestored() throws {
        let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
        let path = dir.path("s.sqlite")
        let failing = try ResponseStore(path: path, afterRecord: { n in if n == 5 { throw InjectedFailure() } })
        #expect(throws: StoreError.self) { _ = try failing.importResponses(SampleResponses.make(count: 10), sourceFile: "a.csv", mode: ImportMode()) }
        #expect(try failing.writerPragma("foreign_keys") == 1 && failing.writerPragma("cache_size") == -65536)
        let store = try ResponseStore(path: path)
        _ = try store.importResponses(SampleResponses.make(count: 10), sourceFile: "a.csv", mode: ImportMode())
        #expect(try store.writerPragma("foreign_keys") == 1 && store.writerPragma("cache_size") == -65536)
        #expect(ResponseStore.importCacheKiB(records: 10) == 65536 && ResponseStore.importCacheKiB(records: 1_000_000) == 375_000)
        #expect(ResponseStore.importCacheKiB(records: 100_000_000) == 1 << 20)
        #expect(try store.count() == 10)
    }

    /// Many records per INSERT give exactly what one record at a time gives: outcomes, stored
    /// records, provenance and the import log, with new, unchanged, changed, repeated and
    /// wrong-granularity records mixed within the multi-record statements, in every mode.
    @Test func bulkInsertsMatchOneByOne() throws {
        let first = SampleResponses.make(count: 200)
        var second: [(response: Response, row: Int)] = SampleResponses.make(count: 400, seed: 9).map { ($0.response, $0.row + 1000) }
        second += first[10..<40].map { ($0.response, $0.row + 2000) }  // r10...r39 again, as stored
        second += second[250..<270].map { ($0.response, $0.row + 3000) }  // repeated within the import
        second.insert((SampleResponses.make(count: 1, wave: march, idOffset: 900)[0].response, 5000), at: 123)
        second.insert((SampleResponses.make(count: 1, wave: march, idOffset: 901)[0].response, 5001), at: 321)
        let third = SampleResponses.make(count: 100, idOffset: 1000)  // all new: bulk only
        for mode in [ImportMode(), ImportMode(replace: true), ImportMode(strict: true), ImportMode(replace: true, strict: true)] {
            var results: [(outcomes: [[ImportOutcome]], responses: [Response], provenance: [Provenance?], log: [[Int]])] = []
            for bulkRecords in [32, 1] {
                let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
                let store = try ResponseStore(path: dir.path("s.sqlite"), afterRecord: nil, bulkRecords: bulkRecords)
                var outcomes: [[ImportOutcome]] = []
                outcomes.append(try store.importBatches([ImportBatch(sourceFile: "a.csv", records: first)], mode: ImportMode()))
                outcomes.append(try store.importBatches(
                    [ImportBatch(sourceFile: "b.csv", records: second), ImportBatch(sourceFile: "c.csv", records: first + third)], mode: mode))
                #expect(try store.granularity() == .quarter)
                let responses = try store.responses()
                let provenance = try responses.map { try store.provenance(of: $0.key) }
                let log = try store.imports().map { [Int($0.id), $0.offered, $0.inserted, $0.unchanged, $0.replaced, $0.skipped, $0.rejected] }
                results.append((outcomes, responses, provenance, log))
            }
            #expect(results[0].outcomes == results[1].outcomes)
            #expect(results[0].responses == results[1].responses)
            #expect(results[0].provenance == results[1].provenance)
            #expect(results[0].log == results[1].log)
            #expect(results[0].outcomes[1][0].rejected.count == 2 + 30 + 20)
        }
    }

    /// A value a CHECK constraint refuses fails the import the same way within a multi-record
    /// INSERT as on its own, and leaves the store unchanged.
    @Test func constraintFailureInBulkIsTheSame() throws {
        var records = SampleResponses.make(count: 100)
        records[70].response.confidence = 99
        var reasons: [String] = []
        for bulkRecords in [32, 1] {
            let dir = try TemporaryDirectory(); defer { dir.cleanUp() }
            let store = try ResponseStore(path: dir.path("s.sqlite"), afterRecord: nil, bulkRecords: bulkRecords)
            do {
                _ = try store.importResponses(records, sourceFile: "a.csv", mode: ImportMode())
                Issue.record("the import should have failed")
            } catch {
                reasons.append(error.reason)
            }
            #expect(try store.count() == 0 && store.imports().isEmpty && store.granularity() == nil)
        }
        #expect(reasons.count == 2 && reasons[0] == reasons[1])
        #expect(reasons.first?.contains("CHECK constraint failed") == true)
    }
}
