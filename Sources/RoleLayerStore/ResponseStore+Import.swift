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
    public func importBatches(_ batches: [ImportBatch], mode: ImportMode) throws(StoreError) -> [ImportOutcome] {
        let hook = afterRecord
        let stamp = ISO8601DateFormatter().string(from: Date())
        do {
            var outcomes: [ImportOutcome] = []
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    outcomes = try Self.run(batches, mode: mode, stamp: stamp, hook: hook, db: db)
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

    // MARK: - The transaction body

    private static func run(
        _ batches: [ImportBatch], mode: ImportMode, stamp: String,
        hook: (@Sendable (Int) throws -> Void)?, db: Database
    ) throws -> [ImportOutcome] {
        let content = StoreSchema.contentColumns
        let all = content + StoreSchema.provenanceColumns
        let insert = try db.makeStatement(sql: """
            INSERT INTO responses (\(all.joined(separator: ", ")))
            VALUES (\(Array(repeating: "?", count: all.count).joined(separator: ", ")))
            ON CONFLICT (wave, respondent_id) DO NOTHING
            """)
        // 1 when the stored record equals the bound values (IS: NULL-safe equality), 0 otherwise.
        let same = try db.makeStatement(sql: """
            SELECT \(content.dropFirst(2).map { "\($0) IS ?" }.joined(separator: " AND "))
            FROM responses WHERE wave = ? AND respondent_id = ?
            """)
        let update = try db.makeStatement(sql: """
            UPDATE responses SET \(all.dropFirst(2).map { "\($0) = ?" }.joined(separator: ", "))
            WHERE wave = ? AND respondent_id = ?
            """)
        let openLog = try db.makeStatement(sql: """
            INSERT INTO imports (file, imported_at, offered, inserted, unchanged, replaced, skipped, rejected)
            VALUES (?, ?, 0, 0, 0, 0, 0, 0)
            """)
        let closeLog = try db.makeStatement(sql: """
            UPDATE imports SET offered = ?, inserted = ?, unchanged = ?, replaced = ?, skipped = ?, rejected = ? WHERE id = ?
            """)

        var granularity = try granularity(db)
        var firstSeen: [RecordKey: (file: String, row: Int)] = [:]
        var processed = 0
        var outcomes: [ImportOutcome] = []

        for batch in batches {
            try openLog.execute(arguments: [batch.sourceFile, stamp])
            let importID = db.lastInsertedRowID
            var o = ImportOutcome(
                sourceFile: batch.sourceFile, importID: importID, offered: batch.records.count, inserted: 0,
                unchanged: 0, replaced: [], skipped: [], rejected: [], committed: true)
            firstSeen.reserveCapacity(firstSeen.count + batch.records.count)
            let provenanceFile = batch.sourceFile.databaseValue
            let importValue = importID.databaseValue

            for (response, row) in batch.records {
                defer { processed += 1 }
                let key = response.key
                if let g = granularity, response.wave.granularity != g {
                    o.rejected.append(StoreRejection(key: key, row: row, reason: .granularityMismatch(store: g, record: response.wave.granularity)))
                    try hook?(processed + 1)
                    continue
                }
                if let first = firstSeen[key] {
                    o.rejected.append(StoreRejection(key: key, row: row, reason: .duplicateInImport(file: first.file, row: first.row)))
                    try hook?(processed + 1)
                    continue
                }
                firstSeen[key] = (batch.sourceFile, row)

                var values = response.storeValues
                let contentCount = values.count
                values.append(provenanceFile)
                values.append(Int64(row).databaseValue)
                values.append(importValue)
                insert.setUncheckedArguments(StatementArguments(values))
                try insert.execute()
                if db.changesCount == 1 {
                    o.inserted += 1
                    if granularity == nil {
                        granularity = response.wave.granularity
                        try db.execute(
                            sql: "INSERT INTO store_settings (key, value) VALUES ('granularity', ?)",
                            arguments: [response.wave.granularity.rawValue])
                    }
                } else {
                    // Stored already: compare every canonical value.
                    var probe = Array(values[2..<contentCount])
                    probe.append(values[0])
                    probe.append(values[1])
                    same.setUncheckedArguments(StatementArguments(probe))
                    let equal = try Bool.fetchOne(same) ?? false
                    if equal {
                        o.unchanged += 1
                    } else if mode.replace {
                        var set = Array(values[2...])
                        set.append(values[0])
                        set.append(values[1])
                        update.setUncheckedArguments(StatementArguments(set))
                        try update.execute()
                        o.replaced.append(key)
                    } else {
                        o.skipped.append(StoreRejection(key: key, row: row, reason: .changed))
                    }
                }
                try hook?(processed + 1)
            }
            try closeLog.execute(arguments: [
                o.offered, o.inserted, o.unchanged, o.replaced.count, o.skipped.count, o.rejected.count, importID,
            ])
            outcomes.append(o)
        }
        return outcomes
    }
}
