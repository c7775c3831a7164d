import GRDB
import GRDBSQLite
import RoleLayerCore

/// Binds a ``Response`` to a prepared import statement through the SQLite C API, without
/// allocating per value (the import's hot path; GRDB's `StatementArguments` boxes every value).
///
/// Statements use numbered parameters: content column k of ``StoreSchema/contentColumns`` is
/// `?k` (1...20: `?1` wave, `?2` respondent_id, ...), and the provenance columns are `?21`
/// source_file, `?22` source_row, `?23` import_id. Lists are written into one reused byte buffer
/// as codes joined by `;` (NULL = not answered, `''` = none selected).
struct RecordBinder {
    /// Parameter numbers of the provenance columns.
    static let sourceFileParameter: Int32 = 21
    static let sourceRowParameter: Int32 = 22
    static let importIDParameter: Int32 = 23

    private var scratch: [UInt8] = []
    private var lastWave: Wave?
    private var lastWaveText = ""

    /// SQLite copies the bytes before the bind call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds the 20 content values of `r` to `?1...?20` of `statement`.
    mutating func bindContent(_ r: Response, to statement: Statement) throws {
        let s = statement.sqliteStatement
        if r.wave != lastWave {
            lastWave = r.wave
            lastWaveText = r.wave.description
        }
        try Self.text(lastWaveText, s, 1)
        try Self.text(r.respondentID, s, 2)
        try Self.text(r.organisationID, s, 3)
        try Self.text(r.role.rawValue, s, 4)
        try Self.int(r.stage.value, s, 5)
        try Self.int(r.confidence, s, 6)
        try Self.int(r.preparedness, s, 7)
        try list(r.blockers, s, 8)
        try Self.text(r.primaryBlocker?.rawValue, s, 9)
        try list(r.priorities, s, 10)
        try Self.text(r.ownership?.code, s, 11)
        try Self.int(r.direction?.value, s, 12)
        try list(r.influences, s, 13)
        try list(r.signoff, s, 14)
        try Self.int(r.orgStage?.value, s, 15)
        try Self.text(r.sector, s, 16)
        try Self.text(r.sizeBand, s, 17)
        try Self.text(r.region, s, 18)
        try Self.check(sqlite3_bind_double(s, 19, r.weight), s)
        try Self.text(r.comment, s, 20)
    }

    /// Binds the provenance to `?21...?23`.
    func bindProvenance(sourceFile: String, row: Int, importID: Int64, to statement: Statement) throws {
        let s = statement.sqliteStatement
        try Self.text(sourceFile, s, Self.sourceFileParameter)
        try Self.int(row, s, Self.sourceRowParameter)
        try Self.check(sqlite3_bind_int64(s, Self.importIDParameter, importID), s)
    }

    // MARK: - Values

    private mutating func list<C: RawRepresentable>(_ items: [C]?, _ s: SQLiteStatement, _ i: Int32) throws where C.RawValue == String {
        guard let items else { return try Self.check(sqlite3_bind_null(s, i), s) }
        scratch.removeAll(keepingCapacity: true)
        for (k, item) in items.enumerated() {
            if k > 0 { scratch.append(UInt8(ascii: ";")) }
            scratch.append(contentsOf: item.rawValue.utf8)
        }
        let rc = scratch.withUnsafeBufferPointer { Self.bind($0, s, i) }
        try Self.check(rc, s)
    }

    private static func text(_ value: String?, _ s: SQLiteStatement, _ i: Int32) throws {
        guard var value else { return try check(sqlite3_bind_null(s, i), s) }
        let rc = value.withUTF8 { bind($0, s, i) }
        try check(rc, s)
    }

    /// Binds UTF-8 bytes as TEXT; an empty buffer is the empty text, never NULL.
    private static func bind(_ bytes: UnsafeBufferPointer<UInt8>, _ s: SQLiteStatement, _ i: Int32) -> Int32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return "".withCString { sqlite3_bind_text(s, i, $0, 0, transient) }
        }
        return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            sqlite3_bind_text(s, i, $0, Int32(bytes.count), transient)
        }
    }

    private static func int(_ value: Int?, _ s: SQLiteStatement, _ i: Int32) throws {
        guard let value else { return try check(sqlite3_bind_null(s, i), s) }
        try check(sqlite3_bind_int64(s, i, Int64(value)), s)
    }

    private static func check(_ rc: Int32, _ s: SQLiteStatement) throws {
        guard rc == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(s))))
        }
    }

    // MARK: - Stepping

    /// Runs a bound statement that returns no row (INSERT, UPDATE) and resets it; returns the
    /// number of rows it changed.
    static func execute(_ statement: Statement, db: Database) throws -> Int {
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        let rc = sqlite3_step(s)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    /// Runs the bound comparison statement (`SELECT import_id, source_file, source_row, equal`)
    /// for a key known to be stored, and resets it.
    static func fetchStored(_ statement: Statement, db: Database) throws -> (importID: Int64, sourceFile: String, row: Int, equal: Bool) {
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        let rc = sqlite3_step(s)
        guard rc == SQLITE_ROW else {
            let message = rc == SQLITE_DONE ? "stored record vanished during the import" : String(cString: sqlite3_errmsg(db.sqliteConnection))
            throw DatabaseError(resultCode: ResultCode(rawValue: rc == SQLITE_DONE ? SQLITE_INTERNAL : rc), message: message, sql: statement.sql)
        }
        let file = sqlite3_column_text(s, 1).map { String(cString: $0) } ?? ""
        return (sqlite3_column_int64(s, 0), file, Int(sqlite3_column_int64(s, 2)), sqlite3_column_int64(s, 3) == 1)
    }
}
