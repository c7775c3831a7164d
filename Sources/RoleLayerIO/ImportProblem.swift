/// One problem found while reading an input file: where it is and why.
///
/// Renders as `file:row:column: value: reason` (data.md, "Validation and import rules"): `row`
/// is the record number with the header as row 1 (Qualtrics: the first response is row 4;
/// JSON Lines: the line number); `column` is the field name, or `nil` for a whole-row or
/// whole-file problem. Values are echoed at most 80 characters, and never for `comment`.
public struct ImportProblem: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The row (or the whole file, at row 1) is rejected.
        case error
        /// The row is accepted; something was ignored or merged.
        case warning
    }

    /// The file name as given on the command line.
    public var file: String
    /// 1-based record number, header = 1; `0` for a problem of the file as a whole before any row.
    public var row: Int
    /// The physical line the record starts on, when it differs from `row`.
    public var line: Int?
    /// The column (canonical field name or source column), or `nil` for the whole row.
    public var column: String?
    /// The offending value, already shortened to at most 80 characters; `nil` when not shown.
    public var value: String?
    /// Why it is a problem, a short sentence in lower case.
    public var reason: String
    /// Error (row rejected) or warning (row accepted).
    public var severity: Severity

    /// Creates a problem; `value` is shortened to 80 characters here.
    public init(file: String, row: Int, line: Int? = nil, column: String? = nil, value: String? = nil, reason: String, severity: Severity = .error) {
        self.file = file
        self.row = row
        self.line = line
        self.column = column
        self.value = value.map(ImportProblem.shorten)
        self.reason = reason
        self.severity = severity
    }

    /// `file:row:column: value: reason`, with `(line N)` after the row where the line differs,
    /// `-` for a missing column and `""` for an empty value.
    public var description: String {
        var s = "\(file):\(row)"
        if let line, line != row { s += " (line \(line))" }
        s += ":\(column ?? "-"): "
        if let value { s += "\"\(value)\": " }
        s += severity == .warning ? "warning: \(reason)" : reason
        return s
    }

    /// Shortens a value for a message to at most 80 characters, marking the cut with `…`.
    public static func shorten(_ value: String) -> String {
        value.count <= 80 ? value : String(value.prefix(79)) + "…"
    }
}
