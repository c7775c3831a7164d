import Foundation
import GRDB
import RoleLayerCore

/// The response store: one SQLite file (WAL mode) holding validated responses keyed by
/// (wave, respondent_id), each with its provenance, and a log of imports.
///
/// ```swift
/// let store = try ResponseStore(path: "rolelayer.sqlite")
/// let outcome = try store.importResponses(records, sourceFile: "wave1.csv", mode: ImportMode())
/// let all = try store.responses()
/// ```
///
/// Opening migrates the schema to the newest version this build knows (GRDB `DatabaseMigrator`).
/// Reads may run while an import is writing (WAL): they see the store as it was before the import
/// until it commits. Every method is safe to call from any thread.
///
/// One study uses one wave granularity (data.md, "Waves"): the first stored wave sets it, and
/// records of another granularity are rejected.
public final class ResponseStore: Sendable {
    /// The path as given.
    public let path: String
    let pool: DatabasePool
    /// Test hook: called inside the import transaction after each stored or compared record with
    /// the number of records processed so far; throwing aborts (and rolls back) the import.
    let afterRecord: (@Sendable (Int) throws -> Void)?
    /// Records per multi-row INSERT in an import (1: every record on its own; tests compare the two).
    let bulkRecords: Int

    /// Page cache of each connection, KiB.
    static let cacheKiB = 65536

    /// Opens the store at `path`, creating the file and its schema when absent.
    ///
    /// - Throws: ``StoreError`` when the file cannot be opened or created (missing directory,
    ///   permission, not an SQLite database) or was written by a newer RoleLayer.
    public convenience init(path: String) throws(StoreError) {
        try self.init(path: path, afterRecord: nil)
    }

    /// Opens the store with a failure-injection hook (tests only).
    init(path: String, afterRecord: (@Sendable (Int) throws -> Void)?, bulkRecords: Int = 32) throws(StoreError) {
        self.path = path
        self.afterRecord = afterRecord
        self.bulkRecords = bulkRecords
        do {
            var config = Configuration()
            config.label = "RoleLayerStore"
            config.busyMode = .timeout(10)
            config.prepareDatabase { db in
                // A 64 MiB page cache per connection (an import raises the writer's for its
                // transaction: importCacheKiB).
                try db.execute(sql: "PRAGMA cache_size = -\(ResponseStore.cacheKiB)")
            }
            pool = try DatabasePool(path: path, configuration: config)  // WAL mode
            let migrator = StoreSchema.migrator
            let superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded {
                throw StoreError(path: path, reason: "the store was written by a newer RoleLayer (it has migrations this version does not know)")
            }
            try migrator.migrate(pool)
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(path: path, reason: ResponseStore.describe(error))
        }
    }

    // MARK: - Queries

    /// The wave granularity of the store, set by its first stored wave; `nil` while it is empty.
    ///
    /// - Throws: ``StoreError`` on a database failure.
    public func granularity() throws(StoreError) -> Wave.Granularity? {
        try read { db in try Self.granularity(db) }
    }

    /// Number of stored responses.
    public func count() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM responses") ?? 0 }
    }

    /// The distinct stored waves, chronologically.
    public func waves() throws(StoreError) -> [Wave] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT wave FROM responses ORDER BY wave").map { text in
                guard let w = Wave(parsing: text) else { throw StoreError(path: path, reason: "malformed stored wave '\(text)'") }
                return w
            }
        }
    }

    /// The stored responses with `from <= wave <= to` (either bound `nil` = open), ordered by wave
    /// (chronologically) and then by respondent id (byte-wise), so the same content always gives
    /// the same order.
    ///
    /// - Throws: ``StoreError`` when a bound has another granularity than the store, or a stored
    ///   value is outside its domain (a store edited by hand).
    public func responses(from: Wave? = nil, to: Wave? = nil) throws(StoreError) -> [Response] {
        try read { db in
            if let g = try Self.granularity(db) {
                for bound in [from, to].compactMap({ $0 }) where bound.granularity != g {
                    throw StoreError(path: path, reason: "wave \(bound) is a \(bound.granularity) but the store holds \(g) waves")
                }
            }
            let columns = StoreSchema.contentColumns.joined(separator: ", ")
            var sql = "SELECT \(columns) FROM responses"
            var conditions: [String] = []
            var arguments: [String] = []
            if let from { conditions.append("wave >= ?"); arguments.append(from.description) }
            if let to { conditions.append("wave <= ?"); arguments.append(to.description) }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY wave, respondent_id"
            var out: [Response] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            while let row = try rows.next() {
                do {
                    out.append(try ResponseColumns.decode(row))
                } catch let failure as ResponseColumns.DecodeFailure {
                    throw StoreError(path: path, reason: "stored record unreadable: \(failure.reason)")
                }
            }
            return out
        }
    }

    /// Where the stored record with this key came from, or `nil` when no such record is stored.
    public func provenance(of key: RecordKey) throws(StoreError) -> Provenance? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT source_file, source_row, import_id FROM responses WHERE wave = ? AND respondent_id = ?",
                arguments: [key.wave.description, key.respondentID]
            ).map { Provenance(sourceFile: $0[0], row: $0[1], importID: $0[2]) }
        }
    }

    /// The import log, oldest first.
    public func imports() throws(StoreError) -> [ImportRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, file, imported_at, offered, inserted, unchanged, replaced, skipped, rejected FROM imports ORDER BY id").map {
                ImportRecord(id: $0[0], file: $0[1], time: $0[2], offered: $0[3], inserted: $0[4], unchanged: $0[5], replaced: $0[6], skipped: $0[7], rejected: $0[8])
            }
        }
    }

    // MARK: - Internals

    static func granularity(_ db: Database) throws -> Wave.Granularity? {
        try String.fetchOne(db, sql: "SELECT value FROM store_settings WHERE key = 'granularity'").flatMap(Wave.Granularity.init(rawValue:))
    }

    /// Runs a read, wrapping every failure in ``StoreError``.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read { db in try body(db) }
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(path: path, reason: Self.describe(error))
        }
    }

    /// One sentence for a GRDB or SQLite failure.
    static func describe(_ error: any Error) -> String {
        if let db = error as? DatabaseError {
            return "sqlite error \(db.resultCode.rawValue): \(db.message ?? "\(db)")"
        }
        return "\(error)"
    }
}

// MARK: - Inspection (tests)

extension ResponseStore {
    /// Every row of every table (settings, imports, responses, migrations), in key order, one line
    /// per row: a byte-exact picture of the store's content for "left unchanged" checks.
    func contentDump() throws(StoreError) -> String {
        try read { db in
            var lines: [String] = []
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            for table in tables {
                lines.append("# \(table)")
                let width = try db.columns(in: table).count
                let order = (1...width).map(String.init).joined(separator: ", ")
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY \(order)") {
                    lines.append(row.description)
                }
            }
            return lines.joined(separator: "\n")
        }
    }

    /// A pragma's value on the writing connection (`foreign_keys`, `cache_size`: an import
    /// changes them for its transaction only).
    func writerPragma(_ name: String) throws(StoreError) -> Int {
        do {
            return try pool.write { db in try Int.fetchOne(db, sql: "PRAGMA \(name)") ?? 0 }
        } catch {
            throw StoreError(path: path, reason: Self.describe(error))
        }
    }

    /// The SQLite journal mode (`wal` for every store).
    func journalMode() throws(StoreError) -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }
}
