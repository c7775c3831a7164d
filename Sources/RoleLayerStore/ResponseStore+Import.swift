import Foundation
import GRDB
import RoleLayerCore

extension ResponseStore {
    /// Imports one file's validated records in one transaction.
    ///
    /// Same as ``importBatches(_:mode:)`` with one batch.
    public func importResponses(_ records: [(response: Response, row: Int)], sourceFile: String, mode: ImportMode) throws(StoreError) -> ImportOutcome {
        try importBatches([ImportBatch(sourceFile: sourceFile, records: records)], mode: mode)[0]
    }

    /// Imports the validated records of one or more files in ONE transaction: either every
    /// outcome below is committed, or (on any error, or a strict rollback) the store is left
    /// exactly as it was.
    ///
    /// For each record, in order (data.md, "Validation and import rules"):
    /// - a wave of another granularity than the store's (the store's is set by the first record
    ///   stored, when it was empty) is rejected;
    /// - a key already seen earlier in this import is rejected (the first occurrence stands);
    /// - a new key is inserted with its provenance (source file, row, import id);
    /// - a stored key whose canonical values (every field of ``Response``; provenance not
    ///   compared) are all equal is *unchanged*: nothing is written and the first provenance stands;
    /// - a stored key with any differing value is *changed*: overwritten (with the new provenance)
    ///   and listed in ``ImportOutcome/replaced`` when ``ImportMode/replace`` is on, otherwise left
    ///   as stored and listed in ``ImportOutcome/skipped``.
    ///
    /// One `imports` row per batch records the file, the time (UTC) and the counts. With
    /// ``ImportMode/strict`` the transaction is rolled back when any record was rejected or skipped;
    /// the outcomes then have `committed == false` and no import id.
    ///
    /// Speed: one prepared statement per kind, reused for every record, in one transaction.
    ///
    /// - Returns: one outcome per batch, in order.
    /// - Throws: ``StoreError`` on a database failure; nothing is stored then.
    /// - Parameter progress: called now and then (every 8,192 records, and at the end) with the
    ///   records processed so far and the total, on the calling thread; for a progress display.
    public func importBatches(
        _ batches: [ImportBatch], mode: ImportMode, progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(StoreError) -> [ImportOutcome] {
        let testHook = afterRecord
        let bulkRecords = self.bulkRecords
        let total = batches.reduce(0) { $0 + $1.records.count }
        let hook: ((Int) throws -> Void)? =
            testHook == nil && progress == nil
            ? nil
            : { n in
                try testHook?(n)
                if let progress, n % 8192 == 0 || n == total { progress(n, total) }
            }
        let stamp = ISO8601DateFormatter().string(from: Date())
        do {
            var outcomes: [ImportOutcome] = []
            try pool.writeWithoutTransaction { db in
                // Every stored record's import_id is an `imports` row this transaction has just
                // written, so the per-row foreign-key lookup can never fail: it is switched off
                // for the import (it cannot change inside a transaction) and on again after.
                let foreignKeys = try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false
                if foreignKeys { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
                defer { if foreignKeys { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }
                // A page cache that holds every page the transaction writes (about 250 bytes of
                // store per record), so none is spilled into the WAL and read back before the
                // commit; back to the connection's own size after.
                let cacheKiB = Self.importCacheKiB(records: total)
                if cacheKiB > ResponseStore.cacheKiB { try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)") }
                defer { if cacheKiB > ResponseStore.cacheKiB { try? db.execute(sql: "PRAGMA cache_size = -\(ResponseStore.cacheKiB)") } }
                try db.inTransaction(.immediate) {
                    outcomes = try Self.run(batches, mode: mode, stamp: stamp, hook: hook, bulkRecords: bulkRecords, db: db)
                    let rollBack = mode.strict && outcomes.contains { !$0.rejected.isEmpty || !$0.skipped.isEmpty }
                    if rollBack {
                        for i in outcomes.indices {
                            outcomes[i].committed = false
                            outcomes[i].importID = nil
                        }
                        return .rollback
                    }
                    return .commit
                }
            }
            return outcomes
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(path: path, reason: "import rolled back: " + Self.describe(error))
        }
    }

    /// The page cache of an import of `records` records, KiB: 384 bytes per record (the store
    /// takes about 250), at least the connection's own size and at most 1 GiB (past that, pages
    /// are spilled into the WAL before the commit, which is slower but correct).
    static func importCacheKiB(records: Int) -> Int {
        min(max(records * 384 / 1024, cacheKiB), 1 << 20)
    }

    // MARK: - The transaction body

    private static func run(
        _ batches: [ImportBatch], mode: ImportMode, stamp: String,
        hook: ((Int) throws -> Void)?, bulkRecords: Int, db: Database
    ) throws -> [ImportOutcome] {
        // Numbered parameters: content column k is ?k, provenance ?21...?23 (see RecordBinder).
        let content = StoreSchema.contentColumns
        let all = content + StoreSchema.provenanceColumns
        let insert = try db.makeStatement(sql: """
            INSERT INTO responses (\(all.joined(separator: ", ")))
            VALUES (\((1...all.count).map { "?\($0)" }.joined(separator: ", ")))
            ON CONFLICT (wave, respondent_id) DO NOTHING
            """)
        // The stored record's provenance, and 1 when it equals the bound values (IS: NULL-safe,
        // exact equality), else 0.
        let same = try db.makeStatement(sql: """
            SELECT import_id, source_file, source_row,
                \(content.enumerated().dropFirst(2).map { "\($0.element) IS ?\($0.offset + 1)" }.joined(separator: " AND "))
            FROM responses WHERE wave = ?1 AND respondent_id = ?2
            """)
        let update = try db.makeStatement(sql: """
            UPDATE responses SET \(all.enumerated().dropFirst(2).map { "\($0.element) = ?\($0.offset + 1)" }.joined(separator: ", "))
            WHERE wave = ?1 AND respondent_id = ?2
            """)
        // `bulkRecords` records in one plain INSERT (a conflict aborts it; see below).
        let bulk =
            bulkRecords > 1
            ? try db.makeStatement(sql: """
                INSERT INTO responses (\(all.joined(separator: ", ")))
                VALUES \((0..<bulkRecords).map { k in "(" + (1...all.count).map { "?\(k * all.count + $0)" }.joined(separator: ", ") + ")" }.joined(separator: ", "))
                """)
            : nil
        let openLog = try db.makeStatement(sql: """
            INSERT INTO imports (file, imported_at, offered, inserted, unchanged, replaced, skipped, rejected)
            VALUES (?, ?, 0, 0, 0, 0, 0, 0)
            """)
        let closeLog = try db.makeStatement(sql: """
            UPDATE imports SET offered = ?, inserted = ?, unchanged = ?, replaced = ?, skipped = ?, rejected = ? WHERE id = ?
            """)

        // The store's granularity; an empty store takes the first record's (in input order: it is
        // the first one stored, whatever order the records are visited in), written to
        // store_settings with the first insert.
        let storedGranularity = try granularity(db)
        let granularity = storedGranularity ?? batches.lazy.flatMap(\.records).first?.response.wave.granularity
        var granularityWritten = storedGranularity != nil
        func noteFirstInsert() throws {
            guard !granularityWritten, let granularity else { return }
            granularityWritten = true
            try db.execute(sql: "INSERT INTO store_settings (key, value) VALUES ('granularity', ?)", arguments: [granularity.rawValue])
        }
        // Keys found already stored and left as they were (unchanged or skipped) in this import ->
        // (batch index << 32 | row) of that first occurrence. Keys written by this import are
        // recognised by their import id instead, so a fresh import never touches this table.
        var keptStored: [RecordKey: Int] = [:]
        var firstImportID: Int64?
        var processed = 0
        var binder = RecordBinder()
        var outcomes: [ImportOutcome] = []

        for (batchIndex, batch) in batches.enumerated() {
            try openLog.execute(arguments: [batch.sourceFile, stamp])
            let importID = db.lastInsertedRowID
            if firstImportID == nil { firstImportID = importID }
            var o = ImportOutcome(
                sourceFile: batch.sourceFile, importID: importID, offered: batch.records.count, inserted: 0,
                unchanged: 0, replaced: [], skipped: [], rejected: [], committed: true)
            // Records are visited in the store's key order (ImportOrder); what is reported is kept
            // with its input position and put back in input order at the end of the batch.
            var replaced: [(position: Int, KeyedRow)] = []
            var skipped: [(position: Int, StoreRejection)] = []
            var rejected: [(position: Int, StoreRejection)] = []

            let order = ImportOrder.positions(batch.records)
            // Through the buffer, each record is read in place (no copy of the record).
            try batch.records.withUnsafeBufferPointer { records in
                // One record on its own, with every rule.
                func visit(_ position: Int) throws {
                    let row = records[position].row
                    defer { processed += 1 }
                    if let g = granularity, records[position].response.wave.granularity != g {
                        rejected.append((position, StoreRejection(key: records[position].response.key, row: row, reason: .granularityMismatch(store: g, record: records[position].response.wave.granularity))))
                        try hook?(processed + 1)
                        return
                    }
                    try binder.bindContent(records[position].response, to: insert)
                    try binder.bindProvenance(sourceFile: batch.sourceFile, row: row, importID: importID, to: insert)
                    if try RecordBinder.execute(insert, db: db) == 1 {
                        o.inserted += 1
                        try noteFirstInsert()
                        try hook?(processed + 1)
                        return
                    }
                    // The key is stored already: earlier in this import (a duplicate), or before it.
                    let key = records[position].response.key
                    if let first = keptStored[key] {
                        let reason = StoreRejection.Reason.duplicateInImport(file: batches[first >> 32].sourceFile, row: first & 0xFFFF_FFFF)
                        rejected.append((position, StoreRejection(key: key, row: row, reason: reason)))
                        try hook?(processed + 1)
                        return
                    }
                    try binder.bindContent(records[position].response, to: same)
                    let stored = try RecordBinder.fetchStored(same, db: db)
                    if stored.importID >= firstImportID! {
                        rejected.append((position, StoreRejection(key: key, row: row, reason: .duplicateInImport(file: stored.sourceFile, row: stored.row))))
                    } else if stored.equal {
                        o.unchanged += 1
                        keptStored[key] = batchIndex << 32 | (row & 0xFFFF_FFFF)
                    } else if mode.replace {
                        try binder.bindContent(records[position].response, to: update)
                        try binder.bindProvenance(sourceFile: batch.sourceFile, row: row, importID: importID, to: update)
                        _ = try RecordBinder.execute(update, db: db)
                        replaced.append((position, KeyedRow(key: key, row: row)))
                    } else {
                        skipped.append((position, StoreRejection(key: key, row: row, reason: .changed)))
                        keptStored[key] = batchIndex << 32 | (row & 0xFFFF_FFFF)
                    }
                    try hook?(processed + 1)
                }

                // Records of the store's granularity, `bulkRecords` at a time, in one plain INSERT:
                // when it succeeds every one of them was a new key and is inserted (as `visit` would
                // have done); when it breaks a constraint (a key stored already or repeated, a value
                // out of range) SQLite backs it out whole and its records are visited one by one.
                var pending: [Int] = []
                pending.reserveCapacity(bulkRecords)
                func flush() throws {
                    defer { pending.removeAll(keepingCapacity: true) }
                    guard let bulk, pending.count == bulkRecords else {
                        for position in pending { try visit(position) }
                        return
                    }
                    binder.begin()
                    for (k, position) in pending.enumerated() {
                        let offset = Int32(k) * RecordBinder.parametersPerRecord
                        try binder.add(records[position].response, to: bulk, offset: offset)
                        try binder.addProvenance(sourceFile: batch.sourceFile, row: records[position].row, importID: importID, to: bulk, offset: offset)
                    }
                    try binder.finish(bulk)
                    guard try RecordBinder.executeUnlessConstraint(bulk, db: db) else {
                        for position in pending { try visit(position) }
                        return
                    }
                    o.inserted += pending.count
                    try noteFirstInsert()
                    for _ in pending {
                        processed += 1
                        try hook?(processed)
                    }
                }
                for position in order {
                    if let g = granularity, records[position].response.wave.granularity != g {
                        try visit(position)
                        continue
                    }
                    pending.append(position)
                    if pending.count == bulkRecords { try flush() }
                }
                try flush()
            }
            o.replaced = replaced.sorted { $0.position < $1.position }.map(\.1)
            o.skipped = skipped.sorted { $0.position < $1.position }.map(\.1)
            o.rejected = rejected.sorted { $0.position < $1.position }.map(\.1)
            try closeLog.execute(arguments: [
                o.offered, o.inserted, o.unchanged, o.replaced.count, o.skipped.count, o.rejected.count, importID,
            ])
            outcomes.append(o)
        }
        return outcomes
    }
}
