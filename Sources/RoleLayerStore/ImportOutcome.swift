import RoleLayerCore

/// The key of a stored record: one respondent in one wave (data.md, "Re-importing").
public struct RecordKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The wave.
    public var wave: Wave
    /// The pseudonymous respondent id (may be shown to the person importing, never in reports).
    public var respondentID: String

    /// Creates a key.
    public init(wave: Wave, respondentID: String) {
        self.wave = wave
        self.respondentID = respondentID
    }

    /// Chronological by wave, then byte-wise by respondent id (the store's own order).
    public static func < (a: RecordKey, b: RecordKey) -> Bool {
        if a.wave != b.wave { return a.wave < b.wave }
        return Array(a.respondentID.utf8).lexicographicallyPrecedes(Array(b.respondentID.utf8))
    }

    /// `WAVE/RESPONDENT_ID`, for example `2026-Q1/r-00017`.
    public var description: String { "\(wave)/\(respondentID)" }
}

/// A record's key and the row of its source file it came from.
public struct KeyedRow: Sendable, Hashable {
    /// The key.
    public var key: RecordKey
    /// The row (header = row 1).
    public var row: Int

    /// Creates a keyed row.
    public init(key: RecordKey, row: Int) {
        self.key = key
        self.row = row
    }
}

/// How an import treats records whose key is already stored with other values.
public struct ImportMode: Sendable, Hashable {
    /// Overwrite a stored record whose values differ from the incoming one, and list it in
    /// ``ImportOutcome/replaced``. When `false` the stored record stands and the incoming one is
    /// listed in ``ImportOutcome/skipped``.
    public var replace: Bool
    /// Roll the whole import back when the store itself rejects or skips any record (a wave of
    /// another granularity, a key repeated within the import, a changed record without
    /// ``replace``). Rows the *reader* rejected are the caller's business: a strict caller does not
    /// call the import at all.
    public var strict: Bool

    /// Creates a mode; both options default to off.
    public init(replace: Bool = false, strict: Bool = false) {
        self.replace = replace
        self.strict = strict
    }
}

/// The validated records of one input file, with the row each came from.
public struct ImportBatch: Sendable {
    /// The source file name as given by the user (kept as provenance on every stored record).
    public var sourceFile: String
    /// The records in file order, each with its row (1-based, header = row 1, as in
    /// `ImportProblem.row`).
    public var records: [(response: Response, row: Int)]

    /// Creates a batch.
    public init(sourceFile: String, records: [(response: Response, row: Int)]) {
        self.sourceFile = sourceFile
        self.records = records
    }
}

/// A record the store did not store, and why.
public struct StoreRejection: Sendable, Hashable {
    /// Why a record was not stored.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// The record's wave has another granularity than the store (set by its first stored wave).
        case granularityMismatch(store: Wave.Granularity, record: Wave.Granularity)
        /// The key already came earlier in this import (the first occurrence stands).
        case duplicateInImport(file: String, row: Int)
        /// The key is stored with other values and ``ImportMode/replace`` is off.
        case changed

        /// A short sentence in lower case, for `file:row:column: value: reason` lines.
        public var description: String {
            switch self {
            case let .granularityMismatch(store, record):
                "wave is a \(record) but the store holds \(store) waves (one study uses one granularity)"
            case let .duplicateInImport(file, row):
                "duplicate (wave, respondent_id) within this import; first at \(file):\(row)"
            case .changed:
                "already stored with other values; not replaced (use --replace to overwrite)"
            }
        }

        /// The canonical column the reason is about: `wave` or `respondent_id`.
        public var column: String {
            switch self {
            case .granularityMismatch: "wave"
            case .duplicateInImport, .changed: "respondent_id"
            }
        }
    }

    /// The record's key.
    public var key: RecordKey
    /// The record's row in its source file.
    public var row: Int
    /// Why it was not stored.
    public var reason: Reason

    /// Creates a rejection.
    public init(key: RecordKey, row: Int, reason: Reason) {
        self.key = key
        self.row = row
        self.reason = reason
    }
}

/// What one import did with one file's records.
///
/// `offered == inserted + unchanged + replaced.count + skipped.count + rejected.count`.
public struct ImportOutcome: Sendable, Hashable {
    /// The source file name of the batch.
    public var sourceFile: String
    /// The id of the `imports` row written for this file; `nil` when the import was rolled back.
    public var importID: Int64?
    /// Records offered to the store.
    public var offered: Int
    /// New keys stored.
    public var inserted: Int
    /// Keys already stored with exactly these values (nothing written; the first provenance stands).
    public var unchanged: Int
    /// Keys stored with other values and overwritten (``ImportMode/replace`` on), with their
    /// rows, in import order.
    public var replaced: [KeyedRow]
    /// Keys stored with other values and left as they were (``ImportMode/replace`` off).
    public var skipped: [StoreRejection]
    /// Records the store refused (granularity, duplicate key within the import).
    public var rejected: [StoreRejection]
    /// Whether the import was committed; `false` when ``ImportMode/strict`` rolled it back.
    public var committed: Bool

    /// Records written (inserted or replaced), or that would have been written had the import
    /// been committed.
    public var written: Int { inserted + replaced.count }
}

/// Where a stored record came from.
public struct Provenance: Sendable, Hashable {
    /// The source file name as given on import.
    public var sourceFile: String
    /// The record's row in that file (header = row 1).
    public var row: Int
    /// The `imports` row that last wrote the record.
    public var importID: Int64
}

/// One row of the store's import log.
public struct ImportRecord: Sendable, Hashable {
    /// Import id, increasing.
    public var id: Int64
    /// Source file name as given.
    public var file: String
    /// When the import ran, ISO 8601 in UTC (`2026-11-29T16:31:00Z`).
    public var time: String
    /// Records offered, inserted, unchanged, replaced, skipped (changed, not replaced) and rejected.
    public var offered: Int, inserted: Int, unchanged: Int, replaced: Int, skipped: Int, rejected: Int
}
