import GRDB
import GRDBSQLite
import RoleLayerCore

/// Binds a ``Response`` to a prepared import statement through the SQLite C API, without
/// allocating per value (the import's hot path; GRDB's `StatementArguments` boxes every value).
///
/// Statements use numbered parameters: content column k of ``StoreSchema/contentColumns`` is
/// `?k` (1...20: `?1` wave, `?2` respondent_id, ...), and the provenance columns are `?21`
/// source_file, `?22` source_row, `?23` import_id. Lists are written as codes joined by `;`
/// (NULL = not answered, `''` = none selected).
///
/// Text values are bound `SQLITE_STATIC` from byte buffers this binder owns (SQLite neither
/// copies nor allocates for them): the bytes stay put until the next ``bindContent(_:to:)`` or
/// ``begin()`` (content) or the next other source file (provenance), so a statement must be stepped before
/// the binder binds the next record, and rebound before it is stepped again. Every caller binds
/// all of a statement's parameters right before stepping it.
struct RecordBinder {
    /// Parameter numbers of the provenance columns.
    static let sourceFileParameter: Int32 = 21
    static let sourceRowParameter: Int32 = 22
    static let importIDParameter: Int32 = 23

    /// The current record's text values, back to back.
    private let content = ByteArena()
    /// Where each text value of the current record is in `content`: parameter, offset and
    /// length (-1: NULL).
    private var texts: [(parameter: Int32, offset: Int, count: Int)] = []
    /// The current source file's name.
    private let sourceFileBytes = ByteArena()
    private var lastSourceFile: String?
    private var lastWave: Wave?
    private var lastWaveText = ""

    /// SQLite uses the bytes in place, without copying them.
    private static let staticBytes = unsafeBitCast(0, to: sqlite3_destructor_type.self)

    /// Parameters per record: 20 content values and 3 of provenance. A statement inserting
    /// several records numbers record k's parameters from `k * parametersPerRecord + 1`.
    static let parametersPerRecord: Int32 = 23

    /// Binds the 20 content values of `r` to `?1...?20` of `statement`.
    mutating func bindContent(_ r: Response, to statement: Statement) throws {
        begin()
        try add(r, to: statement, offset: 0)
        try finish(statement)
    }

    /// Starts binding one or more records to a statement: ``add(_:to:offset:)`` and
    /// ``addProvenance(sourceFile:row:importID:to:offset:)`` for each, then ``finish(_:)``.
    mutating func begin() {
        content.removeAll()
        texts.removeAll(keepingCapacity: true)
    }

    /// Binds the numbers of `r` to `?(offset+1)...?(offset+20)` now and keeps its text values for
    /// ``finish(_:)``.
    mutating func add(_ r: Response, to statement: Statement, offset: Int32) throws {
        let s = statement.sqliteStatement
        if r.wave != lastWave {
            lastWave = r.wave
            lastWaveText = r.wave.description
        }
        text(lastWaveText, offset + 1)
        text(r.respondentID, offset + 2)
        text(r.organisationID, offset + 3)
        text(r.role.rawValue, offset + 4)
        try Self.int(r.stage.value, s, offset + 5)
        try Self.int(r.confidence, s, offset + 6)
        try Self.int(r.preparedness, s, offset + 7)
        list(r.blockers, offset + 8)
        text(r.primaryBlocker?.rawValue, offset + 9)
        list(r.priorities, offset + 10)
        text(r.ownership?.code, offset + 11)
        try Self.int(r.direction?.value, s, offset + 12)
        list(r.influences, offset + 13)
        list(r.signoff, offset + 14)
        try Self.int(r.orgStage?.value, s, offset + 15)
        text(r.sector, offset + 16)
        text(r.sizeBand, offset + 17)
        text(r.region, offset + 18)
        try Self.check(sqlite3_bind_double(s, offset + 19, r.weight), s)
        text(r.comment, offset + 20)
    }

    /// Binds the text values kept since ``begin()``: only now, because the buffer holding them
    /// does not move any more until the next ``begin()``.
    func finish(_ statement: Statement) throws {
        let s = statement.sqliteStatement
        for t in texts {
            let rc =
                t.count < 0
                ? sqlite3_bind_null(s, t.parameter)
                : Self.bind(content.start + t.offset, t.count, s, t.parameter)
            try Self.check(rc, s)
        }
    }

    /// Binds the provenance to `?21...?23`.
    mutating func bindProvenance(sourceFile: String, row: Int, importID: Int64, to statement: Statement) throws {
        try addProvenance(sourceFile: sourceFile, row: row, importID: importID, to: statement, offset: 0)
    }

    /// Binds the provenance to `?(offset+21)...?(offset+23)`.
    mutating func addProvenance(sourceFile: String, row: Int, importID: Int64, to statement: Statement, offset: Int32) throws {
        let s = statement.sqliteStatement
        if sourceFile != lastSourceFile {
            lastSourceFile = sourceFile
            sourceFileBytes.removeAll()
            sourceFileBytes.append(sourceFile)
        }
        try Self.check(Self.bind(sourceFileBytes.start, sourceFileBytes.count, s, offset + Self.sourceFileParameter), s)
        try Self.int(row, s, offset + Self.sourceRowParameter)
        try Self.check(sqlite3_bind_int64(s, offset + Self.importIDParameter, importID), s)
    }

    // MARK: - Values

    private mutating func list<C: RawRepresentable>(_ items: [C]?, _ i: Int32) where C.RawValue == String {
        guard let items else { return texts.append((i, 0, -1)) }
        let offset = content.count
        for (k, item) in items.enumerated() {
            if k > 0 { content.append(UInt8(ascii: ";")) }
            content.append(item.rawValue)
        }
        texts.append((i, offset, content.count - offset))
    }

    private mutating func text(_ value: String?, _ i: Int32) {
        guard let value else { return texts.append((i, 0, -1)) }
        let offset = content.count
        content.append(value)
        texts.append((i, offset, content.count - offset))
    }

    /// Binds `count` UTF-8 bytes at `start` as TEXT, in place; zero bytes are the empty text,
    /// never NULL (`start` is never nil).
    private static func bind(_ start: UnsafeMutablePointer<UInt8>, _ count: Int, _ s: SQLiteStatement, _ i: Int32) -> Int32 {
        UnsafeMutableRawPointer(start).withMemoryRebound(to: CChar.self, capacity: max(count, 1)) {
            sqlite3_bind_text(s, i, $0, Int32(count), staticBytes)
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

    /// Runs a bound INSERT; returns `false`, with nothing written, when it broke a constraint
    /// (SQLite backs out the whole statement, ABORT), and throws on any other failure.
    static func executeUnlessConstraint(_ statement: Statement, db: Database) throws -> Bool {
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        let rc = sqlite3_step(s)
        if rc == SQLITE_DONE { return true }
        if rc & 0xFF == SQLITE_CONSTRAINT { return false }
        throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
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

/// A growable byte buffer at a stable address between changes (unlike an `Array`'s storage
/// outside `withUnsafeBufferPointer`), for values SQLite reads in place.
final class ByteArena {
    private(set) var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = capacity
        start = .allocate(capacity: capacity)
    }

    deinit { start.deallocate() }

    /// Empties the buffer, keeping its storage.
    func removeAll() { count = 0 }

    /// Appends one byte; may move the buffer.
    func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    /// Appends the UTF-8 bytes of `text`; may move the buffer.
    func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            reserve(bytes.count)
            if let base = bytes.baseAddress { (start + count).update(from: base, count: bytes.count) }
            count += bytes.count
        }
    }

    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = grown
    }
}
