import RoleLayerCore

/// One accepted response and the row it came from (its provenance, kept by the store).
public struct ImportedResponse: Sendable, Hashable {
    /// The validated canonical record.
    public var response: Response
    /// The row it was read from: the record number with the header as row 1 (canonical CSV),
    /// or the line number (JSON Lines), as in ``ImportProblem/row``.
    public var row: Int

    /// Pairs a response with its row.
    public init(response: Response, row: Int) {
        self.response = response
        self.row = row
    }
}

/// The layout of an input file.
public enum InputFormat: String, Sendable, Hashable, CaseIterable {
    /// Canonical CSV (data.md, "Formats"): header row, delimiter `,` `;` or tab, RFC 4180 quoting.
    case csv
    /// JSON Lines: one object per line with the canonical field names.
    case jsonLines

    /// The format of a file: extension `.jsonl` or `.ndjson` (any case) gives ``jsonLines``;
    /// otherwise a first non-blank byte `{` (after a byte-order mark) gives ``jsonLines``;
    /// anything else, an empty file included, is ``csv``.
    public static func detect(fileName: String, bytes: [UInt8]) -> InputFormat {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonLines }
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        return i < bytes.count && bytes[i] == UInt8(ascii: "{") ? .jsonLines : .csv
    }
}

/// What reading one file produced: the accepted responses with their rows, and every problem.
///
/// A file-level problem (empty file, header-only file, missing or duplicated required column,
/// undecodable header) is an error at row 0 (empty file) or row 1 (the header) and leaves
/// ``accepted`` empty and ``rowsRead`` at 0 when the header was rejected.
public struct ReadReport: Sendable {
    /// The file name as given (used in every problem).
    public var file: String
    /// The format the file was read as.
    public var format: InputFormat
    /// Data records seen: not the header, not blank lines (a quoted field spanning lines is one record).
    /// Every one is accepted, rejected, or filtered: `rowsRead == accepted.count + rejectedRows + filteredRows`.
    public var rowsRead: Int
    /// The accepted responses, in file order.
    public var accepted: [ImportedResponse]
    /// Errors and warnings, in row order (within a row, in column order of the file).
    public var problems: [ImportProblem]
    /// Number of distinct data rows rejected (file-level problems are not counted here).
    public var rejectedRows: Int
    /// The wave granularity the file was checked against: the caller's, or the one of the first
    /// valid wave in the file; `nil` when no row had a valid wave.
    public var granularity: Wave.Granularity?
    /// Rows left out by a mapping file's row filters, by filter name (a row counts under the first
    /// filter it matches; see ``MappingFile/filterNames`` for their order). Empty for canonical files.
    public var filtered: [String: Int]
    /// `true` when any problem is an error (a row or the whole file rejected, or no data rows):
    /// the CLI's exit status 1.
    public var hasErrors: Bool

    /// Creates a report; ``hasErrors`` is derived from `problems`.
    public init(file: String, format: InputFormat, rowsRead: Int = 0, accepted: [ImportedResponse] = [],
                problems: [ImportProblem] = [], rejectedRows: Int = 0, granularity: Wave.Granularity? = nil,
                filtered: [String: Int] = [:]) {
        self.file = file
        self.format = format
        self.rowsRead = rowsRead
        self.accepted = accepted
        self.problems = problems
        self.rejectedRows = rejectedRows
        self.granularity = granularity
        self.filtered = filtered
        self.hasErrors = problems.contains { $0.severity == .error }
    }

    /// Rows left out by filters, all filters together.
    public var filteredRows: Int { filtered.values.reduce(0, +) }
    /// The errors only.
    public var errors: [ImportProblem] { problems.filter { $0.severity == .error } }
    /// The warnings only.
    public var warnings: [ImportProblem] { problems.filter { $0.severity == .warning } }
}

/// An input that cannot be read at all: missing, a directory, no permission, an I/O error.
/// The CLI maps it to exit status 2 (data.md, "Exit status").
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path as given.
    public var path: String
    /// Why it cannot be read, for example `"no such file"`, `"is a directory"`, `"permission denied"`.
    public var reason: String

    /// Creates the error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
}
